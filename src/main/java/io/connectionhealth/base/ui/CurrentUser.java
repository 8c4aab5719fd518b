package io.connectionhealth.base.ui;

import com.vaadin.flow.spring.security.AuthenticationContext;
import io.connectionhealth.base.Actor;
import io.connectionhealth.workspace.UserAccount;
import io.connectionhealth.workspace.UserAccountService;
import org.springframework.stereotype.Component;

/**
 * The signed-in dashboard user as the services see them: an {@link Actor} with the user's workspace and role.
 * Looked up from the database each time a view is built, so a changed role or a removed user takes effect at once.
 */
@Component
public class CurrentUser {

    private final AuthenticationContext authentication;
    private final UserAccountService users;

    CurrentUser(AuthenticationContext authentication, UserAccountService users) {
        this.authentication = authentication;
        this.users = users;
    }

    public UserAccount account() {
        String username = authentication.getPrincipalName()
                .orElseThrow(() -> new IllegalStateException("Nobody is signed in"));
        return users.find(username).orElseThrow(() -> new IllegalStateException("No user " + username));
    }

    public Actor actor() {
        return account().actor();
    }

    public void signOut() {
        authentication.logout();
    }
}
