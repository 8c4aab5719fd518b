package io.connectionhealth.workspace;

import io.connectionhealth.base.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** SPEC §6 makes the exact bootstrap key valid, however short; a short one is warned about, not refused. */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapKeyWarningTest {

    private final ApiKeyService keys = mock(ApiKeyService.class);

    private final UserAccountService users = mock(UserAccountService.class);

    private void start(String key) {
        bootstrap(key, true).afterSingletonsInstantiated();
        verify(keys).ensureKey(WorkspaceService.DEFAULT_WORKSPACE_ID, ApiKeyService.BOOTSTRAP_KEY_NAME, key.strip());
    }

    private Bootstrap bootstrap(String key, boolean anyUserExists) {
        WorkspaceService workspaces = mock(WorkspaceService.class);
        when(workspaces.defaultWorkspace()).thenReturn(new Workspace(WorkspaceService.DEFAULT_WORKSPACE_ID, "Default",
                true, 60, Instant.EPOCH));
        when(users.anyUserExists()).thenReturn(anyUserExists);
        return new Bootstrap(workspaces, users, keys, "", key, false);
    }

    @Test
    void aShortKeyIsValidAndWarnedAbout(CapturedOutput output) {
        start("test-key");
        assertThat(output.getOut()).contains("APP_BOOTSTRAP_API_KEY has 8 characters: anyone who guesses it");
    }

    @Test
    void aLongKeyIsNotWarnedAbout(CapturedOutput output) {
        start("a-long-random-key-0123456789");
        assertThat(output.getOut()).doesNotContain("anyone who guesses it");
    }

    @Test
    void aKeyLongerThanAnyThatIsLookedUpFailsTheStartInsteadOfBeingLoggedAsValid() {
        String longest = "k".repeat(ApiKeyService.MAX_SECRET_LENGTH);
        start(longest);

        assertThatThrownBy(() -> start(longest + "k")).isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("has 201 characters").hasMessageContaining("could never be used");
        verify(keys, never()).ensureKey(any(), any(), eq(longest + "k"));
    }

    @Test
    void anUnusableKeyFailsTheStartBeforeTheFirstAdminIsCreatedAndItsPasswordPrinted() {
        assertThatThrownBy(() -> bootstrap("k".repeat(201), false).afterSingletonsInstantiated())
                .isInstanceOf(InvalidSettingException.class);
        verify(users, never()).createFirstAdmin(any(), any());
    }

    @Test
    void aKeyAnotherInstanceStoredAtTheSameMomentIsUpdatedInsteadOfFailingTheStart() {
        doThrow(new DuplicateKeyException("api_key_key_hash_key")).doNothing().when(keys)
                .ensureKey(WorkspaceService.DEFAULT_WORKSPACE_ID, ApiKeyService.BOOTSTRAP_KEY_NAME, "raced-key-0123456789");
        bootstrap("raced-key-0123456789", true).afterSingletonsInstantiated();

        verify(keys, times(2)).ensureKey(WorkspaceService.DEFAULT_WORKSPACE_ID, ApiKeyService.BOOTSTRAP_KEY_NAME,
                "raced-key-0123456789");
    }

    @Test
    void aKeyWithCharactersOtherThanPrintableAsciiFailsTheStart() {
        start(" spaces around and inside are fine ~ ");
        for (String key : new String[]{"caf\u00e9-key-0123456789", "tab\tinside-0123456789", "\u0130stanbul-0123456789"}) {
            assertThatThrownBy(() -> start(key)).isInstanceOf(InvalidSettingException.class)
                    .hasMessageContaining("not printable ASCII");
        }
    }
}
