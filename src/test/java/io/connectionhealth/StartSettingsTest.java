package io.connectionhealth;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.connectionhealth.base.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.env.MockEnvironment;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void aPortOutOfRangeStopsTheStartNamingTheSetting() {
        for (String fine : new String[]{"1", "8080", " 65535 ", "0", "", "  ", "eighty"}) {
            assertThatCode(() -> StartSettings.requirePorts(new MockEnvironment().withProperty("server.port", fine)
                    .withProperty("management.server.port", fine))).as(fine).doesNotThrowAnyException();
        }
        assertThatCode(() -> StartSettings.requirePorts(new MockEnvironment().withProperty("management.server.port",
                "-1"))).as("no management port of its own").doesNotThrowAnyException();
        // Spring takes -1 as "no web server": the application started, answering nothing (a review)
        assertThatThrownBy(() -> StartSettings.requirePorts(new MockEnvironment().withProperty("server.port", "-1")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("server.port (PORT or SERVER_PORT) must be a port from 1 to 65535 (or 0 for any free one), was -1");
        assertThatCode(() -> StartSettings.requirePorts(new MockEnvironment())).doesNotThrowAnyException();
        assertThatThrownBy(() -> StartSettings.requirePorts(new MockEnvironment().withProperty("server.port", "70000")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("server.port (PORT or SERVER_PORT) must be a port from 1 to 65535 (or 0 for any free one), was 70000");
        assertThatThrownBy(() -> StartSettings.requirePorts(new MockEnvironment().withProperty("server.port", "65536")))
                .isInstanceOf(InvalidSettingException.class);
        assertThatThrownBy(() -> StartSettings.requirePorts(new MockEnvironment().withProperty("server.port", "8080")
                .withProperty("management.server.port", "-2"))).isInstanceOf(InvalidSettingException.class)
                .hasMessage("management.server.port (MANAGEMENT_SERVER_PORT) must be a port from 1 to 65535 (or 0 for any free one, -1 for none), was -2");
    }

    /** The warnings {@link StartSettings#warnAboutSlips} logs for these variables and this environment. */
    private static List<String> warnings(Map<String, String> variables, MockEnvironment environment) {
        Logger logger = (Logger) LoggerFactory.getLogger(StartSettings.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            StartSettings.warnAboutSlips(variables, environment);
        } finally {
            logger.detachAppender(appender);
        }
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    private static MockEnvironment h2() {
        return new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:file:./data/connection-health");
    }

    @Test
    void aStartWithoutSlipsWarnsOfNothing() {
        assertThat(warnings(Map.of("APP_DEMO_ENABLED", "false", "HOME", "/root"), h2())).isEmpty();
        MockEnvironment postgres = new MockEnvironment().withProperty("spring.datasource.url",
                "jdbc:postgresql://db/health").withProperty("server.servlet.session.timeout", "30m");
        postgres.setActiveProfiles("postgres");
        assertThat(warnings(Map.of(), postgres)).isEmpty();
        assertThat(warnings(Map.of(), new MockEnvironment())).as("no data source given: H2's default").isEmpty();
    }

    @Test
    void mistypedAndEmptyVariablesAreNamedInOneLineEach() {
        assertThat(warnings(Map.of("APP_WEBHOOK_ALLOWED_CIDRS", "10.0.0.0/8"), h2())).singleElement().asString()
                .startsWith("APP_WEBHOOK_ALLOWED_CIDRS is no setting of this application, so it is ignored;")
                .contains("APP_WEBHOOKS_ALLOWED_CIDRS").contains("APP_DEMO_ENABLED");
        assertThat(warnings(Map.of("APP_A", "1", "APP_B", "2"), h2())).singleElement().asString()
                .startsWith("APP_A, APP_B are no setting of this application, so they are ignored;");
        assertThat(warnings(Map.of("APP_RETENTION_PURGE_INTERVAL", ""), h2())).singleElement().asString()
                .isEqualTo("APP_RETENTION_PURGE_INTERVAL is set to nothing, which counts as not set: its default applies "
                        + "(see README.md, Configuration)");
        assertThat(warnings(Map.of("APP_RETENTION_PURGE_INTERVAL", "", "APP_WEBHOOKS_JITTER", ""), h2()))
                .singleElement().asString().startsWith("APP_RETENTION_PURGE_INTERVAL, APP_WEBHOOKS_JITTER are set to "
                        + "nothing").contains("each one's default applies");
    }

    @Test
    void aSessionTimeoutUnderAMinuteIsWarnedAbout() {
        assertThat(warnings(Map.of(), h2().withProperty("server.servlet.session.timeout", "30"))).singleElement()
                .asString().startsWith("server.servlet.session.timeout (SERVER_SERVLET_SESSION_TIMEOUT) is 30 s")
                .contains("write 30m");
        assertThat(warnings(Map.of(), h2().withProperty("server.servlet.session.timeout", "59s"))).hasSize(1);
        for (String fine : new String[]{"60", "1m", "30m", " ", "soon"}) {
            assertThat(warnings(Map.of(), h2().withProperty("server.servlet.session.timeout", fine))).as(fine).isEmpty();
        }
    }

    @Test
    void aProfileThatIsNotTheApplicationsIsWarnedAboutOnH2() {
        MockEnvironment typo = h2();
        typo.setActiveProfiles("postgresql");
        assertThat(warnings(Map.of(), typo)).singleElement().asString()
                .startsWith("Active profile [postgresql] is not one of this application's, and the database is the "
                        + "embedded H2 (jdbc:h2:file:./data/connection-health)");
        MockEnvironment right = h2();
        right.setActiveProfiles("postgres");
        assertThat(warnings(Map.of(), right)).as("the profile without its data source: H2 is what it says").isEmpty();
        MockEnvironment own = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/health");
        own.setActiveProfiles("postgres", "mine");
        assertThat(warnings(Map.of(), own)).as("an operator's own profile beside it").isEmpty();
    }

    @Test
    void postgresqlWithoutItsProfileIsWarnedAbout() {
        MockEnvironment none = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/health");
        assertThat(warnings(Map.of(), none)).singleElement().asString()
                .startsWith("The database is PostgreSQL, but the profile 'postgres' is not active");
        none.setActiveProfiles("prod");
        assertThat(warnings(Map.of(), none)).hasSize(1);
    }
}
