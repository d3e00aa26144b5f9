package dev.receipts.service.retention;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressRewritingTest {
    @Test
    void replaceShouldReplaceEveryOccurrenceInAnyCase() {
        assertThat(AddressRewriting.replace("550 <Dave@Partner.Example>: no; dave@partner.example", "dave@partner.example",
            "ps_x")).isEqualTo("550 <ps_x>: no; ps_x");
    }

    @Test
    void replaceShouldTreatTheAddressLiterally() {
        assertThat(AddressRewriting.replace("a.b+c@x.example and aXb+c@x.example", "a.b+c@x.example", "$1"))
            .isEqualTo("$1 and aXb+c@x.example");
    }

    @Test
    void mapListShouldMapEachAddressOfACommaSeparatedList() {
        assertThat(AddressRewriting.mapList("Dave@Partner.Example, bob@corp.example",
            a -> a.endsWith("@partner.example") ? "ps_d" : a)).isEqualTo("ps_d,bob@corp.example");
    }

    @Test
    void mapListShouldReturnTheListItselfWhenNothingChanged() {
        assertThat(AddressRewriting.mapList("Bob@corp.example, carol@corp.example", a -> a))
            .isEqualTo("Bob@corp.example, carol@corp.example");
        assertThat(AddressRewriting.mapList(null, a -> "x")).isNull();
    }

    @Test
    void containsPatternShouldEscapeLikeWildcards() {
        assertThat(AddressRewriting.containsPattern("a_b%c\\d@x")).isEqualTo("%a\\_b\\%c\\\\d@x%");
    }
}
