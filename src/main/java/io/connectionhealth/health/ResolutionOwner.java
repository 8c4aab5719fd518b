package io.connectionhealth.health;

/** Who must act. PLATFORM is Leen's "LEEN": the operator of the integration layer, i.e. our user. */
public enum ResolutionOwner {
    PLATFORM, CUSTOMER, VENDOR
}
