package io.connectionhealth.signal;

import com.fasterxml.jackson.annotation.JsonValue;
import io.connectionhealth.base.ApiNamed;

import java.util.Locale;

/** What kind of call it was: a request for data, a webhook the integration received, or a login (authorization) attempt. */
public enum ApiCallType implements ApiNamed {
    INBOUND, WEBHOOK, LOGIN;

    @JsonValue
    @Override
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
