package io.connectionhealth.health;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * A connection's health as the rules keep it: the two timestamps plus the verdict of the signal that set
 * {@code lastUnhealthyAt}. Status and the health object are derived from it, never stored out of step.
 * Timestamps never move backwards; at equal times an unhealthy signal replaces the one before it.
 */
public record HealthState(Instant lastHealthyAt, Instant lastUnhealthyAt, Integer lastUnhealthyCode,
                          HealthName unhealthyName, ResolutionOwner unhealthyOwner, List<ExportDetail> unhealthyDetails) {

    public static final HealthState NEW = new HealthState(null, null, null, null, null, List.of());

    /** Occurrence order; at equal times healthy signals are applied before unhealthy ones (SPEC §3). */
    public static final Comparator<Signal> APPLY_ORDER = Comparator.comparing(Signal::occurredAt)
            .thenComparing(s -> s.classification().effect() == Effect.UNHEALTHY);

    public HealthState {
        unhealthyDetails = unhealthyDetails == null ? List.of() : List.copyOf(unhealthyDetails);
    }

    /** A classified signal at the time it occurred. */
    public record Signal(Instant occurredAt, Classification classification) {
    }

    /** A change worth an event. {@code kind} says which. */
    public record Transition(Kind kind, ConnectionStatus previousStatus, ConnectionStatus status) {
        public enum Kind { BECAME_HEALTHY, BECAME_UNHEALTHY }
    }

    /** The state after one signal, and the transition it caused (null when none). */
    public record Step(HealthState state, Transition transition) {
    }

    public ConnectionStatus status() {
        return ConnectionStatus.of(lastHealthyAt, lastUnhealthyAt);
    }

    /** Leen's health object; null while NEW. */
    public Health health() {
        return switch (status()) {
            case NEW -> null;
            case HEALTHY -> Health.HEALTHY;
            case UNHEALTHY, UNHEALTHY_NOW -> Health.unhealthy(unhealthyName, unhealthyOwner, unhealthyDetails);
        };
    }

    public Step apply(Signal signal) {
        Classification c = signal.classification();
        Instant at = signal.occurredAt();
        HealthState next = switch (c.effect()) {
            case HEALTHY -> lastHealthyAt == null || at.isAfter(lastHealthyAt)
                    ? new HealthState(at, lastUnhealthyAt, lastUnhealthyCode, unhealthyName, unhealthyOwner, unhealthyDetails)
                    : this;
            case UNHEALTHY -> lastUnhealthyAt == null || !at.isBefore(lastUnhealthyAt)
                    ? new HealthState(lastHealthyAt, at, c.unhealthyCode(), c.healthName(), c.resolutionOwner(), c.details())
                    : this;
            case NONE -> this;
        };
        return new Step(next, transition(this, next));
    }

    private static Transition transition(HealthState before, HealthState after) {
        ConnectionStatus from = before.status();
        ConnectionStatus to = after.status();
        if (to == ConnectionStatus.HEALTHY && from != ConnectionStatus.HEALTHY) {
            return new Transition(Transition.Kind.BECAME_HEALTHY, from, to);
        }
        if (to.isUnhealthy() && (from == ConnectionStatus.NEW || from == ConnectionStatus.HEALTHY)) {
            return new Transition(Transition.Kind.BECAME_UNHEALTHY, from, to);
        }
        if (to.isUnhealthy() && from.isUnhealthy() && before.unhealthyName != after.unhealthyName) {
            return new Transition(Transition.Kind.BECAME_UNHEALTHY, from, to);
        }
        return null;
    }
}
