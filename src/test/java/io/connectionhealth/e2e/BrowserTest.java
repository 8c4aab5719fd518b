package io.connectionhealth.e2e;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The application for tests that drive it in headless Chromium: the real server on a random port, an in-memory H2
 * shared by every class with this annotation (they share one Spring context, so the slow start is paid once; none of
 * them may assume it has the database to itself), the first admin {@code admin} / {@link #ADMIN_PASSWORD}. Skips the
 * class, before Spring starts, where Chromium or its driver is not installed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(BrowserTest.ChromiumInstalled.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:e2e;DB_CLOSE_DELAY=-1",
        "app.bootstrap.admin-password=" + BrowserTest.ADMIN_PASSWORD,
        "app.demo.enabled=false",
        "vaadin.devmode.devTools.enabled=false",
        // we use no Chrome DevTools Protocol, so Selenium's "no CDP for Chromium 156" warning is noise
        "logging.level.org.openqa.selenium.devtools=error",
        "logging.level.org.openqa.selenium.chromium=error"})
public @interface BrowserTest {

    String ADMIN_PASSWORD = "e2e-admin-password";

    class ChromiumInstalled implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String missing = Browser.missing();
            return missing == null ? ConditionEvaluationResult.enabled("Chromium and chromedriver found")
                    : ConditionEvaluationResult.disabled(missing);
        }
    }
}
