package io.connectionhealth.base.sql;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A search for "50%_off" finds that text, not every text with "50" in it. */
class LikeTest {

    @Test
    void theWildcardsAndTheEscapeCharacterAreMatchedLiterally() {
        assertThat(Like.escape("50%_off\\x")).isEqualTo("50\\%\\_off\\\\x");
        assertThat(Like.containing("a_b")).isEqualTo("%a\\_b%");
        assertThat(Like.containing("")).isEqualTo("%%");
    }
}
