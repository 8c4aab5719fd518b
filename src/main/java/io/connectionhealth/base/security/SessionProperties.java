package io.connectionhealth.base.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code app.security.*}. {@code sessionMaxAge} (env APP_SECURITY_SESSION_MAX_AGE): how long a dashboard sign-in
 * lasts however busy it is. The idle timeout alone never ends a session whose tab stays open, since the page keeps
 * it alive; a lost or shared laptop would stay signed in for weeks.
 */
@ConfigurationProperties("app.security")
public record SessionProperties(@DefaultValue("12h") Duration sessionMaxAge) {

    public SessionProperties {
        if (sessionMaxAge.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("app.security.session-max-age must be at least 1m, was " + sessionMaxAge
                    + " (a number without a unit is milliseconds: write 12h)");
        }
    }
}
