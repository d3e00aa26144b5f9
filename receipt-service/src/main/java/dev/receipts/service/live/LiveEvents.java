package dev.receipts.service.live;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.receipts.service.live.MessageChanged.Change;
import io.quarkus.scheduler.Scheduled;

/**
 * The open event streams of {@code GET /api/v1/me/events}, by owner. A committed {@link MessageChanged} goes to
 * the streams of each change's owner only; a comment line every {@code receipts.live.keep-alive} keeps idle
 * streams (and the proxies in between) open and finds the closed ones.
 */
@ApplicationScoped
public class LiveEvents {
    private static final Logger LOG = Logger.getLogger(LiveEvents.class);

    private record Stream(SseEventSink sink, Sse sse) {
    }

    /** The data of an event {@code message}: the page refetches that message. */
    private record Payload(String messageId, String recipient) {
    }

    private final Map<String, Set<Stream>> streams = new ConcurrentHashMap<>();

    @Inject
    ObjectMapper objectMapper;

    /** Opens a stream for an owner; a first comment line tells the client it is open. */
    public void open(String owner, SseEventSink sink, Sse sse) {
        Stream stream = new Stream(sink, sse);
        streams.computeIfAbsent(owner, k -> ConcurrentHashMap.newKeySet()).add(stream);
        send(owner, stream, sse.newEventBuilder().comment("connected").build());
    }

    /** How many streams are open (all owners). */
    public int openStreams() {
        return streams.values().stream().mapToInt(Set::size).sum();
    }

    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) MessageChanged changed) {
        for (Change change : changed.changes()) {
            Set<Stream> ownStreams = streams.get(change.owner());
            if (ownStreams == null) {
                continue;
            }
            String data;
            try {
                data = objectMapper.writeValueAsString(new Payload(change.messageId(), change.recipient()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            for (Stream stream : ownStreams) {
                send(change.owner(), stream, stream.sse().newEventBuilder().name("message")
                    .mediaType(MediaType.TEXT_PLAIN_TYPE).data(String.class, data).build());
            }
        }
    }

    @Scheduled(every = "${receipts.live.keep-alive:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void keepAlive() {
        streams.forEach((owner, ownStreams) -> ownStreams.forEach(stream ->
            send(owner, stream, stream.sse().newEventBuilder().comment("keep-alive").build())));
    }

    private void send(String owner, Stream stream, OutboundSseEvent event) {
        if (stream.sink().isClosed()) {
            close(owner, stream);
            return;
        }
        stream.sink().send(event).whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.debugf("Event stream of [%s] closed: %s", owner, failure.getMessage());
                close(owner, stream);
            }
        });
    }

    private void close(String owner, Stream stream) {
        Set<Stream> ownStreams = streams.get(owner);
        if (ownStreams != null) {
            ownStreams.remove(stream);
            streams.computeIfPresent(owner, (k, v) -> v.isEmpty() ? null : v);
        }
        try {
            stream.sink().close();
        } catch (RuntimeException e) {
            // already closed
        }
    }
}
