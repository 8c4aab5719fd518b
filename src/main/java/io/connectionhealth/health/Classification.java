package io.connectionhealth.health;

import java.util.List;

/**
 * The verdict on one signal: its health name, who must act, what it does to the connection, which rule fired
 * and why, in one line. {@code resolutionOwner} is null when the effect is HEALTHY or NONE.
 * {@code unhealthyCode} is the HTTP status recorded as the connection's last_unhealthy_code (null for timeouts
 * and internal errors).
 */
public record Classification(HealthName healthName, ResolutionOwner resolutionOwner, Effect effect, String rule,
                             String explanation, List<ExportDetail> details, Integer unhealthyCode) {

    public Classification {
        details = details == null ? List.of() : List.copyOf(details);
    }
}
