package dev.receipts.service.stats;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.receipts.service.common.InvalidRequestException;

/**
 * The figures behind the charts (docs/web-api.md, "Charts"), per recipient, over the messages submitted in the
 * last {@code days} days (whole UTC days, today included). {@code owner} scopes them to one employee's messages;
 * null counts everyone's.
 */
@ApplicationScoped
public class StatsService {
    static final int MAX_DAYS = 366;
    /** RFC 3463 status classes by subject (the second number). */
    private static final Map<String, String> SUBJECTS = Map.of("0", "other", "1", "addressing", "2", "mailbox",
        "3", "mail system", "4", "network and routing", "5", "mail delivery protocol", "6", "message content",
        "7", "security or policy");
    private static final String DAY = "cast(m.submitted_at at time zone 'UTC' as date)";
    private static final String DOMAIN = "case when position('@' in r.address_norm) > 0 "
        + "then substring(r.address_norm from position('@' in r.address_norm) + 1) else '(pseudonymised)' end";

    @Inject
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public record DayOutcomes(String day, long delivered, long failed, long delayed, long relayed, long displayed,
                              long noReceipt) {
    }

    public record Outcomes(List<DayOutcomes> days) {
    }

    public record DomainFailures(String domain, long failed) {
    }

    public record ClassFailures(@JsonProperty("class") String statusClass, String label, long failed) {
    }

    public record Failures(List<DomainFailures> byDomain, List<ClassFailures> byStatusClass) {
    }

    public record Bucket(String label, long count) {
    }

    public record TimeToDisplayed(List<Bucket> buckets, String median) {
    }

    @Transactional
    public Outcomes outcomes(int days, String owner) {
        LocalDate first = firstDay(days);
        Map<String, long[]> byDay = new LinkedHashMap<>();
        for (LocalDate d = first; !d.isAfter(today()); d = d.plusDays(1)) {
            byDay.put(d.toString(), new long[6]);
        }
        Query query = em.createNativeQuery("select " + DAY + ", r.delivery_state, r.disposition_state, count(*) "
            + "from sent_message m join message_recipient r on r.message_id = m.id "
            + "where m.submitted_at >= :since" + (owner == null ? "" : " and m.owner = :owner")
            + " group by " + DAY + ", r.delivery_state, r.disposition_state");
        for (Object row : scoped(query, first, owner).getResultList()) {
            Object[] cells = (Object[]) row;
            long[] counts = byDay.get(String.valueOf(cells[0]));
            if (counts == null) {
                continue;
            }
            long n = ((Number) cells[3]).longValue();
            switch (String.valueOf(cells[1])) {
                case "DELIVERED" -> counts[0] += n;
                case "FAILED" -> counts[1] += n;
                case "DELAYED" -> counts[2] += n;
                case "RELAYED" -> counts[3] += n;
                default -> {
                }
            }
            if ("DISPLAYED".equals(cells[2])) {
                counts[4] += n;
            } else if ("NONE".equals(cells[2])) {
                counts[5] += n;
            }
        }
        List<DayOutcomes> result = new ArrayList<>();
        byDay.forEach((day, c) -> result.add(new DayOutcomes(day, c[0], c[1], c[2], c[3], c[4], c[5])));
        return new Outcomes(result);
    }

    @Transactional
    public Failures failures(int days, String owner) {
        LocalDate first = firstDay(days);
        String scope = " from sent_message m join message_recipient r on r.message_id = m.id "
            + "where r.delivery_state = 'FAILED' and m.submitted_at >= :since"
            + (owner == null ? "" : " and m.owner = :owner");
        List<DomainFailures> byDomain = new ArrayList<>();
        for (Object row : scoped(em.createNativeQuery("select " + DOMAIN + ", count(*)" + scope + " group by " + DOMAIN
            + " order by count(*) desc, " + DOMAIN), first, owner).setMaxResults(20).getResultList()) {
            Object[] cells = (Object[]) row;
            byDomain.add(new DomainFailures(String.valueOf(cells[0]), ((Number) cells[1]).longValue()));
        }
        String statusClass = "substring(r.delivery_status from 1 for 3)";
        List<ClassFailures> byClass = new ArrayList<>();
        for (Object row : scoped(em.createNativeQuery("select " + statusClass + ", count(*)" + scope + " group by "
            + statusClass + " order by count(*) desc"), first, owner).getResultList()) {
            Object[] cells = (Object[]) row;
            String code = cells[0] == null ? null : String.valueOf(cells[0]);
            byClass.add(new ClassFailures(code == null ? "unknown" : code, label(code), ((Number) cells[1]).longValue()));
        }
        return new Failures(byDomain, byClass);
    }

    @Transactional
    public TimeToDisplayed timeToDisplayed(int days, String owner) {
        LocalDate first = firstDay(days);
        List<Duration> durations = new ArrayList<>();
        for (Object row : scoped(em.createNativeQuery("select m.submitted_at, r.disposition_at from sent_message m "
            + "join message_recipient r on r.message_id = m.id where r.disposition_state = 'DISPLAYED' "
            + "and r.disposition_at is not null and m.submitted_at >= :since"
            + (owner == null ? "" : " and m.owner = :owner")), first, owner).getResultList()) {
            Object[] cells = (Object[]) row;
            Duration d = Duration.between(instant(cells[0]), instant(cells[1]));
            durations.add(d.isNegative() ? Duration.ZERO : d);
        }
        String[] labels = {"< 1 min", "1–10 min", "10–60 min", "1–24 h", "> 1 day"};
        Duration[] limits = {Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofDays(1)};
        long[] counts = new long[labels.length];
        for (Duration d : durations) {
            int i = 0;
            while (i < limits.length && d.compareTo(limits[i]) >= 0) {
                i++;
            }
            counts[i]++;
        }
        List<Bucket> buckets = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            buckets.add(new Bucket(labels[i], counts[i]));
        }
        durations.sort(null);
        String median = durations.isEmpty() ? null
            : durations.get((durations.size() - 1) / 2).truncatedTo(ChronoUnit.SECONDS).toString();
        return new TimeToDisplayed(buckets, median);
    }

    public static int days(Integer days) {
        int d = days == null ? 30 : days;
        if (d < 1 || d > MAX_DAYS) {
            throw new InvalidRequestException("days must be between 1 and " + MAX_DAYS + ", got [" + d + "]");
        }
        return d;
    }

    private static Query scoped(Query query, LocalDate first, String owner) {
        query.setParameter("since", first.atStartOfDay(ZoneOffset.UTC).toInstant());
        if (owner != null) {
            query.setParameter("owner", owner);
        }
        return query;
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private LocalDate firstDay(int days) {
        return today().minusDays(days - 1L);
    }

    private static String label(String code) {
        if (code == null || code.length() < 3) {
            return "unknown";
        }
        return SUBJECTS.getOrDefault(code.substring(2, 3), "unknown");
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("Unexpected timestamp type " + value.getClass());
    }
}
