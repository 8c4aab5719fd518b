#!/usr/bin/env bash
# The benchmark of issue 5: one command that measures ingestion, log queries, the connection list and webhook latency
# through the application's REST API, each beside the same work done raw over JDBC in the same run, on H2 and on
# PostgreSQL in turn, and prints ONE markdown table (also written into docs/benchmarks.md between its bench markers).
#
#   bench/run.sh                 full size: 1,000,000 API calls over 10,000 connections; log queries at 1,000,000 rows
#                                (H2) and 10,000,000 rows (PostgreSQL); connection list at 100,000 connections
#   bench/run.sh --smoke         tiny sizes (a few minutes): proves the harness runs; the table is still written
#   bench/run.sh --only=h2       one database only (--only=postgres likewise)
#   bench/run.sh --no-docs       print the table, leave docs/benchmarks.md alone
#   bench/run.sh --only-purge    the retention purge phase alone (below)
#
# Sizes can be overridden by environment variables: CALLS (or H2_CALLS / PG_CALLS), CONNECTIONS, H2_LOG_ROWS, PG_LOG_ROWS, CONNECTION_ROWS,
# RUNS (timed runs per query), WARMUP_SECONDS (rounds over all queries before any is timed, raw and API alike), TRANSITIONS (webhook latency; 0 skips it),
# DASHBOARD_LOADS / DASHBOARD_SESSIONS (page loads per view / browsers open for the memory figure);
# DASHBOARD_POLL_SECONDS (how long the application's CPU is read with those pages open and before; 0 skips it);
# the purge phase: PURGE_ROWS (or H2_PURGE_ROWS / PG_PURGE_ROWS; 0 skips it), PURGE_CALLS, PURGE_DELAY, PURGE_VACUUM
# (true: on PostgreSQL with autovacuum off, time ingestion during the VACUUM autovacuum would run after the purge; ~12 min at 10,000,000 rows).
# PostgreSQL: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres, trust auth); a fresh database ch_bench_<time> is
# created and dropped. Where the server runs with autovacuum = off, the load generator does what autovacuum's defaults
# would (once a minute, VACUUM / ANALYZE each written table past its thresholds; the same beside the raw inserts) and
# VACUUM ANALYZE after the bulk load, and says so in the table. BENCH_JFR=1 records a JFR file per application start under the work directory (kept).
#
# Per database: the application jar (built once, ./mvnw -B -q -DskipTests package) starts with -Xmx512m on a fresh
# database; the load generator (src/test/java/io/connectionhealth/bench/Bench.java, run with the JDK's single-file
# source launcher and only the JDBC drivers on its class path) runs three phases:
#   ingest  (application up)   creates the connections through the API, posts the API calls in batches of 1,000 by
#                              4 clients (~10 % errors: 401, 403, 429, 500 PLATFORM, 503, timeouts);
#   raw     (application down) inserts the same calls by plain JDBC batches into api_call_raw (same DDL and indexes),
#                              bulk-loads the log and the connections to size, ANALYZE, times the queries' SQL;
#   api     (application up)   times the same queries through GET /api/v1/..., then the webhook latency;
#   dashboard (application up, same start as api; skipped with a "not measured" row where /usr/bin/chromium or
#                              /usr/bin/chromedriver is missing): src/test/java/io/connectionhealth/bench/DashboardTiming.java
#                              on the test class path (Selenium) drives Debian's headless Chromium: page load → rows
#                              in the Connections grid and in the logs grid filtered to the busy connection, page
#                              load → the busy connection's page with its 24-hour chart, then the server heap per
#                              open dashboard session (DASHBOARD_SESSIONS browsers signed in) and the application's
#                              CPU per poll of those open Connections pages (DASHBOARD_POLL_SECONDS).
# Then, on a fresh database of its own, the retention purge phase (run_purge below): ingestion through the API while
# the application purges PURGE_ROWS expired calls (its purge interval shortened to PURGE_DELAY), and without a purge.
# The application is down during the raw phase because H2 is an embedded file database that it holds open; the same
# order is used for PostgreSQL so that both are measured alike. After each application phase the heap is read with
# jcmd (GC.heap_info before and after a full GC).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"

