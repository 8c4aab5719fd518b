package io.connectionhealth.bench;

import io.connectionhealth.e2e.Browser;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's dashboard phase (issue 5, row 5): the dashboard in Debian's headless Chromium against the
 * application that bench/run.sh has loaded to size. Unlike {@link Bench} it needs the test class path (Selenium), so
 * run.sh starts it with {@code target/test-classes} and the Maven dependency class path.
 *
 * <ul>
 *   <li>Time to rows: over {@code --loads} full page loads (after {@code --warmups}) of the Connections view and of
 *       the API call logs filtered to the busy connection ({@code /logs?connection=<id>}), the time from the page's
 *       navigation start to the first grid row whose cells show text. A script installed before any page script
 *       ({@code Page.addScriptToEvaluateOnNewDocument}, sent through chromedriver) polls the grid every 5 ms and
 *       records {@code performance.now()}, so the figure is the browser's own clock, not WebDriver's round trips.
 *       Then the busy connection's own page ({@code /connections/<id>}) the same way, until its 24-hour chart is in
 *       the page (the chart is counted in SQL per hour: docs/benchmarks.md, section 11).</li>
 *   <li>Server memory per open dashboard session: {@code --sessions} separate browsers (own profiles, so own HTTP
 *       sessions) sign in and show the Connections grid; the application's live heap after a full GC
 *       ({@code jcmd GC.run}, {@code GC.heap_info}) with them open, minus the same before, divided by their number.</li>
 * </ul>
 * With {@code --poll-seconds=S}, also the application's CPU per poll of those open pages: its CPU over S seconds
 * with them open, minus over S seconds before they were opened, divided by the poll requests the browsers sent.
 * Rows are appended to {@code --results} in {@link Bench}'s format (db, key, label, api, raw, ratio, note).
 */
public final class DashboardTiming {

    private static final Logger SELENIUM = Logger.getLogger("org.openqa.selenium");
    private static final Pattern USED = Pattern.compile("used (\\d+)K");
    /** "  1:   12345   678901  java.lang.String (java.base@25)": bytes and class name. */
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");
    private static final Duration ROWS_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Installed into every new document: records when a grid first shows a row with text, and on a connection's
     * page when its 24-hour chart is in the page (0 = not yet); it stops polling once its page's figure is in.
     */
    private static final String PROBE = """
            (() => {
              const shown = () => {
                for (const grid of document.querySelectorAll('vaadin-grid')) {
                  if (!grid.shadowRoot) continue;
                  for (const row of grid.shadowRoot.querySelectorAll('#items tr')) {
                    if (row.hidden || row.hasAttribute('loading')) continue;
                    for (const slot of row.querySelectorAll('slot')) {
                      for (const content of slot.assignedElements()) {
                        if (content.textContent.trim()) return true;
                      }
                    }
                  }
                }
                return false;
              };
              window.__benchRowsAt = 0;
              window.__benchChartAt = 0;
              const connectionPage = location.pathname.startsWith('/connections/');
              const poll = () => {
                if (!window.__benchRowsAt && shown()) { window.__benchRowsAt = performance.now(); }
                if (!window.__benchChartAt && document.querySelector('svg[aria-label^="Last 24 hours"]')) {
                  window.__benchChartAt = performance.now();
                }
                if (connectionPage ? !window.__benchChartAt : !window.__benchRowsAt) { setTimeout(poll, 5); }
              };
              poll();
            })();""";

    private final Bench.Options o;
    private final Path results;
    private final String base;
    private final Path scratch;

    private DashboardTiming(Bench.Options o) throws IOException {
        this.o = o;
        this.results = Path.of(o.get("results"));
        this.base = o.get("base-url");
        this.scratch = Files.createTempDirectory("bench-dashboard-");
    }

    public static void main(String[] args) throws Exception {
        run(args);
    }

    /**
     * {@code --db --base-url --results --admin-password} and the busy connection ({@code --hot=<id>} or the Bench
     * {@code --state} file); optional {@code --admin-user} (admin), {@code --loads} (10), {@code --warmups} (2),
     * {@code --sessions} (10), {@code --app-pid} (no memory figure without it), {@code --poll-seconds} (0: no CPU
     * figure), {@code --connection-rows} and {@code --log-rows} (for the notes).
     */
    public static void run(String... args) throws Exception {
        SELENIUM.setLevel(Level.SEVERE); // "no CDP implementation for Chromium N": we use none, only chromedriver's
        System.setProperty("SE_OFFLINE", "true");
        Bench.Options o = Bench.Options.parse(args);
        DashboardTiming timing = new DashboardTiming(o);
        String missing = Browser.missing();
        if (missing != null) {
            timing.result("dashboard", "Dashboard: grids show rows in headless Chromium", "not measured", "", "",
                    "no Chromium here: " + missing);
            return;
        }
        try {
            timing.timeToRows();
            timing.memoryPerSession();
        } finally {
            delete(timing.scratch);
        }
    }

