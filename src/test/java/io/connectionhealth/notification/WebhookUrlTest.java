package io.connectionhealth.notification;

import io.connectionhealth.base.ValidationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The webhook URL's rules say where a URL cannot be read, in words a user can act on. */
class WebhookUrlTest {

    private static String problem(String url) {
        try {
            NotificationSettingsService.validateUrl(url);
        } catch (ValidationException e) {
            return e.errors().getFirst().message();
        }
        throw new AssertionError("accepted: " + url);
    }

    @Test
    void anUnreadableUrlSaysWhichCharacterAndWhatToDo() {
        assertThat(problem("not a url")).isEqualTo("must be a full http(s) URL such as https://hooks.example.com/health "
                + "(it has a space at character 4; write a space in a path or query as %20)");
        assertThat(problem("https://hooks.example.com/a b")).contains("a space at character 28");
        assertThat(problem("https://hooks.example.com/a|b")).contains("'|' at character 28 is not allowed there; "
                + "percent-encode it");
        assertThat(problem("https://hooks.example.com/\uD83D\uDE00/a b")).as("characters, not UTF-16 units")
                .contains("a space at character 30");
        assertThat(problem("https://hooks.example.com/a\tb")).contains("an invisible character (U+0009) at character 28; "
                + "remove it");
        assertThat(problem("https://hooks example.com/x")).as("no encoding helps a host: the parser's reason")
                .doesNotContain("%20").contains("at character 14");
        assertThat(problem("https://[::1/x")).as("a missing ']' is not an encoding matter").doesNotContain("percent-encode");
    }

    @Test
    void aReadableUrlIsKeptAsGiven() {
        assertThat(NotificationSettingsService.validateUrl(" https://hooks.example.com/a%20b?x=1 "))
                .isEqualTo("https://hooks.example.com/a%20b?x=1");
        assertThatThrownBy(() -> NotificationSettingsService.validateUrl("https://hooks.example.com/#frag"))
                .isInstanceOf(ValidationException.class);
    }

    @Test
    void lettersBeyondAsciiInThePathOrQueryAreStoredAsTheyAreSentPercentEncoded() {
        assertThat(NotificationSettingsService.validateUrl("http://127.0.0.1:8080/hööк?q=ü&e=🙂"))
                .isEqualTo("http://127.0.0.1:8080/h%C3%B6%C3%B6%D0%BA?q=%C3%BC&e=%F0%9F%99%82");
        assertThat(NotificationSettingsService.validateUrl("https://hooks.example.com/h%C3%B6"))
                .as("already encoded: kept").isEqualTo("https://hooks.example.com/h%C3%B6");
        assertThat(problem("https://hooks.example.com/" + "ö".repeat(1000))).as("the column holds the encoded URL")
                .contains("must be at most 2048 characters once its letters beyond ASCII are percent-encoded");
    }
}
