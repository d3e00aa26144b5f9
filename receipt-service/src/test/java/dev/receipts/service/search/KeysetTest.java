package dev.receipts.service.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import dev.receipts.service.common.InvalidRequestException;

class KeysetTest {
    @Test
    void cursorShouldSurviveEncodingWithMicroseconds() {
        Keyset.Cursor cursor = new Keyset.Cursor(Instant.parse("2026-11-23T10:00:00.123456Z"), 42);

        assertThat(Keyset.Cursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(Keyset.Cursor.decode(null)).isNull();
    }

    @Test
    void decodeShouldRefuseAnythingElse() {
        assertThatThrownBy(() -> Keyset.Cursor.decode("abc")).isInstanceOf(InvalidRequestException.class)
            .hasMessageStartingWith("after must be the 'next' cursor of a previous page, got [abc]");
    }

    @Test
    void pageShouldCutTheExtraRowAndNameTheLastShown() {
        Instant t = Instant.parse("2026-11-23T10:00:00Z");
        List<Keyset.Cursor> rows = List.of(new Keyset.Cursor(t, 3), new Keyset.Cursor(t, 2), new Keyset.Cursor(t, 1));

        Keyset.Page<Keyset.Cursor> page = Keyset.page(rows, 2, Function.identity(), Function.identity());

        assertThat(page.items()).hasSize(2);
        assertThat(Keyset.Cursor.decode(page.next())).isEqualTo(new Keyset.Cursor(t, 2));
        assertThat(Keyset.page(rows, 3, Function.identity(), Function.identity()).next()).isNull();
    }
}
