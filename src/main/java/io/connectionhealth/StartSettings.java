package io.connectionhealth;

import io.connectionhealth.base.security.SessionProperties;
import io.connectionhealth.notification.WebhookProperties;
import io.connectionhealth.workspace.RetentionProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.format.annotation.DurationFormat;
import org.springframework.format.datetime.standard.DurationFormatterUtils;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Slips in the settings that Spring takes silently, said at start (an audit of operators' mistakes): an {@code APP_*}
 * variable the application has no setting for (a typo such as APP_WEBHOOK_ALLOWED_CIDRS is otherwise ignored), and a
 * profile it does not define while the database is the embedded H2 ({@code postgresql} for {@code postgres} had run on
 * ./data with one INFO line to tell).
 */
final class StartSettings {

    private static final Logger log = LoggerFactory.getLogger(StartSettings.class);

    /** The application's own profile; a profile of the operator's own may hold their settings, so it is not refused. */
    static final Set<String> PROFILES = Set.of("postgres");

    /** Settings that stop the start when given as nothing, saying so (DemoSettings). */
    private static final Set<String> REFUSED_EMPTY = Set.of("APP_DEMO_TRAFFIC_INTERVAL");

    /** Every app.* setting, as its property. */
    static final Set<String> SETTINGS = Stream.of(
                    properties("app.webhooks.", WebhookProperties.class),
                    properties("app.retention.", RetentionProperties.class),
                    properties("app.security.", SessionProperties.class),
                    Stream.of("app.bootstrap.admin-password", "app.bootstrap.api-key",
                            "app.bootstrap.reset-admin-password", "app.demo.enabled", "app.demo.traffic-interval"))
            .flatMap(s -> s).collect(Collectors.toUnmodifiableSet());

    private StartSettings() {
    }

    /**
     * A port out of range (PORT=70000) had stopped the start only when the web server bound it, after the migration, in
     * 160 lines; one that is no number Spring reports before.
     */
    static void requirePorts(Environment environment) {
        // -1 is "no port": right for the management port (none of its own), but the dashboard and API need one
        for (String[] port : new String[][]{{"server.port", "PORT or SERVER_PORT", "0 for any free one", "0"},
                {"management.server.port", "MANAGEMENT_SERVER_PORT", "0 for any free one, -1 for none", "-1"}}) {
            String value = environment.getProperty(port[0]);
            if (value == null || value.isBlank()) {
                continue;
            }
            try {
                int number = Integer.parseInt(value.strip());
                if (number < Integer.parseInt(port[3]) || number > 65_535) {
                    throw new io.connectionhealth.base.InvalidSettingException(port[0] + " (" + port[1] + ") must be a "
                            + "port from 1 to 65535 (or " + port[2] + "), was " + number);
                }
            } catch (NumberFormatException unreadable) {
                // Spring names it, with its origin, when it binds the port
            }
        }
    }

    static void warnAboutSlips(Map<String, String> environmentVariables, Environment environment) {
        List<String> unknown = unknownVariables(environmentVariables.keySet());
        if (!unknown.isEmpty()) {
            log.warn("{} {} no setting of this application, so {} ignored; check the spelling against README.md, "
                            + "Configuration (the settings are {})", String.join(", ", unknown),
                    unknown.size() == 1 ? "is" : "are", unknown.size() == 1 ? "it is" : "they are",
                    SETTINGS.stream().map(StartSettings::variable).sorted().collect(Collectors.joining(", ")));
        }
        List<String> empty = emptyVariables(environmentVariables);
        if (!empty.isEmpty()) {
            log.warn("{} {} set to nothing, which counts as not set: {} default applies (see README.md, "
                    + "Configuration)", String.join(", ", empty), empty.size() == 1 ? "is" : "are",
                    empty.size() == 1 ? "its" : "each one's");
        }
        java.time.Duration idle = seconds(environment.getProperty("server.servlet.session.timeout"));
        if (idle != null && idle.compareTo(java.time.Duration.ofMinutes(1)) < 0) {
            log.warn("server.servlet.session.timeout (SERVER_SERVLET_SESSION_TIMEOUT) is {} s: a signed-in user idle "
                    + "that long must sign in again. A number without a unit is seconds; write 30m", idle.toSeconds());
        }
        String url = environment.getProperty("spring.datasource.url", "");
        List<String> active = Arrays.asList(environment.getActiveProfiles());
        List<String> foreign = active.stream().filter(p -> !PROFILES.contains(p)).toList();
        if (!foreign.isEmpty() && url.startsWith("jdbc:h2:")) {
            log.warn("Active profile {} is not one of this application's, and the database is the embedded H2 ({}): "
                    + "for PostgreSQL the profile is 'postgres' (SPRING_PROFILES_ACTIVE=postgres)", foreign, url);
        } else if (url.startsWith("jdbc:postgresql:") && !active.contains("postgres")) {
            log.warn("The database is PostgreSQL, but the profile 'postgres' is not active, so its settings (batched "
                    + "inserts as multi-row statements, a 30 s limit on logging in) are not applied: set "
                    + "SPRING_PROFILES_ACTIVE=postgres");
        }
    }

    /** As Spring reads the session timeout (a number is seconds); null where it cannot, which Spring then reports. */
    private static java.time.Duration seconds(String value) {
        try {
            return value == null || value.isBlank() ? null
                    : DurationFormatterUtils.detectAndParse(value.strip(), DurationFormat.Unit.SECONDS);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * The settings among these variables given as nothing ({@code APP_RETENTION_PURGE_INTERVAL=} in a compose file):
     * Spring takes them as not set, so a value the operator meant to give, or to clear, was silently the default.
     */
    static List<String> emptyVariables(Map<String, String> variables) {
        Set<String> unknown = Set.copyOf(unknownVariables(variables.keySet()));
        // only the empty ones: blanks are no value either, and their setting's own check names them
        return variables.entrySet().stream().filter(v -> v.getKey().startsWith("APP_") && v.getValue().isEmpty()
                && !unknown.contains(v.getKey()) && !REFUSED_EMPTY.contains(v.getKey()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** The APP_* names among these that match no setting (compared as Spring binds them: case, '_', '.', '-' aside). */
    static List<String> unknownVariables(Set<String> names) {
        Set<String> known = SETTINGS.stream().map(StartSettings::folded).collect(Collectors.toSet());
        return names.stream().filter(n -> n.startsWith("APP_")).filter(n -> !known.contains(folded(n)))
                .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
    }

    private static Stream<String> properties(String prefix, Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(c -> prefix + kebab(c.getName()));
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static String folded(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[._-]", "");
    }

    private static String variable(String property) {
        return property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
