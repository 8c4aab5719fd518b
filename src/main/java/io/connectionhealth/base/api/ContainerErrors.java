package io.connectionhealth.base.api;

import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Tomcat refuses some requests before any filter runs (an encoded '/' or '\', a NUL, a broken %-escape or bytes that
 * are not UTF-8 in the path) and answered them with its own HTML page. This puts a valve in its place that answers
 * the API in problem details like every other error, and the dashboard with a short page in its words.
 */
@Component
class ContainerErrors implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE; // after Spring Boot's own customizer, which installs a plain ErrorReportValve
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            var host = context.getParent();
            for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.getPipeline().removeValve(valve);
                }
            }
            if (host instanceof StandardHost standard) {
                standard.setErrorReportValveClass(ProblemReportValve.class.getName());
            }
            host.getPipeline().addValve(new ProblemReportValve());
        });
    }

    /** Only for errors nothing else wrote a body for; Spring's own error handling answers everything else. */
    public static class ProblemReportValve extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            // as Tomcat's own valve: only an error raised with sendError, whose report nobody has written yet
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            String uri = request.getRequestURI();
            // a request line Tomcat could not read has no path: its sender is a program, not a browser (which encodes
            // what it sends), so it is answered as the API answers
            boolean api = uri == null || uri.isEmpty() || uri.startsWith("/api/");
            String detail = status == 501 || status == 505
                    ? "The server does not take this request's method, transfer coding or HTTP version."
                    : status != 400 ? "The server could not answer this request."
                    : throwable != null && String.valueOf(throwable.getMessage()).contains("too large")
                    ? "The request's address and headers are larger than the server reads (8 KiB): shorten them."
                    : "The request could not be read: its address holds an encoded '/' or '\\', a NUL, a '%' not "
                    + "followed by two hex digits, bytes that are not UTF-8 or characters that must be %-encoded "
                    + "(such as { } |), or a header is malformed.";
            HttpStatus known = HttpStatus.resolve(status);
            try {
                response.setHeader("X-Content-Type-Options", "nosniff"); // no filter ran to set it
                String body;
                if (api) {
                    // no charset parameter, as every other problem of the API (JSON has none); the body is ASCII
                    response.setContentType("application/problem+json");
                    body = "{\"title\":\"" + (status == 400 ? "Invalid request" : known != null ? known.getReasonPhrase()
                            : "Error")
                            + "\",\"status\":" + status + ",\"detail\":\"" + detail.replace("\\", "\\\\") + "\"}";
                } else {
                    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                    response.setContentType("text/html");
                    body = Problems.htmlPage(status, detail);
                }
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(body);
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // the client is gone or the response cannot take a body: nothing left to tell anyone
            }
        }
    }
}
