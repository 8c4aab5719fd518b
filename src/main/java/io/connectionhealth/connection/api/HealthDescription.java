package io.connectionhealth.connection.api;

import io.connectionhealth.health.Health;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

import java.util.List;

/** The health object's {@code status} takes two values (SPEC §3); the record holds it as text, so it says so here. */
@Component
class HealthDescription implements OpenApiCustomizer {

    @Override
    @SuppressWarnings("unchecked")
    public void customise(OpenAPI api) {
        Schema<String> status = (Schema<String>) api.getComponents().getSchemas().get("Health").getProperties().get("status");
        status.setEnum(List.of(Health.HEALTHY_STATUS, Health.UNHEALTHY_STATUS));
    }
}
