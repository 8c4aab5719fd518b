package io.connectionhealth.notification.ui;

import io.connectionhealth.notification.EventType;
import io.connectionhealth.notification.NotificationSettings;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The form itself is walked in SettingsViewTest, on the page that holds it; this is its wording of a change. */
class NotificationSettingsFormTest {

    @Test
    void theQuestionAboutAChangeElsewhereNamesWhatChanged() {
        var shown = settingsOf("https://a.example.com/x", List.of(EventType.CONNECTION_CREATED, EventType.CONNECTION_HEALTHY));
        assertThat(NotificationSettingsForm.changes(shown, settingsOf("https://b.example.com/x",
                List.of(EventType.CONNECTION_HEALTHY, EventType.CONNECTION_UNHEALTHY))))
                .isEqualTo(": the URL, and CONNECTION_UNHEALTHY now sent, and CONNECTION_CREATED no longer sent");
        assertThat(NotificationSettingsForm.changes(shown, settingsOf(null, shown.events()))).isEqualTo(": the URL");
        assertThat(NotificationSettingsForm.changes(shown, shown)).as("a change this page does not show").isEmpty();
    }

    private static NotificationSettings settingsOf(String url, List<EventType> events) {
        return new NotificationSettings(url, events, "whsec_x", "enabled", null, null,
                null, null, null);
    }
}
