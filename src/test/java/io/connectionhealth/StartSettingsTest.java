package io.connectionhealth;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The APP_* variables the start warns about: those that match no setting of the application. */
class StartSettingsTest {

    @Test
    void aMistypedVariableIsNamedAndTheRealOnesAreNot() {
        assertThat(StartSettings.unknownVariables(Set.of("APP_WEBHOOK_ALLOWED_CIDRS", "APP_WEBHOOKS_ALLOWED_CIDRS",
                "APP_WEBHOOKS_RETRY_SCHEDLE", "APP_DEMO_ENABLED", "APP_SECURITY_SESSION_MAX_AGE",
                "APP_RETENTION_PURGE_INTERVAL", "APPLICATION", "PATH")))
                .containsExactly("APP_WEBHOOKS_RETRY_SCHEDLE", "APP_WEBHOOK_ALLOWED_CIDRS");
    }

    @Test
    void aSettingGivenAsNothingIsNamedForItMeansTheDefault() {
        assertThat(StartSettings.emptyVariables(java.util.Map.of("APP_RETENTION_PURGE_INTERVAL", "",
                "APP_WEBHOOKS_JITTER", "", "APP_SECURITY_SESSION_MAX_AGE", " ", "APP_DEMO_ENABLED", "false", "APP_DEMO_TRAFFIC_INTERVAL", "",
                "APP_NOT_A_SETTING", "", "HOME", "")))
                .as("blanks and the interval are refused by their own checks")
                .containsExactly("APP_RETENTION_PURGE_INTERVAL", "APP_WEBHOOKS_JITTER");
    }

    /** Every variable the docs name is one the start knows, so documenting a new setting means listing it too. */
    @Test
    void everyDocumentedVariableIsKnown() throws Exception {
        Set<String> documented = new TreeSet<>();
        for (String doc : new String[]{"README.md", "docs/operations.md", "docs/decisions.md"}) {
            Matcher m = Pattern.compile("\\bAPP_[A-Z0-9_]*[A-Z0-9]").matcher(Files.readString(Path.of(doc)));
            while (m.find()) {
                documented.add(m.group());
            }
        }
        documented.remove("APP_WEBHOOK_ALLOWED_CIDRS"); // the typo the docs give as an example
        assertThat(documented).hasSizeGreaterThan(10);
        assertThat(StartSettings.unknownVariables(documented)).isEmpty();
    }

    /** And the other way round: every setting is in the README or the operations guide. */
    @Test
    void everySettingIsDocumented() throws Exception {
        String docs = Files.readString(Path.of("README.md")) + Files.readString(Path.of("docs/operations.md"));
        assertThat(StartSettings.SETTINGS).hasSizeGreaterThan(10).allSatisfy(property -> assertThat(docs)
                .contains(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_')));
    }
}
