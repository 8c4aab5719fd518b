package io.connectionhealth.signal;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** What kind of call it was: a request for data, a webhook the integration received, or a login (authorization) attempt. */
public enum ApiCallType {
    INBOUND, WEBHOOK, LOGIN;

    @JsonValue
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
