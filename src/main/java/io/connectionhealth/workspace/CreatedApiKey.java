package io.connectionhealth.workspace;

/** A new key with its secret, which is shown this once and never again. */
public record CreatedApiKey(ApiKey key, String secret) {
}
