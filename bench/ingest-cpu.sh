#!/usr/bin/env bash
# Ingestion only, on PostgreSQL, with the CPU it costs: for comparing two builds on a busy machine, where rates swing
# with the load but CPU per call much less. Starts the jar of CHECKOUT (default: this one) with -Xmx512m on a fresh
# database, runs Bench's ingest phase (CALLS over CONNECTIONS, 4 clients, batches of 1,000), reads the CPU time of
# the application and of its PostgreSQL backends from /proc during the posting, then the raw JDBC insert of the same
# rows. Prints: CPU ms per 1,000 calls (application, backends), calls/s through the API and raw.
#
#   bench/ingest-cpu.sh                       CALLS=200000 CONNECTIONS=10000
#   CHECKOUT=/path/to/other/worktree bench/ingest-cpu.sh      the same for another build (built if it has no jar)
#   PRE_SQL="drop index connection_search_q" bench/ingest-cpu.sh   SQL run on the fresh database before posting (experiments)
#   APP_JAVA_OPTS="-XX:StartFlightRecording=filename=app.jfr,settings=profile" bench/ingest-cpu.sh   JVM options for the app
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
CHECKOUT="${CHECKOUT:-$ROOT}"
: "${CALLS:=200000}" "${CONNECTIONS:=10000}" "${PGHOST:=127.0.0.1}" "${PGPORT:=5432}" "${PGUSER:=postgres}"
export PGHOST PGPORT PGUSER
if [ -z "${JAVA_HOME:-}" ] || ! "$JAVA_HOME/bin/java" -version 2>&1 | grep -qE 'version "(2[1-9]|[3-9][0-9])'; then
    JAVA_HOME="$(ls -d /usr/lib/jvm/*25* /usr/lib/jvm/*21* 2>/dev/null | head -n 1 || true)"
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
W="$(mktemp -d "${TMPDIR:-/tmp}/ch-ingest-cpu.XXXXXX")"
JAR="$(ls "$CHECKOUT"/target/connection-health-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true)"
if [ -z "$JAR" ]; then (cd "$CHECKOUT" && ./mvnw -B -q -DskipTests package); JAR="$(ls "$CHECKOUT"/target/connection-health-*.jar | grep -v '\.original$' | head -n 1)"; fi
./mvnw -B -q dependency:build-classpath -Dmdep.outputFile="$W/cp.txt" >/dev/null
CP="$(tr ':' '\n' < "$W/cp.txt" | grep -E '/(h2|postgresql)-[0-9][^/]*\.jar$' | paste -sd: -)"
DB="ch_ingest_cpu_$(date +%Y%m%d%H%M%S)"
createdb "$DB"
URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB?reWriteBatchedInserts=true"
PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
KEY="bench_$(date +%s)_$RANDOM$RANDOM"
APP_BOOTSTRAP_API_KEY="$KEY" APP_DEMO_ENABLED=false java -Xmx512m ${APP_JAVA_OPTS:-} -jar "$JAR" --server.port="$PORT" \
    --app.demo.enabled=false --spring.profiles.active=postgres --spring.datasource.url="$URL" \
    --spring.datasource.username="$PGUSER" > "$W/app.log" 2>&1 &
APP=$!
cleanup() { kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; dropdb --if-exists "$DB" || true; }
trap cleanup EXIT
until curl -sf "http://127.0.0.1:$PORT/actuator/health" >/dev/null; do kill -0 "$APP" || { tail "$W/app.log"; exit 1; }; sleep 1; done
[ -z "${PRE_SQL:-}" ] || psql -d "$DB" -c "$PRE_SQL"
AUTOANALYZE=false; [ "$(psql -d "$DB" -tAc 'show autovacuum')" = off ] && AUTOANALYZE=true
C=(--db=postgres --base-url="http://127.0.0.1:$PORT" --api-key="$KEY" --jdbc-url="$URL" --jdbc-user="$PGUSER"
   --jdbc-password="${PGPASSWORD:-}" --state="$W/pg.state" --results="$W/results.tsv" --calls="$CALLS"
   --connections="$CONNECTIONS" --log-rows="$CALLS" --connection-rows="$CONNECTIONS" --runs=4 --transitions=0
   --autoanalyze="$AUTOANALYZE")
cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
backends() { local t=0 p; for p in $(psql -d "$DB" -tAc "select pid from pg_stat_activity where datname = '$DB' and pid <> pg_backend_pid()"); do t=$((t + $(cpu "$p" 2>/dev/null || echo 0))); done; echo "$t"; }
java -cp "$CP" "$ROOT/src/test/java/io/connectionhealth/bench/Bench.java" ingest "${C[@]}" > "$W/ingest.log" 2>&1 &
BENCH=$!
until grep -qs "posting" "$W/ingest.log" || ! kill -0 "$BENCH" 2>/dev/null; do sleep 0.2; done
A0="$(cpu "$APP")"; P0="$(backends)"
wait "$BENCH"
A1="$(cpu "$APP")"; P1="$(backends)"
TICK="$(getconf CLK_TCK)"
echo "CPU ms per 1,000 calls while posting: application $(( (A1 - A0) * 1000 / TICK * 1000 / CALLS )), PostgreSQL backends $(( (P1 - P0) * 1000 / TICK * 1000 / CALLS ))"
kill "$APP"; wait "$APP" 2>/dev/null || true
java -cp "$CP" "$ROOT/src/test/java/io/connectionhealth/bench/Bench.java" raw "${C[@]}" > "$W/raw.log" 2>&1
awk -F'\t' '$2 == "ingest" {print "calls/s through the API " $4 ", raw JDBC " $5 " (" $6 ")"}' "$W/results.tsv"
echo "logs in $W"
