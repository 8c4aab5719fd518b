package io.connectionhealth.health;

/** Which side an error came from, as reported by the integration layer. VENDOR is the default. */
public enum ErrorOrigin {
    VENDOR, PLATFORM
}
