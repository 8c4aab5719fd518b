package io.connectionhealth.base;

import java.util.List;

/** Bad input: one entry per bad field, with the batch index where there is one. Answered as 400. */
public class ValidationException extends RuntimeException {

    private final List<FieldError> errors;

    public ValidationException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors.subList(0, Math.min(errors.size(), LISTED)));
    }

    public static ValidationException of(String field, String message) {
        return new ValidationException(field + ": " + message, List.of(new FieldError(null, field, message)));
    }

    /** The most errors an answer lists: a batch can hold millions of faults, and listing them all fills the heap. */
    public static final int LISTED = 100;

    /** "The connection is not valid; nothing was stored (integration_type is required)": the detail names the fault. */
    public static ValidationException invalid(String notValid, List<FieldError> errors) {
        FieldError first = errors.getFirst();
        String more = errors.size() == 1 ? ""
                : errors.size() <= LISTED ? "; " + (errors.size() - 1) + " more in errors"
                : "; " + (errors.size() - 1) + " more, the first " + LISTED + " in errors";
        return new ValidationException(notValid + "; nothing was stored (" + (first.index() == null ? ""
                : "item " + first.index() + ", ") + first.field() + " " + first.message() + more + ")", errors);
    }

    /** The most of a refused value an answer repeats: a megabyte-long value had come back twice in its 400. */
    public static final int ECHOED = 100;

    /** The value as an answer repeats it: whole up to {@link #ECHOED} characters, else its start and its length. */
    public static String clip(String value) {
        if (value == null || value.length() <= ECHOED) {
            return value;
        }
        int end = Character.isHighSurrogate(value.charAt(ECHOED - 1)) ? ECHOED - 1 : ECHOED;
        return value.substring(0, end) + "… (" + value.length() + " characters)";
    }

    /** The first {@link #LISTED} errors. */
    public List<FieldError> errors() {
        return errors;
    }

    /** {@code index} is the position in a batch, null for a single object. */
    public record FieldError(Integer index, String field, String message) {
    }
}
