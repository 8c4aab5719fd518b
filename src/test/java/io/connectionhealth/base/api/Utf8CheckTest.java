package io.connectionhealth.base.api;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class Utf8CheckTest {

    /** Hex bytes, the offset of the first byte that breaks UTF-8 (-1: none), whether it ends on a whole character. */
    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource({
            "7b7d, -1, true",                 // {}
            "c3a9, -1, true",                 // é
            "e282ac, -1, true",               // €
            "f09d849e, -1, true",             // 𝄞, U+1D11E
            "efbbbf7b7d, -1, true",           // a byte order mark, then {}
            "f48fbfbf, -1, true",             // U+10FFFF, the last one
            "ed9fbf, -1, true",               // U+D7FF, just below the surrogates
            "c2a9, -1, true",                 // ©, C2 the lowest two-byte lead
            "dfbf, -1, true",                 // U+07FF, DF the highest two-byte lead
            "e0a080, -1, true",               // U+0800, the lowest three-byte character
            "e18080, -1, true",               // U+1000, E1 the lowest plain three-byte lead
            "f0908080, -1, true",             // U+10000, the lowest four-byte character
            "f1808080, -1, true",             // U+40000, F1 a plain four-byte lead
            "f3bfbfbf, -1, true",             // U+FFFFF, F3 the highest plain four-byte lead
            "e09f80, 1, true",                // overlong, three bytes: just below E0's A0
            "f08f8080, 1, true",              // overlong, four bytes: just below F0's 90
            "f4bf8080, 1, true",              // past U+10FFFF: above F4's 8F
            "c2c0, 1, true",                  // a continuation byte must be 80–BF
            "6f6cc0af6964, 2, true",          // ol C0 AF id: an overlong '/' (the parser read it as one)
            "c1bf, 0, true",                  // overlong, two bytes
            "e080af, 1, true",                // overlong, three bytes
            "f0808080, 1, true",              // overlong, four bytes
            "eda080, 1, true",                // a surrogate, U+D800
            "f4908080, 1, true",              // past U+10FFFF
            "f5808080, 0, true",              // no such lead byte
            "80, 0, true",                    // a continuation byte alone
            "c328, 1, true",                  // a lead byte without its continuation
            "e282, -1, false"})               // cut short: only the end can tell
    void findsTheFirstByteThatBreaksUtf8(String hex, int firstBad, boolean complete) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        Utf8Check check = new Utf8Check();
        assertThat(check.check(bytes, 0, bytes.length)).isEqualTo(firstBad);
        if (firstBad < 0) {
            assertThat(check.complete()).isEqualTo(complete);
        }
    }

    @ParameterizedTest(name = "{0} split after {1}")
    @CsvSource({"f09d849e, 1", "f09d849e, 2", "f09d849e, 3", "e282ac, 1", "c3a9, 1"})
    void aCharacterSplitBetweenTwoReadsIsWhole(String hex, int split) {
        byte[] bytes = HexFormat.of().parseHex(hex);
        Utf8Check check = new Utf8Check();
        assertThat(check.check(bytes, 0, split)).isEqualTo(-1);
        assertThat(check.complete()).isFalse();
        assertThat(check.check(bytes, split, bytes.length - split)).isEqualTo(-1);
        assertThat(check.complete()).isTrue();
        assertThat(check.position()).isEqualTo(bytes.length);
    }
}
