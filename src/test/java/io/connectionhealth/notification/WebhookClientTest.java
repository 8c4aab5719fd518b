package io.connectionhealth.notification;

import io.connectionhealth.notification.TestReceiver.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP client against a real receiver on loopback: SSRF refusal and allow-list, timeouts, answers kept short. */
class WebhookClientTest {

    static TestReceiver receiver;

    @BeforeAll
    static void start() throws IOException {
        receiver = new TestReceiver();
    }

    @AfterAll
    static void stop() {
        receiver.close();
    }

    private static WebhookClient client(List<String> allowedCidrs, Duration responseTimeout) {
        return new WebhookClient(new WebhookProperties(List.of(Duration.ofSeconds(1)), allowedCidrs, Duration.ofDays(5),
                Duration.ofSeconds(5), responseTimeout, Duration.ofHours(24), 0.2, Duration.ofMinutes(1)), Clock.systemUTC());
    }

    private static SendResult post(WebhookClient client, String url) {
        return client.post(url, "msg_test", 1_700_000_000L, "v1,x", "{}");
    }

    @Test
    void aLoopbackUrlIsRefusedAtConnectTimeUnlessAllowListed() throws Exception {
        int before = receiver.count();
        try (WebhookClient strict = client(List.of(), Duration.ofSeconds(15))) {
            for (String url : List.of(receiver.url("/x"), receiver.url("/x").replace("127.0.0.1", "localhost"))) {
                SendResult refused = post(strict, url);
                assertThat(refused.status()).as(url).isNull();
                assertThat(refused.error()).as(url).startsWith("Refused").contains("APP_WEBHOOKS_ALLOWED_CIDRS");
            }
        }
        assertThat(receiver.count()).isEqualTo(before);
        try (WebhookClient open = client(List.of("127.0.0.0/8", "::1/128"), Duration.ofSeconds(15))) {
            SendResult ok = post(open, receiver.url("/x"));
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.error()).isNull();
        }
        assertThat(receiver.count()).isEqualTo(before + 1);
    }

    @Test
    void aPooledConnectionTheReceiverClosedMeanwhileIsNotReused() throws Exception {
        // a receiver that answers with keep-alive, then closes the connection as a restart would
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             WebhookClient client = client(List.of("127.0.0.0/8"), Duration.ofSeconds(5))) {
            java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (java.net.Socket socket = server.accept()) {
                        var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                                java.nio.charset.StandardCharsets.ISO_8859_1));
                        int length = 0;
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                                length = Integer.parseInt(line.substring(15).strip());
                            }
                        }
                        in.skip(length);
                        answered.incrementAndGet(); // before the answer: the client may read it, and the test go on,
                        // before this thread runs again (counted after it, the test failed once in a full run)
                        socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                        socket.getOutputStream().flush();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/hook";
            assertThat(post(client, url).status()).isEqualTo(200);
            Thread.sleep(1500); // the receiver has closed its end; the client's pool still holds the connection
            SendResult second = post(client, url);
            assertThat(second.error()).as("not 'NoHttpResponseException: the target server failed to respond'")
                    .isNull();
            assertThat(second.status()).isEqualTo(200);
            assertThat(answered.get()).isEqualTo(2);
        }
    }

    @Test
    void internalAndSpecialAddressesAreRefusedAndPublicOnesAllowed() throws Exception {
        AddressPolicy policy = new AddressPolicy(List.of());
        for (String refused : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1",
                "fd12:3456::1", "ff02::1")) {
            assertThat(policy.allows(InetAddress.getByName(refused))).as(refused).isFalse();
        }
        for (String allowed : List.of("8.8.8.8", "1.1.1.1", "2001:4860:4860::8888")) {
            assertThat(policy.allows(InetAddress.getByName(allowed))).as(allowed).isTrue();
        }
        AddressPolicy lab = new AddressPolicy(List.of("10.0.0.0/8"));
        assertThat(lab.allows(InetAddress.getByName("10.1.2.3"))).isTrue();
        assertThat(lab.allows(InetAddress.getByName("169.254.169.254"))).isFalse();
        assertThat(lab.refusalForLiteralHost("http://169.254.169.254/latest")).contains("169.254.169.254")
                .as("the setting that would allow it, and what is allowed now")
                .contains("APP_WEBHOOKS_ALLOWED_CIDRS=169.254.169.254/32").endsWith("it allows 10.0.0.0/8 now");
        assertThat(new AddressPolicy(List.of()).refusalForLiteralHost("http://[::1]:8080/hook"))
                .contains("APP_WEBHOOKS_ALLOWED_CIDRS=0:0:0:0:0:0:0:1/128").doesNotContain("it allows");
        assertThat(lab.refusalForLiteralHost("http://10.0.0.7:8080/hook")).isNull();
        assertThat(lab.refusalForLiteralHost("https://hooks.example.com/")).isNull();
        for (String internal : List.of("http://localhost.:9/", "http://LOCALHOST./x", "http://[::127.0.0.1]:9/",
                "http://[::ffff:0:7f00:1]:9/")) {
            assertThat(policy.refusalForLiteralHost(internal)).as(internal).startsWith("points to");
        }
        for (String shorthand : List.of("http://0x7f000001:9/", "http://2130706433/", "http://017700000001/",
                "http://[fe80::1%25lo]:9/", "http://10.0.0.07/")) {
            assertThat(policy.refusalForLiteralHost(shorthand)).as(shorthand).contains("not an address written plainly");
        }
        assertThat(policy.refusalForLiteralHost("http://[2001:4860:4860::8888]/hook")).isNull();
        assertThat(policy.refusalForLiteralHost("https://1password.example.com./hook")).isNull();
    }

    @Test
    void localhostSubdomainsAreLoopbackAndAUrlWithoutAHostIsLeftToTheConnect() {
        AddressPolicy policy = new AddressPolicy(List.of());
        // RFC 6761: every name under .localhost is loopback, without asking DNS
        for (String loopback : List.of("http://app.localhost:9/", "http://App.LocalHost./x")) {
            assertThat(policy.refusalForLiteralHost(loopback)).as(loopback).startsWith("points to 127.0.0.1");
        }
        assertThat(policy.refusalForLiteralHost("http://localhost.example.com/x")).as("a name that only starts so")
                .isNull();
        assertThat(policy.refusalForLiteralHost(null)).isNull();
        assertThat(policy.refusalForLiteralHost("http:///no-host")).isNull();
    }

    @Test
    void aSlowReceiverTimesOutAndALongAnswerIsCutTo4KiB() throws Exception {
        try (WebhookClient quick = client(List.of("127.0.0.0/8"), Duration.ofMillis(500))) {
            receiver.answer(Answer.of(200, "y".repeat(100_000)));
            SendResult longAnswer = post(quick, receiver.url("/long"));
            assertThat(longAnswer.status()).isEqualTo(200);
            assertThat(longAnswer.responseBody()).hasSize(4096);

            receiver.slowFor(Duration.ofSeconds(2));
            SendResult slow = post(quick, receiver.url("/slow"));
            receiver.slowFor(Duration.ZERO);
            assertThat(slow.status()).isNull();
            // the same words whichever ends it first, the deadline or the socket's read timeout ("Read timed out")
            assertThat(slow.error()).isEqualTo("Timed out: no complete answer within 500 ms");
            assertThat(slow.durationMs()).isLessThan(1500);
        }
    }

    @Test
    void aReceiverThatMisbehavesIsDescribedInWordsNotClassNames() throws Exception {
        try (WebhookClient c = client(List.of("127.0.0.0/8"), Duration.ofSeconds(5))) {
            assertThat(post(c, rawReceiver(out -> { })).error()).as("closed without answering")
                    .isEqualTo("No answer: the receiver closed the connection without answering");
            assertThat(post(c, rawReceiver(out -> out.write(("HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(9_000)
                    + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII)))).error())
                    .as("a header line over 8 KiB").startsWith("Answer not read: its headers exceed the client's limits")
                    .endsWith("so its status is unknown");
            assertThat(post(c, rawReceiver(null)).error()).as("reset instead of an answer")
                    .isEqualTo("Connection reset by the receiver before its answer was read");
            assertThat(post(c, rawReceiver(out -> out.write(("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "zz\r\n").getBytes(StandardCharsets.US_ASCII)))).error())
                    .as("a body whose chunks are not chunks").startsWith("Answer not understood");
        }
    }

    /**
     * A one-request receiver on loopback that writes what {@code answer} writes once the request is in, then closes;
     * a null {@code answer} resets the connection instead.
     */
    private static String rawReceiver(IoConsumer<java.io.OutputStream> answer) throws IOException {
        java.net.ServerSocket server = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            try (server; java.net.Socket socket = server.accept()) {
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                String line;
                while ((line = in.readLine()) != null && !line.isEmpty()) {
                    // the request's head; its body is left unread
                }
                if (answer == null) {
                    socket.setSoLinger(true, 0); // closing now sends a reset
                    return;
                }
                answer.accept(socket.getOutputStream());
                socket.getOutputStream().flush();
            } catch (IOException ignored) {
                // the client gave up first
            }
        });
        return "http://127.0.0.1:" + server.getLocalPort() + "/raw";
    }

    @FunctionalInterface
    private interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }

    @Test
    void anUnknownHostIsAnError() throws Exception {
        try (WebhookClient c = client(List.of(), Duration.ofSeconds(5))) {
            SendResult r = post(c, "http://no-such-host.invalid/hook");
            assertThat(r.status()).isNull();
            assertThat(r.error()).isNotBlank();
        }
    }
}
