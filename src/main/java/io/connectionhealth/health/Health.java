package io.connectionhealth.health;

import org.jspecify.annotations.Nullable;

import java.util.List;

/** Leen's health object as the API shows it. {@code status} is HEALTHY or UNHEALTHY. */
public record Health(HealthName name, String status, @Nullable ResolutionOwner resolutionOwner, String description,
                     List<ExportDetail> details) {

    public static final String HEALTHY_STATUS = "HEALTHY";
    public static final String UNHEALTHY_STATUS = "UNHEALTHY";

    public static final Health HEALTHY = new Health(HealthName.HEALTHY, HEALTHY_STATUS, null,
            HealthName.HEALTHY.description(), List.of());

    public static Health unhealthy(HealthName name, ResolutionOwner owner, List<ExportDetail> details) {
        return new Health(name, UNHEALTHY_STATUS, owner, name.description(), details == null ? List.of() : List.copyOf(details));
    }
}
