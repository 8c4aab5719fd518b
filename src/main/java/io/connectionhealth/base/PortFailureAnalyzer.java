package io.connectionhealth.base;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * A port that is no number ({@code PORT=abc}): Spring's report named the setting's placeholder in
 * application.properties ({@code "${PORT:8080}"}) as the value, not what was given (an audit of operators' mistakes).
 * A number out of range is refused by StartSettings.
 */
@Order(Ordered.HIGHEST_PRECEDENCE) // before Spring's own report of a failed binding
public class PortFailureAnalyzer implements FailureAnalyzer {

    private final Environment environment;

    PortFailureAnalyzer(Environment environment) {
        this.environment = environment;
    }

    /** Read as a port where it is bound (BindException), or where a condition reads it first (springdoc's). */
    @Override
    public FailureAnalysis analyze(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String property = t instanceof BindException bind ? bind.getName().toString()
                    : t instanceof InvalidConfigurationPropertyValueException invalid ? invalid.getName() : null;
            String variables = property == null ? null : switch (property) {
                case "server.port" -> "PORT or SERVER_PORT";
                case "management.server.port" -> "MANAGEMENT_SERVER_PORT";
                default -> null;
            };
            if (variables != null) {
                String value;
                try {
                    value = environment.getProperty(property);
                } catch (RuntimeException unresolvable) {
                    value = "(unreadable)";
                }
                return new FailureAnalysis(property + " (" + variables + ") must be a port from 1 to 65535, was '"
                        + value + "'", "Correct that setting (README.md, Configuration) and start again.", failure);
            }
        }
        return null;
    }
}
