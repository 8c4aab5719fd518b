package io.connectionhealth.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.nio.file.Path;
import java.util.List;

/**
 * Takes the README's screenshots (docs/screenshots/*.png, 1400×900) from a running demo, in headless Chromium.
 * Run the app with the Vaadin dev tools off (they pop up "App is running in development mode" otherwise):
 * <pre>
 * rm -rf data; APP_BOOTSTRAP_ADMIN_PASSWORD=adminadmin VAADIN_DEVMODE_DEVTOOLS_ENABLED=false ./mvnw -o spring-boot:run
 * # wait for the demo banner, then in another shell:
 * ./mvnw -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=target/cp.txt \
 *     -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) io.connectionhealth.e2e.DocsScreenshots \
 *      http://localhost:8080 adminadmin docs/screenshots
 * </pre>
 */
public final class DocsScreenshots {

    private DocsScreenshots() {
    }

    public static void main(String[] args) {
        String base = args.length > 0 ? args[0] : "http://localhost:8080";
        String password = args.length > 1 ? args[1] : System.getenv("APP_BOOTSTRAP_ADMIN_PASSWORD");
        Path out = Path.of(args.length > 2 ? args[2] : "docs/screenshots");
        String missing = Browser.missing();
        if (missing != null) {
            throw new IllegalStateException(missing);
        }
        try (Browser b = Browser.open(out)) {
            b.signIn(base, "admin", password, null);
            b.until(d -> b.cells().size() > 20);
            b.screenshot("connections");

            b.click(By.id("count-unhealthy_now"));
            b.until(d -> b.url().contains("status=unhealthy_now"));
            b.until(d -> b.cells().stream().anyMatch(c -> c.getText().equals("Unhealthy now")));
            b.screenshot("connections-unhealthy-now");

            b.get(base + "/integrations");
            b.until(d -> b.cells().size() > 20);
            b.screenshot("integrations");

            // an UNAUTHORIZED connection broken by a 401 on its API calls (some demo ones break in job runs)
            for (int i = 0; ; i++) {
                b.get(base + "/connections?status=unhealthy_now&health=unauthorized");
                int index = i;
                WebElement row = b.until(d -> {
                    List<WebElement> rows = b.cells().stream().filter(c -> c.getText().startsWith("UNAUTHORIZED"))
                            .toList();
                    if (rows.size() <= index) {
                        throw new IllegalStateException("no UNAUTHORIZED connection with 401 API calls in the demo");
                    }
                    return rows.get(index);
                });
                b.click(row);
                b.until(d -> b.url().matches(".*/connections/[^/?]+$"));
                // the chart, or the line that says the last 24 hours had no calls (a connection synced by job runs)
                b.until(d -> !d.findElements(By.id("calls-chart")).isEmpty()
                        || !d.findElements(By.id("calls-chart-empty")).isEmpty());
                if (!b.find(By.tagName("body")).getText().contains("rejected the credentials (401)")) {
                    continue;
                }
                b.screenshot("connection-detail");
                b.click(By.id("view-api-calls"));
                b.until(d -> b.url().contains("/logs?connection="));
                if (!b.find(By.id("call-count")).getText().startsWith("0 ")) {
                    break;
                }
            }
            b.until(d -> b.cells().stream().anyMatch(c -> c.getText().equals("401")));
            b.screenshot("api-call-logs-filtered");
            b.clickCell(t -> t.equals("401"));
            b.find(By.id("classification-explanation"));
            b.screenshot("api-call-logs");

            b.get(base + "/settings");
            b.find(By.id("webhook-url"));
            b.screenshot("settings");
        }
    }
}
