package io.connectionhealth.base;

/**
 * A setting of the application (an environment variable or property) that cannot be used; the message names it, the
 * variable and the value. It stops the start, and {@link InvalidSettingFailureAnalyzer} prints the message as the
 * reason, instead of leaving it in a "Caused by" line deep in a stack trace.
 */
public class InvalidSettingException extends IllegalArgumentException {

    public InvalidSettingException(String message) {
        super(message);
    }

    public InvalidSettingException(String message, Throwable cause) {
        super(message, cause);
    }
}
