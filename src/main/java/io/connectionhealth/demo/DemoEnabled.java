package io.connectionhealth.demo;

import io.connectionhealth.base.InvalidSettingException;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.util.Locale;

/**
 * {@code app.demo.enabled} (env APP_DEMO_ENABLED): {@code true}, {@code false}, or {@code auto} (the default): on
 * only while the database is the embedded H2. Pointing {@code SPRING_DATASOURCE_URL} at a production PostgreSQL
 * without the {@code postgres} profile had seeded 150 demo connections there, whose simulated breakages then
 * notified the real webhook.
 */
class DemoEnabled implements Condition {

    static final String PROPERTY = "app.demo.enabled";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String value = context.getEnvironment().getProperty(PROPERTY, "auto").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            case "auto", "" -> embedded(context.getEnvironment().getProperty("spring.datasource.url", ""));
            default -> throw new InvalidSettingException(PROPERTY + " (APP_DEMO_ENABLED) must be true, false or auto, "
                    + "was '" + value + "'");
        };
    }

    /** The start without the demo, which says where to go in a line of its own (ReadyLine). */
    static class Not implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !new DemoEnabled().matches(context, metadata);
        }
    }

    static boolean embedded(String datasourceUrl) {
        return datasourceUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:h2:");
    }
}
