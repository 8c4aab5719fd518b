package io.connectionhealth.signal.ui;

import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import io.connectionhealth.base.ui.Formats;

import java.time.Duration;

/**
 * From or To of the logs' custom range, to the second in the user's time zone. A picker sends no change for text it
 * cannot read (a date without a time had looked applied), for its last text erased, nor for half of an applied bound
 * cleared: on Enter and on leaving it, and when its value empties, it asks the browser what its fields hold.
 */
final class TimePicker extends DateTimePicker {

    static final String NOT_A_TIME = "Not a date and time: type the date as yyyy-mm-dd and the time as "
            + "HH:mm, or pick them from their lists";
    static final String INCOMPLETE = "Give both a date and a time, the time as 24-hour HH:mm or HH:mm:ss "
            + "(00:00:00 for the start of a day)";

    private final Runnable cleared;

    /**
     * @param minErrorMessage what a value before the minimum says, or null for a picker without one
     * @param cleared         run when the picker was emptied on purpose (nothing typed is left in it)
     */
    TimePicker(String label, String id, String minErrorMessage, Runnable cleared) {
        super(label);
        this.cleared = cleared;
        setId(id);
        setStep(Duration.ofSeconds(1));
        setMaxWidth("100%");
        setHelperText("Your time zone: " + Formats.zoneName());
        DateTimePicker.DateTimePickerI18n i18n = new DateTimePicker.DateTimePickerI18n()
                .setBadInputErrorMessage(NOT_A_TIME).setIncompleteInputErrorMessage(INCOMPLETE);
        setI18n(minErrorMessage == null ? i18n : i18n.setMinErrorMessage(minErrorMessage));
        Formats.writtenAsThePage(this);
        Formats.strictDatesAndTimes(this);
        getElement().addEventListener("focusout", e -> askIfUnread());
        getElement().addEventListener("keydown", e -> askIfUnread()).setFilter("event.key === 'Enter'");
    }

    /** A value was read: a message {@link #emptied} set would otherwise stand for every later fault, "before From" too. */
    void valueRead() {
        if (getErrorMessage() != null && !getErrorMessage().isEmpty()) {
            setErrorMessage(null);
            validate();
        }
    }

    /**
     * Text that is not a date empties the picker's value, as clearing it does; a filter without that bound would be
     * applied and the typed text replaced from the URL without a word. So an emptied picker asks the browser for its
     * text first: text that could not be read changes nothing and says so; an empty picker drops the bound.
     */
    void askIfUnread() {
        getElement().executeJs("""
                        if (this.value) return null;
                        return [...this.querySelectorAll('vaadin-date-picker, vaadin-time-picker')]
                            .map(p => p.inputElement ? p.inputElement.value : '').join('\u001f')""")
                .then(String.class, text -> {
                    if (text != null) {
                        emptied(text);
                    }
                });
    }

    /** The browser's answer for an emptied picker: the text its date and time fields still hold, split by U+001F. */
    void emptied(String text) {
        if (text != null && !text.replace('\u001f', ' ').isBlank()) {
            String[] parts = text.split("\u001f", -1);
            // a date without a time (or the reverse) is not wrong, only half of what is needed
            boolean half = parts.length == 2 && parts[0].isBlank() != parts[1].isBlank();
            setErrorMessage(half ? INCOMPLETE : NOT_A_TIME);
            setInvalid(true);
            return;
        }
        setInvalid(false);
        cleared.run();
    }
}
