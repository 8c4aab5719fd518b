package io.connectionhealth.base.ui;

import com.vaadin.flow.component.html.Span;
import io.connectionhealth.health.ConnectionStatus;
import io.connectionhealth.health.Effect;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.ResolutionOwner;

import java.util.Locale;

/** Lumo badges that say their meaning in words, so they read the same without colour. */
public final class Badges {

    private Badges() {
    }

    public static Span of(String text, String theme) {
        Span badge = new Span(text);
        badge.getElement().getThemeList().add("badge");
        if (theme != null && !theme.isBlank()) {
            for (String t : theme.split(" ")) {
                badge.getElement().getThemeList().add(t);
            }
        }
        return badge;
    }

    public static Span status(ConnectionStatus status) {
        Span badge = switch (status) {
            case HEALTHY -> of(label(status), "success");
            case UNHEALTHY -> of(label(status), "error");
            case UNHEALTHY_NOW -> of(label(status), "error primary");
            case NEW -> of(label(status), "contrast");
        };
        badge.getElement().setAttribute("title", meaning(status));
        return badge;
    }

    /** What the status says (SPEC §3): "Unhealthy" and "Unhealthy now" differ in whether it ever worked. */
    public static String meaning(ConnectionStatus status) {
        return switch (status) {
            case HEALTHY -> "Healthy: its latest signal with an effect worked.";
            case UNHEALTHY -> "Unhealthy: it failed and has never worked (often set up wrong from the start).";
            case UNHEALTHY_NOW -> "Unhealthy now: it worked before and is failing now (something changed).";
            case NEW -> "New: no signal has had an effect yet.";
        };
    }

    /** "Unhealthy now" rather than UNHEALTHY_NOW. */
    public static String label(ConnectionStatus status) {
        return switch (status) {
            case HEALTHY -> "Healthy";
            case UNHEALTHY -> "Unhealthy";
            case UNHEALTHY_NOW -> "Unhealthy now";
            case NEW -> "New";
        };
    }

    public static String label(ResolutionOwner owner) {
        return switch (owner) {
            case PLATFORM -> "Platform";
            case CUSTOMER -> "Customer";
            case VENDOR -> "Vendor";
        };
    }

    public static Span healthName(HealthName name) {
        return of(name.name(), name == HealthName.HEALTHY ? "success small" : "error small");
    }

    /** An HTTP status (or a timeout): green for 2xx/3xx, amber for 429, red for other errors. */
    public static Span httpStatus(Integer status, boolean timedOut) {
        if (timedOut || status == null) {
            return of("timeout", "error");
        }
        String theme = status < 400 ? "success" : status == 429 ? "warning" : "error";
        return of(String.valueOf(status), theme);
    }

    /** What a classified signal did to its connection. */
    public static Span effect(Effect effect) {
        return switch (effect) {
            case HEALTHY -> of("counts healthy", "success small");
            case UNHEALTHY -> of("counts unhealthy", "error small");
            case NONE -> of("no effect", "contrast small");
        };
    }

    public static String enumLabel(Enum<?> value) {
        return Formats.capitalized(value.name().replace('_', ' ').toLowerCase(Locale.ROOT));
    }
}
