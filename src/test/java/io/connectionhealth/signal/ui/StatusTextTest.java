package io.connectionhealth.signal.ui;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The logs' status filter as typed, row by row: what it names and what is wrong with it. */
class StatusTextTest {

    @ParameterizedTest(name = "''{0}'' → exact {1}, class {2}, problem {3}")
    @CsvSource(nullValues = "-", value = {
            // typed, exact, class, problem
            "401,  401, -, -",
            "100,  100, -, -",
            "599,  599, -, -",
            "4xx,  -,   4, -",
            "1xx,  -,   1, -",
            "5xx,  -,   5, -",
            "099,  99,  -, IMPOSSIBLE",
            "600,  600, -, IMPOSSIBLE",
            "999,  999, -, IMPOSSIBLE",
            "6xx,  -,   -, NOT_A_STATUS",
            "4XX,  -,   -, NOT_A_STATUS",
            "40,   -,   -, NOT_A_STATUS",
            "4011, -,   -, NOT_A_STATUS",
            "abc,  -,   -, NOT_A_STATUS",
            "' 401', -, -, NOT_A_STATUS",
            "'',   -,   -, -",
            "'  ', -,   -, -",
    })
    void namesAStatusOrAClassAndSaysWhatIsWrong(String typed, Integer exact, Integer statusClass, String problem) {
        assertThat(StatusText.exact(typed)).isEqualTo(exact);
        assertThat(StatusText.statusClass(typed)).isEqualTo(statusClass);
        assertThat(StatusText.problem(typed)).isEqualTo(problem == null ? null
                : problem.equals("IMPOSSIBLE") ? StatusText.IMPOSSIBLE : StatusText.NOT_A_STATUS);
    }

    @Test
    void nothingTypedNamesNothing() {
        assertThat(StatusText.exact(null)).isNull();
        assertThat(StatusText.statusClass(null)).isNull();
        assertThat(StatusText.problem(null)).isNull();
    }
}