SMOKE=false
ONLY=""
DOCS=true
ONLY_PURGE=false
for arg in "$@"; do
    case "$arg" in
        --smoke) SMOKE=true ;;
        --only=*) ONLY="${arg#--only=}" ;;
        --no-docs) DOCS=false ;;
        --only-purge) ONLY_PURGE=true ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option $arg (see --help)" >&2; exit 2 ;;
    esac
done

if $SMOKE; then
    : "${CALLS:=5000}" "${CONNECTIONS:=100}" "${H2_LOG_ROWS:=20000}" "${PG_LOG_ROWS:=20000}" "${CONNECTION_ROWS:=2000}"
    : "${RUNS:=20}" "${WARMUP_SECONDS:=5}" "${TRANSITIONS:=20}" "${DASHBOARD_LOADS:=3}" "${DASHBOARD_SESSIONS:=2}"
    : "${DASHBOARD_POLL_SECONDS:=0}"
    : "${PURGE_ROWS:=20000}" "${PURGE_CALLS:=5000}"
else
    : "${CALLS:=1000000}" "${CONNECTIONS:=10000}" "${H2_LOG_ROWS:=1000000}" "${PG_LOG_ROWS:=10000000}"
    : "${CONNECTION_ROWS:=100000}" "${RUNS:=200}" "${WARMUP_SECONDS:=60}" "${TRANSITIONS:=1000}"
    : "${H2_PURGE_ROWS:=${PURGE_ROWS:-1000000}}" "${PG_PURGE_ROWS:=${PURGE_ROWS:-10000000}}" "${PURGE_CALLS:=200000}"
fi
: "${DASHBOARD_LOADS:=10}" "${DASHBOARD_SESSIONS:=10}" "${DASHBOARD_POLL_SECONDS:=90}"
: "${CHROME_BIN:=/usr/bin/chromium}" "${CHROMEDRIVER:=/usr/bin/chromedriver}"
export CHROME_BIN CHROMEDRIVER
if [ -x "$CHROME_BIN" ] && [ -x "$CHROMEDRIVER" ]; then
    CHROMIUM=true
else
    CHROMIUM=false
fi
: "${H2_PURGE_ROWS:=$PURGE_ROWS}" "${PG_PURGE_ROWS:=$PURGE_ROWS}" "${PURGE_DELAY:=30s}" "${PURGE_VACUUM:=true}"
: "${H2_CALLS:=$CALLS}" "${PG_CALLS:=$CALLS}"
: "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}" "${PGUSER:=postgres}"
export PGHOST PGPORT PGUSER

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

