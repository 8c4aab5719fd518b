package io.connectionhealth.notification;

import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.MessageConstraintException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.ProtocolException;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.TimeValue;
import org.springframework.boot.http.client.FilteredHostException;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpComponentsHttpClientBuilder;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.stereotype.Component;

import javax.net.ssl.SSLException;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one HTTP client that talks to receivers: Apache HttpClient 5 built by Spring Boot with its
 * {@code InetAddressFilter} (every resolved address checked at connect time, the connection made to a checked one),
 * redirects not followed (a 3xx is a failure), connect timeout 5 s, and a hard 15 s deadline for the whole attempt.
 */
@Component
class WebhookClient implements AutoCloseable {

    static final int MAX_BODY_BYTES = 4096;
    static final int MAX_ERROR_CHARS = 1000;

    private final CloseableHttpClient client;
    private final CloseableHttpClient testClient;
    private final Duration connectTimeout;
    private final AddressPolicy policy;
    private final Duration deadline;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "webhook-deadline");
        thread.setDaemon(true);
        return thread;
    });

    WebhookClient(WebhookProperties properties, Clock clock) {
        this.policy = new AddressPolicy(properties.allowedCidrs());
        this.deadline = properties.responseTimeout();
        this.clock = clock;
        this.connectTimeout = properties.connectTimeout();
        HttpClientSettings settings = HttpClientSettings.defaults()
                .withRedirects(HttpRedirects.DONT_FOLLOW)
                .withTimeouts(properties.connectTimeout(), properties.responseTimeout())
                .withInetAddressFilter(policy.filter());
        this.client = build(settings, 200, 20);
        // its own connections: with all 20 delivery threads' held by a hanging receiver, a test waited for one and
        // reported the wait as the receiver's answer time (a storm audit: 8-15 s)
        this.testClient = build(settings, 10, 4);
    }

    private static CloseableHttpClient build(HttpClientSettings settings, int total, int perRoute) {
        return new HttpComponentsHttpClientBuilder()
                .withConnectionManagerCustomizer(manager -> manager.setMaxConnTotal(total).setMaxConnPerRoute(perRoute))
                // a pooled connection idle this long is checked before reuse: one the receiver closed meanwhile (a
                // restart, a deploy) had failed the next POST, which is never retried on another connection
                .withConnectionConfigCustomizer(connection -> connection.setValidateAfterInactivity(
                        TimeValue.ofMilliseconds(500)))
                .withCustomizer(builder -> builder.disableAutomaticRetries().disableCookieManagement()
                        .setUserAgent("ConnectionHealth-Webhooks/1"))
                .build(settings);
    }

    AddressPolicy policy() {
        return policy;
    }

    /** POSTs the body with the Standard Webhooks headers; never throws for the receiver's or the network's faults. */
    SendResult post(String url, String msgId, long timestampSeconds, String signature, String body) {
        return post(client, url, msgId, timestampSeconds, signature, body);
    }

    /** As {@link #post}, for a test event an admin waits for: never queued behind the deliveries' connections. */
    SendResult postTest(String url, String msgId, long timestampSeconds, String signature, String body) {
        return post(testClient, url, msgId, timestampSeconds, signature, body);
    }

    private SendResult post(CloseableHttpClient client, String url, String msgId, long timestampSeconds,
                            String signature, String body) {
        Instant attemptedAt = clock.instant();
        long start = System.nanoTime();
        HttpPost request;
        try {
            // a URL saved before non-ASCII was encoded on saving goes to the address it names all the same
            request = new HttpPost(URI.create(URI.create(url).toASCIIString()));
        } catch (IllegalArgumentException e) {
            return new SendResult(attemptedAt, 0, null, "The URL is not valid: " + e.getMessage(), null, null);
        }
        request.setHeader("webhook-id", msgId);
        request.setHeader("webhook-timestamp", Long.toString(timestampSeconds));
        request.setHeader("webhook-signature", signature);
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> watchdog = timer.schedule(() -> {
            timedOut.set(true);
            request.cancel();
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = client.executeOpen(null, request, null)) {
            int status = response.getCode();
            Header retryAfter = response.getFirstHeader("Retry-After");
            String excerpt = readExcerpt(response.getEntity(), request);
            return new SendResult(attemptedAt, millisSince(start), status,
                    status >= 300 && status < 400 ? redirectNote(response) : null, excerpt,
                    retryAfter == null ? null : retryAfter.getValue());
        } catch (FilteredHostException e) {
            return failure(attemptedAt, start, "Refused: " + e.getHost() + " resolves only to loopback, private, "
                    + "link-local or other internal addresses (allow them with APP_WEBHOOKS_ALLOWED_CIDRS)");
        } catch (IOException | RuntimeException e) {
            if (timedOut.get()) {
                return failure(attemptedAt, start, "Timed out: no complete answer within " + said(deadline));
            }
            return failure(attemptedAt, start, describe(e));
        } finally {
            watchdog.cancel(false);
        }
    }

    private static String redirectNote(ClassicHttpResponse response) {
        Header location = response.getFirstHeader("Location");
        return "Redirect not followed" + (location == null ? "" : " (Location: " + location.getValue() + ")");
    }

    /** The first 4 KiB of the answer; a longer one is cut and its connection dropped rather than read to the end. */
    private static String readExcerpt(HttpEntity entity, HttpPost request) throws IOException {
        if (entity == null) {
            return null;
        }
        try (InputStream in = entity.getContent()) {
            if (in == null) {
                return null;
            }
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES);
            if (in.read() != -1) {
                request.cancel();
            }
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            return storable(decoder.decode(ByteBuffer.wrap(bytes)).toString());
        } catch (IOException e) {
            if (request.isCancelled()) {
                return null;
            }
            throw e;
        }
    }

    private SendResult failure(Instant attemptedAt, long start, String error) {
        return new SendResult(attemptedAt, millisSince(start), null, truncate(error), null, null);
    }

    private String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof FilteredHostException filtered) {
            return "Refused: " + filtered.getHost() + " resolves only to internal addresses";
        }
        if (root instanceof UnknownHostException) {
            return "Unknown host: " + root.getMessage();
        }
        if (root instanceof SocketTimeoutException || e instanceof SocketTimeoutException) {
            // the socket's own timeouts, in the words of the deadline's ("Read timed out" beside them, an audit found)
            String message = String.valueOf(root.getMessage()).toLowerCase(Locale.ROOT);
            return message.contains("connect") ? "Timed out: no connection within " + said(connectTimeout)
                    : "Timed out: no complete answer within " + said(deadline);
        }
        if (root instanceof ConnectException) {
            return "Connection refused: " + root.getMessage();
        }
        // in the delivery log's words, not the HTTP client's class names ("NoHttpResponseException: The target server
        // failed to respond", a webhook audit found in the dashboard)
        if (root instanceof NoHttpResponseException) {
            return "No answer: the receiver closed the connection without answering";
        }
        if (root instanceof MessageConstraintException) {
            return "Answer not read: its headers exceed the client's limits (" + root.getMessage()
                    + "; a header line may be up to 8 KiB), so its status is unknown";
        }
        if (root instanceof SocketException && root.getMessage() != null
                && root.getMessage().toLowerCase(Locale.ROOT).contains("reset")) {
            return "Connection reset by the receiver before its answer was read";
        }
        if (root instanceof SSLException) {
            return "TLS failed: " + root.getMessage();
        }
        if (root instanceof ProtocolException
                || root instanceof MalformedChunkCodingException) {
            return "Answer not understood (not HTTP/1.1 as sent): " + root.getMessage();
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return e.getClass().getSimpleName() + ": " + message;
    }

    private static String said(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    static String truncate(String text) {
        return storable(text == null || text.length() <= MAX_ERROR_CHARS ? text
                : text.substring(0, MAX_ERROR_CHARS - 1) + "…");
    }

    /**
     * The text with U+0000 replaced by U+FFFD: PostgreSQL cannot store it in text, and a binary answer that carried one
     * failed the transaction that records the attempt, so the event was sent again and again and never recorded.
     */
    private static String storable(String text) {
        return text == null || text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\uFFFD');
    }

    private static long millisSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    @Override
    public void close() throws IOException {
        timer.shutdownNow();
        client.close();
        testClient.close();
    }
}
