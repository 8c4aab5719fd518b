package io.connectionhealth.notification;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** A real webhook receiver on loopback (the JDK's HTTP server): records what arrives, answers as scripted. */
public final class TestReceiver implements AutoCloseable {

    /** One request as received, with the time it arrived (System.nanoTime). */
    public record Received(String path, Map<String, String> headers, String body, long arrivedNanos) {
        public String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    /** An answer: status, extra headers, body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public static Answer of(int status) {
            return new Answer(status, Map.of(), "");
        }

        public static Answer of(int status, String body) {
            return new Answer(status, Map.of(), body);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final LinkedBlockingQueue<Answer> script = new LinkedBlockingQueue<>();
    private final Map<String, ConcurrentLinkedQueue<Answer>> scriptByPath = new ConcurrentHashMap<>();
    private volatile Answer otherwise = Answer.of(200, "{\"ok\":true}");
    private volatile Duration delay = Duration.ZERO;
    private volatile CountDownLatch gate;
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> answered = new ConcurrentHashMap<>();
    private volatile java.util.function.Predicate<String> holds = body -> true;

    public TestReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        server.setExecutor(Executors.newFixedThreadPool(64)); // more than the 20 delivery threads can hold at once
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next answers, in order; after them {@link #otherwise(Answer)}. */
    public TestReceiver answer(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /**
     * Answers for requests to {@code path} only, before the shared script: events of earlier tests' workspaces that are
     * still being retried arrive at other paths and would take a shared answer meant for this one.
     */
    public TestReceiver answerAt(String path, Answer... answers) {
        scriptByPath.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(answers));
        return this;
    }

    public TestReceiver otherwise(Answer answer) {
        otherwise = answer;
        return this;
    }

    /** Answers only after {@code delay} from now on (zero: at once). */
    public void slowFor(Duration delay) {
        this.delay = delay;
    }

    /**
     * Requests arriving from now on wait until {@code gate} opens (at most 20 s) before they take their answer; null
     * for none. A request keeps the gate it arrived with, so the test can let the next ones through at once.
     */
    public void holdUntil(CountDownLatch gate) {
        holdUntil(gate, body -> true);
    }

    /** As {@link #holdUntil(CountDownLatch)}, only the requests whose body {@code held} accepts; the rest answer. */
    public void holdUntil(CountDownLatch gate, java.util.function.Predicate<String> held) {
        this.holds = held;
        this.gate = gate;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<Received> received(String webhookId) {
        return received.stream().filter(r -> webhookId.equals(r.header("webhook-id"))).toList();
    }

    /** How many requests to {@code path} have had their answer since the last reset (a held one once its gate opened). */
    public int answered(String path) {
        var count = answered.get(path);
        return count == null ? 0 : count.get();
    }

    public int count() {
        return received.size();
    }

    public void reset() {
        received.clear();
        script.clear();
        scriptByPath.clear();
        otherwise = Answer.of(200, "{\"ok\":true}");
        delay = Duration.ZERO;
        gate = null;
        holds = body -> true;
        answered.clear();
    }

    private void handle(HttpExchange exchange) throws IOException {
        long arrived = System.nanoTime();
        // read before the request is recorded: a test that sees it arrive and then changes the delay does not race
        Duration wait = delay;
        CountDownLatch gateAtArrival = gate;
        java.util.function.Predicate<String> holdsAtArrival = holds;
        byte[] body = exchange.getRequestBody().readAllBytes();
        CountDownLatch held = gateAtArrival != null
                && holdsAtArrival.test(new String(body, StandardCharsets.UTF_8)) ? gateAtArrival : null;
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
        received.add(new Received(exchange.getRequestURI().getPath(), headers,
                new String(body, StandardCharsets.UTF_8), arrived));
        try {
            if (!wait.isZero()) {
                Thread.sleep(wait.toMillis());
            }
            if (held != null) {
                held.await(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ConcurrentLinkedQueue<Answer> forPath = scriptByPath.get(exchange.getRequestURI().getPath());
        Answer answer = forPath == null ? null : forPath.poll();
        if (answer == null) {
            answer = script.poll();
        }
        if (answer == null) {
            answer = otherwise;
        }
        answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        // counted before the answer leaves: the client may act on it before this thread goes on
        answered.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new java.util.concurrent.atomic.AtomicInteger())
                .incrementAndGet();
        exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(out);
        }
    }

    /** Waits until {@code condition} holds, or fails after {@code timeout}. */
    public static void await(Duration timeout, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("Timed out after " + timeout + " waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
