package io.connectionhealth.base.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What an API key must be allowed to do to call an operation that changes something, as the API description says it
 * ({@code x-key-access} and the 403's reason, OpenApiConfig). The services check it ({@code Actor.require…}); a
 * test calls every operation with each kind of key and holds the two together.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface KeyAccess {

    Level value();

    enum Level {
        /** Reports signals and manages connections: a key with full access, or one that may report. */
        REPORT("report"),
        /** The workspace's settings and the events' delivery: a key with full access only. */
        FULL("full");

        private final String apiName;

        Level(String apiName) {
            this.apiName = apiName;
        }

        public String apiName() {
            return apiName;
        }
    }
}
