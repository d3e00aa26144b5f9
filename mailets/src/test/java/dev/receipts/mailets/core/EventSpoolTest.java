package dev.receipts.mailets.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSpoolTest {
    @TempDir
    Path directory;

    @Test
    void openShouldCreateTheSpoolLayout() throws Exception {
        EventSpool.open(directory.resolve("spool"));

        assertThat(directory.resolve("spool/tmp")).isDirectory();
        assertThat(directory.resolve("spool/ready")).isDirectory();
        assertThat(directory.resolve("spool/dead")).isDirectory();
    }

    @Test
    void appendShouldStoreTheEventInReady() throws Exception {
        EventSpool testee = EventSpool.open(directory);

        Path file = testee.append("{\"id\":\"1\"}");

        assertThat(file.getParent()).isEqualTo(directory.resolve("ready"));
        assertThat(file).hasContent("{\"id\":\"1\"}");
        assertThat(directory.resolve("tmp")).isEmptyDirectory();
        assertThat(testee.pendingCount()).isEqualTo(1);
    }

    @Test
    void appendShouldNameFilesSoThatTheySortInCreationOrder() throws Exception {
        EventSpool testee = EventSpool.open(directory);

        for (int i = 0; i < 50; i++) {
            testee.append("{\"n\":" + i + "}");
        }

        List<Path> oldest = testee.oldest(500);
        assertThat(oldest).hasSize(50);
        assertThat(oldest).allSatisfy(file -> assertThat(file.getFileName().toString())
            .matches("\\d{13}-\\d{10}-[0-9a-f-]{36}\\.json"));
        assertThat(oldest.stream().map(EventSpoolTest::content).collect(Collectors.toList()))
            .containsExactlyElementsOf(Stream.iterate(0, i -> i + 1).limit(50).map(i -> "{\"n\":" + i + "}")
                .collect(Collectors.toList()));
    }

    @Test
    void oldestShouldReturnOnlyTheOldestFiles() throws Exception {
        EventSpool testee = EventSpool.open(directory);
        for (int i = 0; i < 10; i++) {
            testee.append("{\"n\":" + i + "}");
        }

        assertThat(testee.oldest(3).stream().map(EventSpoolTest::content))
            .containsExactly("{\"n\":0}", "{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void openShouldKeepReadyFilesAndRemoveIncompleteOnes() throws Exception {
        EventSpool first = EventSpool.open(directory);
        first.append("{\"n\":1}");
        Files.writeString(directory.resolve("tmp/0000000000001-0000000001-crashed.json"), "{\"n\":");

        EventSpool testee = EventSpool.open(directory);

        assertThat(testee.oldest(10).stream().map(EventSpoolTest::content)).containsExactly("{\"n\":1}");
        assertThat(directory.resolve("tmp")).isEmptyDirectory();
    }

    @Test
    void appendShouldNotifyListeners() throws Exception {
        EventSpool testee = EventSpool.open(directory);
        int[] calls = {0};
        testee.onAppend(() -> calls[0]++);

        testee.append("{}");

        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void openShouldFailWhenTheDirectoryCannotBeCreated() throws Exception {
        Path file = Files.writeString(directory.resolve("a-file"), "x");

        assertThatThrownBy(() -> EventSpool.open(file.resolve("spool"))).isInstanceOf(IOException.class);
    }

    @Test
    void moveToDeadShouldKeepTheFile() throws Exception {
        EventSpool testee = EventSpool.open(directory);
        Path file = testee.append("not json");

        testee.moveToDead(file, "why it is dead");

        assertThat(testee.pendingCount()).isZero();
        assertThat(testee.deadCount()).as("the reason file is not counted").isEqualTo(1);
        assertThat(directory.resolve("dead").resolve(file.getFileName())).hasContent("not json");
        assertThat(directory.resolve("dead").resolve(file.getFileName() + EventSpool.REASON_SUFFIX))
            .hasContent("why it is dead");
    }

    private static String content(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