    // ------------------------------------------------------------------------------------------------- time to rows

    /** Milliseconds from navigation start: rows shown, load event; and the server's share before the rows. */
    record Load(double rowsAt, double loadEventAt, double serverMs) {
    }

    /**
     * The load event, and the summed time to first byte of Vaadin's requests (the bootstrap {@code v-r=init} and the
     * {@code v-r=uidl} round trips) that started before the rows showed: over loopback, that is the server's time.
     */
    private static final String TIMINGS = """
            const rowsAt = arguments[0];
            const nav = performance.getEntriesByType('navigation')[0];
            let server = 0;
            for (const r of performance.getEntriesByType('resource')) {
              if (/[?&]v-r=(init|uidl)/.test(r.name) && r.startTime < rowsAt && r.responseStart > 0) {
                server += r.responseStart - r.startTime;
              }
            }
            return [nav ? nav.loadEventEnd : 0, server];""";

    private void timeToRows() throws Exception {
        String hot = hotConnection();
        int loads = o.integer("loads", 10);
        int warmups = o.integer("warmups", 2);
        String admin = o.get("admin-user", "admin");
        log("dashboard: signing in as %s, then %d + %d page loads per view", admin, warmups, loads);
        try (Browser browser = browser()) {
            browser.signIn(base, admin, o.get("admin-password"), null);
            String connectionsUrl = base + "/connections";
            String logsUrl = base + "/logs?connection=" + hot;
            List<Load> connections = loads(browser, connectionsUrl, ROWS, warmups, loads);
            List<Load> logs = loads(browser, logsUrl, ROWS, warmups, loads);
            checkLogsFiltered(browser, hot);
            List<Load> detail = loads(browser, base + "/connections/" + hot, CHART, warmups, loads);
            String chart = (String) ((JavascriptExecutor) browser.driver()).executeScript(
                    "return document.querySelector('svg[aria-label^=\"Last 24 hours\"]').getAttribute('aria-label')");
            result("dashboard.connections", "Dashboard: Connections view, page load → grid shows rows (headless "
                            + "Chromium) — p50 / p95 / max ms", Bench.latencies(sorted(connections, Load::rowsAt)), "—", "",
                    how(connections, loads, warmups) + sizeNote("connection-rows", " connections"));
            result("dashboard.logs", "Dashboard: API call logs filtered to the busy connection, page load → grid shows "
                            + "rows (headless Chromium) — p50 / p95 / max ms", Bench.latencies(sorted(logs, Load::rowsAt)),
                    "—", "", how(logs, loads, warmups) + sizeNote("log-rows", " rows in the log"));
            result("dashboard.detail", "Dashboard: the busy connection's page, page load → its 24-hour chart shown "
                            + "(headless Chromium) — p50 / p95 / max ms", Bench.latencies(sorted(detail, Load::rowsAt)),
                    "—", "", how(detail, loads, warmups).replace("first grid row with text", "the chart in the page")
                            .replace("before the rows", "before it")
                            + "; the chart: " + chart);
        }
    }

    private static String how(List<Load> loads, int n, int warmups) {
        return n + " full page loads after " + warmups + " warm-ups, signed in; navigation start → first grid row with "
                + "text (in-page 5 ms poll, performance.now()); p50 of: load event " + p50(loads, Load::loadEventAt)
                + " ms, server (Vaadin init + UIDL requests before the rows, time to first byte) "
                + p50(loads, Load::serverMs) + " ms";
    }

    private static String p50(List<Load> loads, java.util.function.ToDoubleFunction<Load> f) {
        return Bench.fmt(Bench.pct(sorted(loads, f), 50));
    }

    /** What a load waits for: the probe's variable. */
    private static final String ROWS = "__benchRowsAt";
    private static final String CHART = "__benchChartAt";

    private List<Load> loads(Browser browser, String url, String mark, int warmups, int loads) {
        for (int i = 0; i < warmups; i++) {
            load(browser, url, mark);
        }
        List<Load> timed = new ArrayList<>();
        for (int i = 0; i < loads; i++) {
            timed.add(load(browser, url, mark));
        }
        return timed;
    }

