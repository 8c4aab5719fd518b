package io.connectionhealth.connection.ui;

import io.connectionhealth.health.HealthName;
import io.connectionhealth.health.ResolutionOwner;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The seeds' troubleshooting guidance, per health name and status code. */
class GuidanceTest {

    private static String text(Guidance g) {
        return g.summary() + " " + String.join(" ", g.steps()) + " " + g.whoActs();
    }

    @Test
    void followsTheSeedsPerStatusCode() {
        assertThat(text(Guidance.of(HealthName.UNAUTHORIZED, 401, ResolutionOwner.CUSTOMER)))
                .contains("re-authorize").contains("Credentials updated").contains("credentials_updated")
                .contains("Who acts: the customer");
        assertThat(text(Guidance.of(HealthName.UNAUTHORIZED, 403, ResolutionOwner.CUSTOMER)))
                .contains("Compare the scopes").contains("Credentials updated")
                .as("the owner the list and its tiles show, with the team's check before it")
                .contains("Who acts: the customer, who re-authorizes").contains("Check steps 1 and 2 on your side");
        assertThat(text(Guidance.of(HealthName.HEALTHY, 404, null)))
                .contains("no data was found").contains("Verify the input");
        assertThat(text(Guidance.of(HealthName.RATE_LIMIT_EXCEEDED, 429, ResolutionOwner.PLATFORM)))
                .contains("Throttle").contains("Who acts: you");
        assertThat(text(Guidance.of(HealthName.VENDOR_SERVER_ERROR, 503, ResolutionOwner.VENDOR)))
                .contains("(503)").contains("status page").contains("Retry").contains("the vendor");
        assertThat(text(Guidance.of(HealthName.HEALTHY, 501, null))).contains("not implemented");
        assertThat(text(Guidance.of(HealthName.INTERNAL_ERROR, null, ResolutionOwner.PLATFORM)))
                .contains("integration layer itself failed");
        assertThat(text(Guidance.of(HealthName.EXECUTION_TIMEOUT, null, ResolutionOwner.PLATFORM)))
                .contains("did not finish in time");
        assertThat(text(Guidance.of(HealthName.VENDOR_CLIENT_ERROR, 404, ResolutionOwner.PLATFORM)))
                .contains("404 Not Found");
        assertThat(text(Guidance.of(HealthName.VENDOR_CLIENT_ERROR, 422, ResolutionOwner.PLATFORM)))
                .contains("client error (422)");
    }

    @Test
    void everyHealthNameHasAdvice() {
        for (HealthName name : HealthName.values()) {
            assertThat(Guidance.of(name, null, null).summary()).isNotBlank();
        }
    }
}
