package io.connectionhealth.base;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database URL no driver here takes (jdbc:postgres://… for jdbc:postgresql://…) failed the start with "Driver
 * org.h2.Driver claims to not accept jdbcUrl": the embedded database's driver, since no other matched, which sent
 * operators looking at H2. Says which URLs work instead; the URL is shown without its query, which may hold a password.
 * Registered in spring.factories.
 */
public class DatabaseUrlFailureAnalyzer implements FailureAnalyzer {

    private static final String NO_JDBC = "'url' must start with \"jdbc\"";
    private static final String ACTION = "Set SPRING_DATASOURCE_URL to a PostgreSQL URL, which begins jdbc:postgresql:// "
            + "(for example jdbc:postgresql://db:5432/connection_health), with SPRING_PROFILES_ACTIVE=postgres; or leave "
            + "it unset for the embedded H2 database.";
    private static final Pattern NOT_ACCEPTED = Pattern.compile("claims to not accept jdbcUrl, (\\S+)");

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            Matcher refused = cause.getMessage() == null ? null : NOT_ACCEPTED.matcher(cause.getMessage());
            if (refused != null && refused.find()) {
                return analysis(refused.group(1), cause);
            }
            if (cause instanceof IllegalArgumentException && NO_JDBC.equals(cause.getMessage())) {
                // postgresql://… as other tools write it: Spring names no URL, and the start ended in 90 lines
                return new FailureAnalysis("The database URL (SPRING_DATASOURCE_URL) does not begin with jdbc:.",
                        ACTION, cause);
            }
        }
        return null;
    }

    private static FailureAnalysis analysis(String url, Throwable cause) {
        int query = url.indexOf('?');
        return new FailureAnalysis("The database URL '" + (query < 0 ? url : url.substring(0, query) + "?…")
                + "' is not one a database driver here accepts.", ACTION, cause);
    }
}
