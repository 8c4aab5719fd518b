package io.connectionhealth.demo;

import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class DemoEnabledTest {

    private static boolean demo(String enabled, String url) {
        MockEnvironment env = new MockEnvironment().withProperty("spring.datasource.url", url);
        if (enabled != null) {
            env.setProperty(DemoEnabled.PROPERTY, enabled);
        }
        ConditionContext context = mock(ConditionContext.class);
        when(context.getEnvironment()).thenReturn(env);
        return new DemoEnabled().matches(context, null);
    }

    @Test
    void byDefaultOnlyTheEmbeddedDatabaseGetsTheDemo() {
        assertThat(demo(null, "jdbc:h2:file:./data/connection-health")).isTrue();
        assertThat(demo("auto", "jdbc:h2:mem:x")).isTrue();
        assertThat(demo(null, "jdbc:postgresql://db:5432/connection_health"))
                .as("a production database named without the postgres profile").isFalse();
        assertThat(demo(" AUTO ", "jdbc:postgresql://db/x")).isFalse();
    }

    @Test
    void trueAndFalseDecideWhateverTheDatabase() {
        assertThat(demo("true", "jdbc:postgresql://db/x")).isTrue();
        assertThat(demo("false", "jdbc:h2:mem:x")).isFalse();
        assertThatThrownBy(() -> demo("yes", "jdbc:h2:mem:x")).hasMessageContaining("APP_DEMO_ENABLED")
                .hasMessageContaining("true, false or auto").hasMessageContaining("'yes'");
    }
}
