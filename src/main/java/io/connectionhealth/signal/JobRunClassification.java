package io.connectionhealth.signal;

import org.jspecify.annotations.Nullable;

import io.connectionhealth.health.Effect;
import io.connectionhealth.health.ExportDetail;
import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.ResolutionOwner;

import java.util.List;

/** Why a job run counts as it does: {@code rule} is the SPEC §2b step that applied; details name the exports. */
public record JobRunClassification(HealthName healthName, @Nullable ResolutionOwner resolutionOwner, Effect effect, String rule,
                                   String explanation, List<ExportDetail> details) {
}
