package io.connectionhealth.connection;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class SearchFoldTest {

    @ParameterizedTest
    @CsvSource({
            "ACME-Corp_42, acme-corp_42",
            "İstanbul, istanbul",
            "ΣΊΣΥΦΟΣ, σίσυφοσ",
            "σίσυφος, σίσυφοσ",
            "ÄRZTE, ärzte",
            "i\u0307x, ix",
            "\uD801\uDC00, \uD801\uDC28", // a letter beyond the 16-bit range (Deseret) lowers too
    })
    void lowersOneLetterAtATimeWithoutContextRules(String text, String folded) {
        assertThat(SearchFold.fold(text)).isEqualTo(folded);
    }

    @ParameterizedTest
    @CsvSource({"İstanbul ΣΊΣΥΦΟΣ", "ΣΊΣ", "Ärzte ΟΔΟΣ İİ"})
    void agreesWithTheContextRulesOfJavasOwnLowering(String text) {
        // what H2's lower() and an ICU collation do, and what the dashboard's word splitting did before folding
        assertThat(SearchFold.fold(text.toLowerCase(Locale.ROOT))).isEqualTo(SearchFold.fold(text));
    }

    @Test
    void theSqlTakesTheSameTwoStepsWithEachDatabasesSpellingOfTheDot() {
        assertThat(SearchFold.foldSql("lower(x)", true)).isEqualTo("replace(translate(lower(x), 'ς', 'σ'), char(775), '')");
        assertThat(SearchFold.foldSql("lower(x)", false)).isEqualTo("replace(translate(lower(x), 'ς', 'σ'), chr(775), '')");
    }
}
