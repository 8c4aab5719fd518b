package io.connectionhealth.base.api;

import java.io.IOException;

/** A request body over the limit; answered 413. An IOException so it travels through the JSON reader. */
class PayloadTooLargeException extends IOException {
    PayloadTooLargeException(long limit) {
        this(limit, "");
    }

    PayloadTooLargeException(long limit, String qualifier) {
        super("The request body is larger than " + (limit / (1024 * 1024)) + " MiB" + qualifier);
    }
}
