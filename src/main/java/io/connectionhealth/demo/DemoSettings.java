package io.connectionhealth.demo;

import io.connectionhealth.base.InvalidSettingException;
import org.springframework.core.env.Environment;
import org.springframework.format.annotation.DurationFormat;
import org.springframework.format.datetime.standard.DurationFormatterUtils;

import java.time.Duration;

/** The demo's settings, read before Flyway migrates (see {@code Application}), as every other setting of ours. */
public final class DemoSettings {

    static final String TRAFFIC_INTERVAL = "app.demo.traffic-interval";

    private DemoSettings() {
    }

    /**
     * The simulated traffic's interval is read by {@code @Scheduled}, which failed the start only once the database was
     * migrated, with a stack trace naming neither the variable nor the property. Read here as it reads it.
     */
    public static void requireReadable(Environment environment) {
        String value = environment.getProperty(TRAFFIC_INTERVAL);
        if (value == null) {
            return;
        }
        if (value.isBlank()) {
            // Spring's scheduling takes no empty interval: its own failure named neither the variable nor the fix
            throw new InvalidSettingException(TRAFFIC_INTERVAL + " (APP_DEMO_TRAFFIC_INTERVAL) is set to nothing: "
                    + "give it a duration such as 5s, or remove it for the default");
        }
        Duration interval;
        try {
            interval = DurationFormatterUtils.detectAndParse(value.strip(), DurationFormat.Unit.MILLIS);
        } catch (RuntimeException e) {
            throw new InvalidSettingException(TRAFFIC_INTERVAL + " (APP_DEMO_TRAFFIC_INTERVAL) is not a duration: '"
                    + value + "'. Write it as 5s, 500ms, PT5S or a number of milliseconds", e);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new InvalidSettingException(TRAFFIC_INTERVAL + " (APP_DEMO_TRAFFIC_INTERVAL) must be longer than "
                    + "zero, was '" + value + "'");
        }
    }
}