# ----------------------------------------------------------------------------- JDK >= 21 (as .ci/run picks it)
java_major() {
    local version
    version="$("$1" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)" || true
    case "$version" in 1.*) version="${version#1.}" ;; esac
    printf '%s' "${version%%[!0-9]*}"
}
jdk_ok() {
    local major
    [ -n "$1" ] && [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 1
    major="$(java_major "$1/bin/java")"
    [ -n "$major" ] && [ "$major" -ge 21 ]
}
pick_jdk() {
    if jdk_ok "${JAVA_HOME:-}"; then printf '%s' "$JAVA_HOME"; return 0; fi
    local best="" best_major=0 candidate major
    for candidate in /usr/lib/jvm/*; do
        [ -d "$candidate" ] && jdk_ok "$candidate" || continue
        major="$(java_major "$candidate/bin/java")"
        if [ "$major" -gt "$best_major" ]; then best="$candidate" best_major="$major"; fi
    done
    [ -n "$best" ] || return 1
    printf '%s' "$best"
}
JAVA_HOME="$(pick_jdk)" || die "no JDK 21 or newer found (JAVA_HOME, /usr/lib/jvm/*)"
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
log "JDK $(java_major "$JAVA_HOME/bin/java") at $JAVA_HOME"

# ----------------------------------------------------------------------------- build once
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ch-bench.XXXXXX")"
log "work directory $WORK (application logs, results, JFR files; the H2 database is removed after its run)"
RESULTS="$WORK/results.tsv"
: > "$RESULTS"
START_TIME="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
SECONDS=0

log "building the jar (./mvnw -B -q -DskipTests package; compiles the test classes too)"
./mvnw -B -q -DskipTests package
JAR="$(ls "$ROOT"/target/connection-health-*.jar | grep -v '\.original$' | head -n 1)"
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="$(tr ':' '\n' < "$WORK/cp.txt" | grep -E '/(h2|postgresql)-[0-9][^/]*\.jar$' | paste -sd: -)"
[ -n "$CP" ] || die "no JDBC driver jars on the dependency class path"
BENCH_SRC="$ROOT/src/test/java/io/connectionhealth/bench/Bench.java"
# the dashboard phase needs Selenium: the compiled test classes and the whole dependency class path (test scope too)
TEST_CP="$ROOT/target/test-classes:$(cat "$WORK/cp.txt")"
[ -f "$ROOT/target/test-classes/io/connectionhealth/bench/DashboardTiming.class" ] || ./mvnw -B -q test-compile

# H2 runs with the options of the application's default URL (WRITE_DELAY, CACHE_SIZE, …), the raw side with them too:
# what a default install gets, measured on both sides alike
H2_OPTIONS="$(sed -n 's/^spring\.datasource\.url=jdbc:h2:file:[^;]*//p' src/main/resources/application.properties)"
[ -n "$H2_OPTIONS" ] || die "no H2 file URL with options in src/main/resources/application.properties"
log "H2 options (from the application's default URL): $H2_OPTIONS"

bench() {
    java -cp "$CP" "$BENCH_SRC" "$@"
}

dashboard() {
    java -cp "$TEST_CP" io.connectionhealth.bench.DashboardTiming "$@"
}

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

APP_PID=""
# start_app NAME DB_ARGS... : starts the jar with -Xmx512m, waits for /actuator/health
start_app() {
    local name="$1"; shift
    local jfr=()
    if [ "${BENCH_JFR:-0}" = 1 ]; then
        jfr=("-XX:StartFlightRecording=filename=$WORK/$name.jfr,settings=profile,dumponexit=true")
    fi
    APP_BOOTSTRAP_API_KEY="$API_KEY" APP_BOOTSTRAP_ADMIN_PASSWORD="$ADMIN_PASSWORD" APP_DEMO_ENABLED=false APP_WEBHOOKS_ALLOWED_CIDRS=127.0.0.0/8 \
        java -Xmx512m "${jfr[@]}" -jar "$JAR" --server.port="$PORT" --app.demo.enabled=false "$@" \
        > "$WORK/app-$name.log" 2>&1 &
    APP_PID=$!
    local deadline=$((SECONDS + 180))
    until curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; do
        kill -0 "$APP_PID" 2>/dev/null || { tail -n 40 "$WORK/app-$name.log" >&2; die "the application ($name) exited"; }
        [ "$SECONDS" -lt "$deadline" ] || die "the application ($name) was not healthy within 180 s"
        sleep 1
    done
    log "application up ($name, pid $APP_PID, port $PORT)"
}

# heap DB KEY LABEL : appends the heap used (before / after a full GC) to the results
heap() {
    local before after
    before="$(jcmd "$APP_PID" GC.heap_info 2>/dev/null | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -n 1)"
    jcmd "$APP_PID" GC.run >/dev/null 2>&1 || true
    after="$(jcmd "$APP_PID" GC.heap_info 2>/dev/null | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -n 1)"
    printf '%s\t%s\t%s\t%s\t\t\t%s\n' "$1" "$2" "$3" \
        "$(( ${before:-0} / 1024 )) MiB / $(( ${after:-0} / 1024 )) MiB" "-Xmx512m; used / live after a full GC" \
        >> "$RESULTS"
}

stop_app() {
    if [ -n "$APP_PID" ] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID"
        wait "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=""
}

PG_DB=""
cleanup() {
    stop_app
    if [ -n "$PG_DB" ]; then dropdb --if-exists "$PG_DB" 2>/dev/null || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# run_db DB : the phases against one fresh database
run_db() {
    local db="$1" url user app_args log_rows calls autoanalyze=false
    PORT="$(free_port)"
    API_KEY="bench_$(date +%s)_$RANDOM$RANDOM"
    ADMIN_PASSWORD="bench_admin_$RANDOM$RANDOM$RANDOM"
    if [ "$db" = h2 ]; then
        mkdir -p "$WORK/h2"
        # H2 hands back a repeated query's previous result while its tables are unchanged; under ingestion they always
        # change, so the repeated timings here would measure that cache: it is off for the application and raw alike
        url="jdbc:h2:file:$WORK/h2/bench$H2_OPTIONS;OPTIMIZE_REUSE_RESULTS=0"
        user=sa
        app_args=(--spring.datasource.url="$url" --spring.datasource.username=sa)
        log_rows="$H2_LOG_ROWS"
        calls="$H2_CALLS"
    else
        PG_DB="ch_bench_$(date +%Y%m%d%H%M%S)"
        createdb "$PG_DB"
        url="jdbc:postgresql://$PGHOST:$PGPORT/$PG_DB?reWriteBatchedInserts=true"
        user="$PGUSER"
        app_args=(--spring.profiles.active=postgres --spring.datasource.url="$url"
                  --spring.datasource.username="$PGUSER" --spring.datasource.password="${PGPASSWORD:-}")
        log_rows="$PG_LOG_ROWS"
        calls="$PG_CALLS"
        # a default PostgreSQL analyzes growing tables by itself; where autovacuum is off the harness does it instead
        if [ "$(psql -d "$PG_DB" -tAc 'show autovacuum')" = off ]; then
            autoanalyze=true
        fi
    fi
    local common=(--db="$db" --base-url="http://127.0.0.1:$PORT" --api-key="$API_KEY" --jdbc-url="$url"
                  --jdbc-user="$user" --jdbc-password="${PGPASSWORD:-}" --state="$WORK/$db.state"
                  --results="$RESULTS" --calls="$calls" --connections="$CONNECTIONS" --log-rows="$log_rows"
                  --connection-rows="$CONNECTION_ROWS" --runs="$RUNS" --warmup-seconds="$WARMUP_SECONDS" --transitions="$TRANSITIONS" --autoanalyze="$autoanalyze")
    log "$db: ingest phase"
    start_app "$db-ingest" "${app_args[@]}"
    bench ingest "${common[@]}"
    heap "$db" heap.ingest "App heap after ingestion (used / live)"
    stop_app
    log "$db: raw phase (application stopped)"
    bench raw "${common[@]}"
    log "$db: api phase"
    start_app "$db-api" "${app_args[@]}"
    bench api "${common[@]}"
    heap "$db" heap.api "App heap after the queries and webhooks (used / live)"
    if $CHROMIUM; then
        log "$db: dashboard phase (headless Chromium, same application start)"
        if ! dashboard --db="$db" --base-url="http://127.0.0.1:$PORT" --results="$RESULTS" --state="$WORK/$db.state" \
                --admin-password="$ADMIN_PASSWORD" --app-pid="$APP_PID" --loads="$DASHBOARD_LOADS" \
                --sessions="$DASHBOARD_SESSIONS" --poll-seconds="$DASHBOARD_POLL_SECONDS" --connection-rows="$CONNECTION_ROWS" --log-rows="$log_rows"; then
            printf '%s\tdashboard\tDashboard: grids show rows in headless Chromium\tnot measured\t\t\t%s\n' "$db" \
                "the dashboard phase failed (see the output above)" >> "$RESULTS"
        fi
    else
        printf '%s\tdashboard\tDashboard: grids show rows in headless Chromium\tnot measured\t\t\t%s\n' "$db" \
            "no Chromium: $CHROME_BIN or $CHROMEDRIVER is missing (apt-get install chromium chromium-driver)" >> "$RESULTS"
    fi
    stop_app
    if [ "$db" = postgres ]; then
        dropdb "$PG_DB"
        PG_DB=""
    else
        rm -rf "$WORK/h2"
    fi
}

# run_purge DB : the retention purge phase on a fresh database of its own. A first application start creates the
# connections; with it down, PURGE_ROWS expired calls are bulk-loaded; the second start has
# app.retention.purge-interval = PURGE_DELAY, so that db-scheduler brings the pending purge forward to PURGE_DELAY
# after the start, and the load generator posts batches as in the ingest phase from the start until the purge is over
# (seen through the API), then PURGE_CALLS more: ingestion during the purge ÷ before and after it.
run_purge() {
    local db="$1" url user app_args rows
    if [ "$db" = h2 ]; then rows="$H2_PURGE_ROWS"; else rows="$PG_PURGE_ROWS"; fi
    [ "$rows" != 0 ] || return 0
    PORT="$(free_port)"
    API_KEY="bench_$(date +%s)_$RANDOM$RANDOM"
    ADMIN_PASSWORD="bench_admin_$RANDOM$RANDOM$RANDOM"
    if [ "$db" = h2 ]; then
        mkdir -p "$WORK/h2-purge"
        url="jdbc:h2:file:$WORK/h2-purge/bench$H2_OPTIONS;OPTIMIZE_REUSE_RESULTS=0"
        user=sa
        app_args=(--spring.datasource.url="$url" --spring.datasource.username=sa)
    else
        PG_DB="ch_bench_purge_$(date +%Y%m%d%H%M%S)"
        createdb "$PG_DB"
        url="jdbc:postgresql://$PGHOST:$PGPORT/$PG_DB?reWriteBatchedInserts=true"
        user="$PGUSER"
        app_args=(--spring.profiles.active=postgres --spring.datasource.url="$url"
                  --spring.datasource.username="$PGUSER" --spring.datasource.password="${PGPASSWORD:-}")
    fi
    local common=(--db="$db" --base-url="http://127.0.0.1:$PORT" --api-key="$API_KEY" --jdbc-url="$url"
                  --jdbc-user="$user" --jdbc-password="${PGPASSWORD:-}" --state="$WORK/$db.purge.state"
                  --results="$RESULTS" --connections="$CONNECTIONS" --purge-rows="$rows" --purge-calls="$PURGE_CALLS"
                  --purge-vacuum="$PURGE_VACUUM")
    log "$db: purge phase ($rows expired calls)"
    start_app "$db-purge-setup" "${app_args[@]}"
    bench purge-setup "${common[@]}"
    stop_app
    bench purge-load "${common[@]}"
    start_app "$db-purge-run" "${app_args[@]}" --app.retention.purge-interval="$PURGE_DELAY"
    bench purge-run "${common[@]}" --purge-delay="$PURGE_DELAY" --app-log="$WORK/app-$db-purge-run.log"
    heap "$db" heap.purge "App heap after the purge (used / live)"
    stop_app
    if [ "$db" = postgres ]; then
        dropdb "$PG_DB"
        PG_DB=""
    else
        rm -rf "$WORK/h2-purge"
    fi
}

for db in h2 postgres; do
    if [ -z "$ONLY" ] || [ "$ONLY" = "$db" ]; then
        if ! $ONLY_PURGE; then
            run_db "$db"
        fi
        run_purge "$db"
    fi
done

# ----------------------------------------------------------------------------- the table
for db in h2 postgres; do
    if [ -z "$ONLY" ] || [ "$ONLY" = "$db" ]; then
        grep -q "^$db"$'\t'"purge"$'\t' "$RESULTS" || printf '%s\tpurge\tRetention purge of expired calls while ingesting\tnot measured\t\t\t%s\n' \
            "$db" "PURGE_ROWS=0" >> "$RESULTS"
    fi
done
TABLE="$(bench table --results="$RESULTS")"
PG_VERSION="$(psql -d postgres -tAc 'show server_version' 2>/dev/null || echo unknown)"
COMMAND="bench/run.sh $*"
PURGE_SIZES="H2_PURGE_ROWS=$H2_PURGE_ROWS PG_PURGE_ROWS=$PG_PURGE_ROWS PURGE_CALLS=$PURGE_CALLS PURGE_DELAY=$PURGE_DELAY PURGE_VACUUM=$PURGE_VACUUM"
SIZES="H2_CALLS=$H2_CALLS PG_CALLS=$PG_CALLS CONNECTIONS=$CONNECTIONS H2_LOG_ROWS=$H2_LOG_ROWS PG_LOG_ROWS=$PG_LOG_ROWS CONNECTION_ROWS=$CONNECTION_ROWS RUNS=$RUNS WARMUP_SECONDS=$WARMUP_SECONDS TRANSITIONS=$TRANSITIONS DASHBOARD_LOADS=$DASHBOARD_LOADS DASHBOARD_SESSIONS=$DASHBOARD_SESSIONS DASHBOARD_POLL_SECONDS=$DASHBOARD_POLL_SECONDS"
REPORT="$WORK/report.md"
{
    echo "<!-- bench:begin (written by bench/run.sh; edit outside these markers) -->"
    echo "Run of \`$COMMAND\` ($SIZES $PURGE_SIZES), started $START_TIME, took $((SECONDS / 60)) min $((SECONDS % 60)) s."
    echo
    echo "Machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1), $(free -g | awk '/^Mem:/ {print $2}') GiB RAM"
    echo "($(free -g | awk '/^Mem:/ {print "used " $3 ", free " $4 " GiB at the end"}')); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg);"
    echo "JDK $("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); PostgreSQL $PG_VERSION (autovacuum $(psql -d postgres -tAc 'show autovacuum' 2>/dev/null || echo '?')); H2 $(basename "$(tr ':' '\n' <<< "$CP" | grep '/h2-')" .jar | sed 's/^h2-//') (URL options \`$H2_OPTIONS\`, the application's default)."
    echo "The application runs with -Xmx512m. Times are milliseconds unless marked; API = through the REST API over"
    echo "loopback HTTP (JSON included), raw = the same SQL over JDBC from the load generator; queries are timed after"
    echo "$WARMUP_SECONDS s of rounds over all of them on each side (a warm server; section 10)."
    echo
    echo "$TABLE"
    echo "<!-- bench:end -->"
} > "$REPORT"
cat "$REPORT"

if $DOCS; then
    DOC="$ROOT/docs/benchmarks.md"
    if [ -f "$DOC" ] && grep -q '<!-- bench:begin' "$DOC"; then
        python3 - "$DOC" "$REPORT" <<'EOF'
import re, sys
doc, report = sys.argv[1], sys.argv[2]
text = open(doc).read()
new = open(report).read().rstrip("\n")
text = re.sub(r"<!-- bench:begin.*?<!-- bench:end -->", lambda m: new, text, count=1, flags=re.S)
open(doc, "w").write(text)
EOF
    else
        { echo "# Benchmarks"; echo; cat "$REPORT"; } > "$DOC"
    fi
    log "written into $DOC"
fi
log "done in $((SECONDS / 60)) min $((SECONDS % 60)) s; logs in $WORK"
