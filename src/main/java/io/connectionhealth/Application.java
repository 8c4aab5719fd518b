package io.connectionhealth;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.server.AppShellSettings;
import com.vaadin.flow.component.page.ColorScheme;
import com.vaadin.flow.theme.lumo.Lumo;
import com.vaadin.flow.component.dependency.StyleSheet;
import io.connectionhealth.base.security.SessionProperties;
import io.connectionhealth.base.sql.WritableDatabase;
import io.connectionhealth.base.sql.MoveFromH2;
import io.connectionhealth.demo.DemoSettings;
import io.connectionhealth.notification.WebhookProperties;
import io.connectionhealth.workspace.Bootstrap;
import io.connectionhealth.workspace.RetentionProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.util.List;

@SpringBootApplication
@EnableScheduling
@StyleSheet(Lumo.STYLESHEET)
@StyleSheet(Lumo.UTILITY_STYLESHEET)
@ColorScheme(ColorScheme.Value.LIGHT_DARK)
public class Application implements AppShellConfigurator {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(MoveFromH2.COMMAND)) {
            System.exit(MoveFromH2.run(List.of(args).subList(1, args.length), System::getenv, System.out, System.err));
        }
        SpringApplication.run(Application.class, args);
    }

    @Override
    public void configurePage(AppShellSettings settings) {
        // /favicon.ico is there too, for the pages Vaadin does not render (the API docs, error pages)
        settings.addFavIcon("icon", "icons/icon.svg", "any");
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Reads the application's settings before Flyway migrates: a setting that cannot be read stops the start before
     * the database has changed (an upgrade with a mistyped setting leaves the old version able to run), not after.
     */
    @Bean
    FlywayMigrationStrategy settingsBeforeMigration(ObjectProvider<WebhookProperties> webhooks,
                                                    ObjectProvider<RetentionProperties> retention,
                                                    ObjectProvider<SessionProperties> sessions,
                                                    Environment environment) {
        return flyway -> {
            // first: a setting given as nothing (APP_WEBHOOKS_JITTER=) fails to bind with Spring's words alone
            StartSettings.warnAboutSlips(System.getenv(), environment);
            webhooks.getIfAvailable();
            retention.getIfAvailable();
            sessions.getIfAvailable();
            Bootstrap.requireUsable(environment.getProperty("app.bootstrap.api-key"));
            Bootstrap.requireResetFlag(environment.getProperty("app.bootstrap.reset-admin-password"));
            DemoSettings.requireReadable(environment);
            StartSettings.requirePorts(environment);
            WritableDatabase.require(flyway.getConfiguration().getDataSource());
            flyway.migrate();
        };
    }
}
