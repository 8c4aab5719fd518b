package io.connectionhealth.workspace;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

import java.util.Collection;

/**
 * A dashboard user as signed in: with the credential stamp of the password hash that sign-in checked, so that a
 * session can tell that the password changed since (the stamp outlives Spring's erasing of the password).
 */
public final class SignedInUser extends User {

    private final String credentialStamp;

    public SignedInUser(String username, String passwordHash, Collection<? extends GrantedAuthority> authorities,
                 String credentialStamp) {
        super(username, passwordHash, authorities);
        this.credentialStamp = credentialStamp;
    }

    public String credentialStamp() {
        return credentialStamp;
    }

    /** The same user after the password was changed in this session. */
    public SignedInUser withCredentialStamp(String stamp) {
        return new SignedInUser(getUsername(), "", getAuthorities(), stamp);
    }

    // User's equals and hashCode compare the username only, which is what a principal needs
    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
