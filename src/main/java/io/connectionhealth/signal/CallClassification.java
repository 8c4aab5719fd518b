package io.connectionhealth.signal;

import org.jspecify.annotations.Nullable;

import io.connectionhealth.health.Effect;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.ResolutionOwner;

/** Why an API call counts as it does: {@code rule} is the SPEC §2a row that fired. */
public record CallClassification(@Nullable HealthName healthName, @Nullable ResolutionOwner resolutionOwner, Effect effect, String rule,
                                 String explanation) {
}
