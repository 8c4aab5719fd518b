package io.connectionhealth.workspace.ui;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.server.VaadinSession;
import io.connectionhealth.base.Actor;
import io.connectionhealth.base.security.SignInThrottle;
import io.connectionhealth.base.ui.KaribuTest;
import io.connectionhealth.workspace.SignedInUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

import static com.github.mvysny.kaributesting.v10.LocatorJ._assertNone;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

class ChangePasswordDialogTest extends KaribuTest {

    @Autowired
    PasswordEncoder passwords;

    @Test
    void everyUserChangesTheirOwnPasswordGivingTheCurrentOne() {
        Actor viewer = signIn(Actor.Role.VIEWER); // its password is password-123
        String stampBefore = users.credentialStamp(viewer.id()).orElseThrow();
        ChangePasswordDialog dialog = openDialog();

        _setValue(dialog.replacement, "a-new-password");
        _setValue(dialog.repeated, "a-new-password");
        _click(dialog.save);
        assertThat(dialog.current.getErrorMessage()).as("left empty: asked for")
                .isEqualTo("Is required: enter the password you signed in with");

        _setValue(dialog.current, "not-my-password");
        _click(dialog.save);
        assertThat(dialog.current.isInvalid()).isTrue();
        assertThat(dialog.current.getErrorMessage()).isEqualTo("Is not your current password");

        _setValue(dialog.current, "password-123");
        _setValue(dialog.repeated, "a-new-passwort");
        _click(dialog.save);
        assertThat(dialog.repeated.isInvalid()).isTrue();

        _setValue(dialog.replacement, "short");
        _setValue(dialog.repeated, "shorter");
        _click(dialog.save);
        assertThat(dialog.replacement.isInvalid()).as("both faults at once (it had said only the mismatch)").isTrue();
        assertThat(dialog.replacement.getErrorMessage()).contains("at least 8 characters");
        assertThat(dialog.repeated.isInvalid()).isTrue();
        _setValue(dialog.repeated, "short");
        _click(dialog.save);
        assertThat(dialog.replacement.getErrorMessage()).contains("at least 8 characters");
        assertThat(dialog.repeated.isInvalid()).isFalse();
        _setValue(dialog.replacement, "🙂🙂🙂🙂");
        _setValue(dialog.repeated, "🙂🙂🙂🙂");
        _click(dialog.save);
        assertThat(dialog.replacement.isInvalid()).as("four characters, eight UTF-16 units").isTrue();
        assertThat(dialog.replacement.getErrorMessage()).contains("at least 8 characters");
        assertThat(dialog.isOpened()).as("nothing changed").isTrue();
        _setValue(dialog.replacement, "é".repeat(37));
        _setValue(dialog.repeated, "é".repeat(37));
        _click(dialog.save);
        assertThat(dialog.replacement.getErrorMessage()).as("74 bytes: more than bcrypt reads").contains("at most 72 bytes");

        _setValue(dialog.replacement, "password-123");
        _setValue(dialog.repeated, "password-123");
        _click(dialog.save);
        assertThat(dialog.replacement.getErrorMessage()).isEqualTo("Is the same as the current one");
        assertThat(matches(viewer, "password-123")).as("nothing changed yet").isTrue();

        _setValue(dialog.replacement, "a-new-password");
        _setValue(dialog.repeated, "a-new-password");
        _click(dialog.save);
        _assertNone(ChangePasswordDialog.class);
        assertThat(matches(viewer, "a-new-password")).isTrue();
        assertThat(matches(viewer, "password-123")).isFalse();
        String stampAfter = users.credentialStamp(viewer.id()).orElseThrow();
        assertThat(stampAfter).isNotEqualTo(stampBefore);
        SecurityContext kept = (SecurityContext) VaadinSession.getCurrent().getSession()
                .getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
        assertThat(((SignedInUser) kept.getAuthentication().getPrincipal()).credentialStamp())
                .as("this session stays signed in; others end").isEqualTo(stampAfter);
        assertThat(kept.getAuthentication().getName()).isEqualTo(viewer.id());
    }

    @Test
    void wrongCurrentPasswordsAreLimitedAsSignInsAre() {
        Actor viewer = signIn(Actor.Role.VIEWER); // its password is password-123
        ChangePasswordDialog dialog = openDialog();
        _setValue(dialog.replacement, "a-new-password");
        _setValue(dialog.repeated, "a-new-password");
        for (int i = 0; i < SignInThrottle.MAX_FAILURES - 1; i++) {
            guess(dialog, "guess-" + i);
            assertThat(dialog.current.getErrorMessage()).isEqualTo("Is not your current password");
        }
        _setValue(dialog.current, "password-123");
        // a new password the rules take, so that the current one is checked (a short one is refused before that)
        _setValue(dialog.replacement, "password-123");
        _setValue(dialog.repeated, "password-123");
        _click(dialog.save);
        assertThat(dialog.replacement.getErrorMessage()).as("the right one was taken, and clears the count")
                .isEqualTo("Is the same as the current one");

        _setValue(dialog.replacement, "a-new-password");
        _setValue(dialog.repeated, "a-new-password");
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            guess(dialog, "again-" + i);
            assertThat(dialog.current.getErrorMessage()).isEqualTo("Is not your current password");
        }
        guess(dialog, "password-123");
        assertThat(dialog.current.getErrorMessage()).as("even the right one, until the lock has passed")
                .isEqualTo("Was wrong 5 times: try again in 15 minutes");
        assertThat(matches(viewer, "password-123")).isTrue();
    }

    private ChangePasswordDialog openDialog() {
        navigate("connections");
        _click(_get(Button.class, spec -> spec.withText("Change password")));
        return _get(ChangePasswordDialog.class);
    }

    private static void guess(ChangePasswordDialog dialog, String current) {
        _setValue(dialog.current, current);
        _click(dialog.save);
        assertThat(dialog.current.isInvalid()).isTrue();
    }

    private boolean matches(Actor user, String password) {
        return passwords.matches(password, users.loadUserByUsername(user.id()).getPassword());
    }
}
