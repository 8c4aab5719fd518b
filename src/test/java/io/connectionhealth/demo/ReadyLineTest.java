package io.connectionhealth.demo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A start without the demo says where the dashboard is; with the demo, its banner says it (and this line is not). */
@ExtendWith(OutputCaptureExtension.class)
class ReadyLineTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(ReadyLine.class)
            .withPropertyValues("spring.datasource.url=jdbc:postgresql://db/ch", "local.server.port=9091");

    @Test
    void aStartWithoutTheDemoNamesTheDashboardsAddress(CapturedOutput output) {
        runner.run(context -> {
            context.getBean(ReadyLine.class).run(new DefaultApplicationArguments());
            assertThat(output.getOut()).contains("Connection Health is ready: the dashboard at http://localhost:9091 ")
                    .contains("the API's description at http://localhost:9091/api/docs");
        });
    }

    @Test
    void theDemosStartHasItsBannerInstead() {
        runner.withPropertyValues("app.demo.enabled=true")
                .run(context -> assertThat(context).doesNotHaveBean(ReadyLine.class));
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:file:./data/x")
                .run(context -> assertThat(context).doesNotHaveBean(ReadyLine.class));
    }
}
