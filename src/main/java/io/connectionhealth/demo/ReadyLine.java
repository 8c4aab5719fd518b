package io.connectionhealth.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where to go once a start without the demo is up: the demo's banner says it, and a real install's first start had
 * left the user to find the address in Tomcat's line.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
@Conditional(DemoEnabled.Not.class)
class ReadyLine implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ReadyLine.class);

    private final Environment environment;

    ReadyLine(Environment environment) {
        this.environment = environment;
    }

    /** This host's address as the start can name it (the port it listens on), for this line and the demo's banner. */
    static String address(Environment environment) {
        return "http://localhost:" + environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080"));
    }

    @Override
    public void run(ApplicationArguments args) {
        String base = address(environment);
        log.info("Connection Health is ready: the dashboard at {} (from elsewhere: this host's address), "
                + "the API's description at {}/api/docs", base, base);
    }
}
