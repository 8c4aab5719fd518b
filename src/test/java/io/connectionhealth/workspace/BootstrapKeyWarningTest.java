package io.connectionhealth.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** SPEC §6 makes the exact bootstrap key valid, however short; a short one is warned about, not refused. */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapKeyWarningTest {

    private void start(String key) {
        WorkspaceService workspaces = mock(WorkspaceService.class);
        UserAccountService users = mock(UserAccountService.class);
        ApiKeyService keys = mock(ApiKeyService.class);
        when(workspaces.defaultWorkspace()).thenReturn(new Workspace(WorkspaceService.DEFAULT_WORKSPACE_ID, "Default",
                true, 60, Instant.EPOCH));
        when(users.anyUserExists()).thenReturn(true);
        new Bootstrap(workspaces, users, keys, "", key).afterSingletonsInstantiated();
        verify(keys).ensureKey(WorkspaceService.DEFAULT_WORKSPACE_ID, ApiKeyService.BOOTSTRAP_KEY_NAME, key);
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
}