    /** One full page load; WebDriver only fetches the figure the page recorded. */
    private static Load load(Browser browser, String url, String mark) {
        browser.driver().get(url);
        return await(browser, url, mark);
    }

    private static Load await(Browser browser, String url, String mark) {
        JavascriptExecutor js = (JavascriptExecutor) browser.driver();
        long deadline = System.nanoTime() + ROWS_TIMEOUT.toNanos();
        while (true) {
            Object at = js.executeScript("return window." + mark + " || 0");
            if (at instanceof Number n && n.doubleValue() > 0) {
                List<?> t = (List<?>) js.executeScript(TIMINGS, n.doubleValue());
                return new Load(n.doubleValue(), ((Number) t.get(0)).doubleValue(), ((Number) t.get(1)).doubleValue());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + (mark.equals(ROWS) ? "grid rows" : "chart") + " within "
                        + ROWS_TIMEOUT.toSeconds() + " s at " + url + " (now at " + browser.driver().getCurrentUrl() + ")");
            }
            sleep(20);
        }
    }

    /**
     * The logs grid must show the busy connection's calls only: the connection filter shows it (its label ends in the
     * id's first eight characters and "…"), and the grid's Connection column, which would only repeat it, is hidden.
     */
    private static void checkLogsFiltered(Browser browser, String hot) {
        String chosen = String.valueOf(((JavascriptExecutor) browser.driver()).executeScript(
                "const c = document.getElementById('connection-filter'); return c && c.inputElement ? c.inputElement.value : null"));
        Set<String> shortIds = new TreeSet<>();
        for (var cell : browser.cells()) {
            String text = cell.getText().strip();
            if (text.length() >= 9 && text.endsWith("…")) {
                shortIds.add(text.substring(text.length() - 9));
            }
        }
        if (!chosen.endsWith(hot.substring(0, 8) + "…") || !shortIds.isEmpty()) {
            throw new IllegalStateException("the logs grid filtered to " + hot + " has the filter '" + chosen
                    + "' and shows connections " + shortIds);
        }
    }

    // ------------------------------------------------------------------------------------------------- memory

    private void memoryPerSession() throws Exception {
        int sessions = o.integer("sessions", 10);
        String label = "Dashboard: server heap per open session (" + sessions + " signed-in browsers on Connections)";
        String pid = o.get("app-pid", "");
        if (sessions <= 0) {
            return;
        }
        if (pid.isBlank()) {
            result("dashboard.memory", label, "not measured", "", "", "no --app-pid to read the heap of");
            return;
        }
        int pollSeconds = o.integer("poll-seconds", 0);
        long idleCpuMs = pollSeconds > 0 ? cpuMillisOver(pid, pollSeconds) : 0;
        long before = liveHeapKiB(pid);
        Map<String, Long> histogramBefore = histogram(pid);
        List<Browser> open = new ArrayList<>();
        try {
            for (int i = 0; i < sessions; i++) {
                Browser b = browser();
                open.add(b);
                b.signIn(base, o.get("admin-user", "admin"), o.get("admin-password"), null);
                await(b, base + " (after signing in)", ROWS);
                b.idle();
            }
            log("dashboard: %d sessions open, reading the heap", sessions);
            long after = liveHeapKiB(pid);
            logGrowth(histogramBefore, histogram(pid));
            result("dashboard.memory", label, String.format(java.util.Locale.ROOT, "%.2f MiB / session",
                            (after - before) / 1024.0 / sessions), "", "",
                    "-Xmx512m; live heap after a full GC " + before / 1024 + " MiB before, " + after / 1024
                            + " MiB with the " + sessions + " sessions open (jcmd GC.run + GC.heap_info)");
            if (pollSeconds > 0) {
                cpuPerPoll(pid, open, pollSeconds, idleCpuMs);
            }
        } finally {
            for (Browser b : open) {
                b.close();
            }
        }
    }

    /**
     * The application's CPU while the open Connections pages do nothing but their poll (every 30 s each asks whether
     * the list is behind), minus its CPU over as long a time before they were opened, per poll request the browsers
     * sent meanwhile (Vaadin's {@code v-r=uidl} requests in their resource timings).
     */
    private void cpuPerPoll(String pid, List<Browser> open, int seconds, long idleCpuMs) throws Exception {
        String label = "Dashboard: application CPU per poll of an open Connections page (" + open.size()
                + " pages open, each asking every 30 s whether its list is behind)";
        long requestsBefore = uidlRequests(open);
        long busyCpuMs = cpuMillisOver(pid, seconds);
        long polls = uidlRequests(open) - requestsBefore;
        String api = polls == 0 ? "no poll in the window"
                : String.format(java.util.Locale.ROOT, "%.1f ms / poll", (busyCpuMs - idleCpuMs) / (double) polls);
        result("dashboard.poll", label, api, "", "", "application CPU (/proc/<pid>/stat) over " + seconds + " s: "
                + idleCpuMs + " ms before the pages were opened, " + busyCpuMs + " ms with them open; " + polls
                + " poll requests in that time");
    }

    private static long uidlRequests(List<Browser> open) {
        long n = 0;
        for (Browser b : open) {
            n += ((Number) ((JavascriptExecutor) b.driver()).executeScript("return performance"
                    + ".getEntriesByType('resource').filter(r => /[?&]v-r=uidl/.test(r.name)).length")).longValue();
        }
        return n;
    }

    /** The process's user + system CPU over the next {@code seconds}, in ms (/proc counts in USER_HZ, 100 on Linux). */
    private static long cpuMillisOver(String pid, int seconds) throws IOException {
        long start = cpuTicks(pid);
        sleep(seconds * 1000L);
        return (cpuTicks(pid) - start) * 10;
    }

    private static long cpuTicks(String pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        // the command name in parentheses may hold spaces; utime and stime are the 12th and 13th fields after it
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Live bytes per class (jcmd GC.class_histogram), for the log: what the sessions added. */
    private static Map<String, Long> histogram(String pid) throws Exception {
        Map<String, Long> bytes = new java.util.HashMap<>();
        Matcher m = HISTOGRAM_ROW.matcher(jcmd(pid, "GC.class_histogram"));
        while (m.find()) {
            bytes.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
        }
        return bytes;
    }

    private static void logGrowth(Map<String, Long> before, Map<String, Long> after) {
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> log("dashboard: heap growth %,d KiB %s", e.getValue() / 1024, e.getKey()));
    }

    /** Heap used after two full GCs, KiB. */
    private static long liveHeapKiB(String pid) throws Exception {
        jcmd(pid, "GC.run");
        jcmd(pid, "GC.run");
        Matcher m = USED.matcher(jcmd(pid, "GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("no 'used' figure in jcmd " + pid + " GC.heap_info");
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * jcmd's output goes to a file, not a pipe: where the JVM measured is this one (the smoke test), JDK 25 streams a
     * command's output while the VM is at a safepoint, and a class histogram larger than the pipe would wait forever
     * for a reader thread that the safepoint has stopped.
     */
    private static String jcmd(String pid, String command) throws Exception {
        Path out = Files.createTempFile("jcmd", ".txt");
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), pid, command)
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            int exit = p.waitFor();
            String text = Files.readString(out);
            if (exit != 0) {
                throw new IllegalStateException("jcmd " + pid + " " + command + " failed: " + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(out);
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private Browser browser() {
        Browser b = Browser.open(scratch.resolve("screenshots"));
        ((ChromeDriver) b.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBE));
        return b;
    }

    private String hotConnection() throws IOException {
        String hot = o.get("hot", "");
        if (hot.isBlank()) {
            Properties state = new Properties();
            try (var in = Files.newBufferedReader(Path.of(o.get("state")))) {
                state.load(in);
            }
            hot = state.getProperty("hot", "");
        }
        if (hot.isBlank()) {
            throw new IllegalStateException("no busy connection: give --hot=<id> or a --state file with hot=<id>");
        }
        return hot;
    }

    private String sizeNote(String option, String what) {
        String n = o.get(option, "");
        return n.isBlank() ? "" : "; " + n + what;
    }

    private static double[] sorted(List<Load> loads, java.util.function.ToDoubleFunction<Load> f) {
        double[] v = loads.stream().mapToDouble(f).toArray();
        Arrays.sort(v);
        return v;
    }

    private void result(String key, String label, String api, String raw, String ratio, String note) throws IOException {
        String line = String.join("\t", o.get("db", "h2"), key, label, api, raw, ratio, note) + "\n";
        Files.writeString(results, line, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        log("%s | %s | %s | %s", o.get("db", "h2"), label, api, note);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static void log(String format, Object... args) {
        System.err.printf("[bench %s] %s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), String.format(format, args));
    }
}
