package io.connectionhealth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A setting the application cannot use is named in the start's failure summary, not only deep in a stack trace (which
 * also shows that InvalidSettingFailureAnalyzer is registered).
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidSettingTest {

    @Test
    void anUnknownDemoSettingIsTheReasonTheStartGives(CapturedOutput output) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(Application.class).run(
                "--spring.datasource.url=jdbc:h2:mem:invalid-setting;DB_CLOSE_DELAY=-1", "--server.port=0",
                "--app.demo.enabled=maybe"));
        assertThat(output.getOut() + output.getErr()).contains("APPLICATION FAILED TO START")
                .containsPattern("Description:\\s+app\\.demo\\.enabled \\(APP_DEMO_ENABLED\\) must be true, false or auto, was 'maybe'");
    }
}
