package io.connectionhealth.workspace.ui;

import com.vaadin.flow.component.textfield.PasswordField;
import io.connectionhealth.base.ui.Formats;
import io.connectionhealth.workspace.UserAccountService;

/**
 * A new password's faults, said at both of its fields at once: the rule's at the first, a mismatch at the second (a
 * short password typed twice differently had been flagged only as a mismatch).
 */
final class NewPassword {

    private NewPassword() {
    }

    /** Whether the new password keeps the rules and was typed the same twice; marks the fields that are not. */
    static boolean check(PasswordField replacement, PasswordField repeated) {
        String problem = UserAccountService.passwordProblem(replacement.getValue());
        if (problem != null) {
            replacement.setErrorMessage(Formats.capitalized(problem));
            replacement.setInvalid(true);
        }
        boolean same = replacement.getValue().equals(repeated.getValue());
        if (!same) {
            repeated.setErrorMessage("Does not match the new password");
            repeated.setInvalid(true);
        }
        return problem == null && same;
    }
}
