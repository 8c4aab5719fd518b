# Connection Health as a container image.
#
#   docker build -t connection-health .
#   docker run -d --name connection-health --restart unless-stopped --stop-timeout 30 --memory=1g \
#     -p 8080:8080 -v ch-data:/app/data connection-health
#   docker logs connection-health      # the first start prints the admin's password (user admin)
#
# --restart: the process ends on purpose when it runs out of memory or cannot reach its database at start (a
# PostgreSQL still starting beside it), for the restart policy to try again.
# Without further settings it runs on the embedded H2 file database under /app/data (a volume), with no demo data
# (-e APP_DEMO_ENABLED=true seeds the demo workspace and its simulated traffic, which would also notify a real webhook).
# --stop-timeout: a stop waits for the webhook deliveries in flight, each over within 15 s (a hard deadline for the
# whole attempt); docker's default is 10 s. JVM options go in JAVA_TOOL_OPTIONS (java runs directly: no JAVA_OPTS);
# setting it replaces the image's options, so keep them in it.
# Memory: give the container at least 1 GiB (--memory=1g). The heap takes 60 % of the limit; the rest is the JVM's
# own (measured beside a 512 MiB heap: about 220 MB of metaspace, threads and code). An OutOfMemoryError ends the
# process, for the restart policy to bring it back, instead of leaving it half-working.
# A bind mount instead of the volume must be writable by uid 10001.
# For PostgreSQL: -e SPRING_PROFILES_ACTIVE=postgres -e SPRING_DATASOURCE_URL=... -e SPRING_DATASOURCE_USERNAME=...
# -e SPRING_DATASOURCE_PASSWORD=... ; see README.md for APP_BOOTSTRAP_* and the other settings.

# ---------------------------------------------------------------------------- build
FROM eclipse-temurin:21-jdk AS build
WORKDIR /build

# The Maven wrapper and the POM first: Maven itself and the dependencies become a layer that is reused
# until pom.xml changes. go-offline is only a warm-up (it can trip over a plugin's dependencies); the
# package step below fetches whatever it missed.
COPY mvnw pom.xml ./
COPY .mvn .mvn
RUN chmod +x mvnw \
    && (./mvnw -B -q dependency:go-offline || echo "dependency:go-offline failed; package will download the rest")

# Then the sources (src/; .dockerignore keeps out target/, data/,
# node_modules/, .git and the generated files .gitignore lists) and the production jar.
# vaadin-maven-plugin's build-frontend uses Vaadin's pre-built production bundle, so no Node.js is needed
# unless the frontend gains its own npm dependencies (then the plugin downloads Node by itself).
COPY . .
RUN chmod +x mvnw \
    && ./mvnw -B -Dmaven.test.skip=true package \
    && set -- target/connection-health-*.jar \
    && [ "$#" -eq 1 ] && [ -f "$1" ] \
    && cp "$1" /build/application.jar

# Split the jar into layers, from the least to the most often changed: the libraries (~56 MB of jars) stay in a layer
# of their own that a rebuild of the application's code (a ~8 MB jar: its classes and the dashboard's bundle) does not
# touch, so pulling an upgrade fetches only the last layer. Leaves application.jar beside a lib/ it names.
RUN java -Djarmode=tools -jar /build/application.jar extract --layers --destination /build/extracted

# ---------------------------------------------------------------------------- run
FROM eclipse-temurin:21-jre

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --no-create-home --shell /usr/sbin/nologin app \
    && mkdir -p /app/data \
    && chown app:app /app/data \
    && chmod 700 /app/data

# the code stays root's (the user that runs it cannot change it); only the data directory is the app's, and only its
# (the H2 file holds the webhook secrets: docs/operations.md)
WORKDIR /app
COPY --from=build /build/extracted/dependencies/ ./
COPY --from=build /build/extracted/spring-boot-loader/ ./
COPY --from=build /build/extracted/snapshot-dependencies/ ./
COPY --from=build /build/extracted/application/ ./

# The default H2 database lives in ./data relative to the working directory, i.e. /app/data.
VOLUME /app/data

USER app
EXPOSE 8080
# a container is a deployment: the demo is for trying the product out (./mvnw spring-boot:run)
ENV APP_DEMO_ENABLED=false
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60.0 -XX:+ExitOnOutOfMemoryError"
# Healthy once the readiness probe says UP (a first start migrates the database first; on a busy 2-core host a cold
# start has taken over two minutes), and unhealthy while the database cannot be reached (readiness includes it). The image has bash but no
# curl or wget to rely on, so the probe is a plain HTTP/1.0 request over bash's /dev/tcp; it follows
# MANAGEMENT_SERVER_PORT (the probes on a port of their own: docs/operations.md), SERVER_PORT or PORT if set.
HEALTHCHECK --interval=30s --timeout=5s --start-period=180s --retries=3 \
    CMD ["bash","-c","exec 3<>/dev/tcp/127.0.0.1/${MANAGEMENT_SERVER_PORT:-${SERVER_PORT:-${PORT:-8080}}} && printf 'GET /actuator/health/readiness HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && grep -q '\"status\":\"UP\"' <&3"]
ENTRYPOINT ["java","-jar","/app/application.jar"]
