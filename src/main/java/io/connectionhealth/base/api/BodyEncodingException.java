package io.connectionhealth.base.api;

import java.io.IOException;

/**
 * A body that cannot be decoded: a Content-Encoding other than gzip, or a gzip body that is not gzip. Answered 400
 * (SPEC §5: every fault of a request's body, the size alone excepted). An IOException so it travels through the
 * JSON reader.
 */
class BodyEncodingException extends IOException {

    private final String field;
    private final String problem;

    BodyEncodingException(String field, String problem, String detail) {
        super(detail);
        this.field = field;
        this.problem = problem;
    }

    /** The name of what is wrong, for the problem's {@code errors}: {@code Content-Encoding} or {@code body}. */
    String field() {
        return field;
    }

    /** What is wrong with it, in a few words. */
    String problem() {
        return problem;
    }
}
