package io.connectionhealth.base.sql;

import io.connectionhealth.support.ApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API on the embedded H2 when its disk fills up and is freed again: a 503 that names the full disk (not a 500 or
 * "may have been stored"), nothing acknowledged lost, and back without a restart.
 */
class DiskFullApiTest extends ApiTest {

    @DynamicPropertySource
    static void onAFullableDisk(DynamicPropertyRegistry registry) throws IOException {
        FullDisk.register();
        // under target/, which a clean build removes: the context holds the database open until the tests end
        String dir = Files.createDirectories(Path.of("target", "disk-full-test", UUID.randomUUID().toString()))
                .toAbsolutePath().toString();
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:fulldisk:" + dir + "/ch;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
    }

    @AfterEach
    void freeSpace() {
        FullDisk.FULL.set(false);
    }

    @Test
    void aFullDiskIsA503ThatSaysSoAndTheApiIsBackOnceSpaceIsFreed() throws InterruptedException {
        String key = newWorkspaceKey();
        String id = post(key, "/api/v1/connections", "{\"integration_type\":\"hubspot\"}").json().get("id").stringValue();
        assertThat(post(key, "/api/v1/apicalls", call("before", id)).status()).isEqualTo(200);

        FullDisk.FULL.set(true);
        for (int i = 0; i < 3; i++) {
            Response refused = post(key, "/api/v1/apicalls", call("while-full-" + i, id));
            assertThat(refused.status()).as("attempt %d: %s", i, refused.body()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().get("detail").stringValue()).as("attempt %d", i)
                    .startsWith("The database's disk is full, so nothing more can be stored until space is freed.");
        }

        FullDisk.FULL.set(false);
        long deadline = System.nanoTime() + 15_000_000_000L;
        int status = post(key, "/api/v1/apicalls", call("after", id)).status();
        while (status != 200 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            status = post(key, "/api/v1/apicalls", call("after", id)).status();
        }
        assertThat(status).as("back without a restart").isEqualTo(200);
        assertThat(get(key, "/api/v1/apicalls/before").status()).as("acknowledged before the disk filled").isEqualTo(200);
        assertThat(get(key, "/api/v1/apicalls/while-full-0").status()).as("refused: not stored").isEqualTo(404);
    }

    private static String call(String callId, String connectionId) {
        return "[{\"id\":\"" + callId + "\",\"connection_id\":\"" + connectionId + "\",\"status\":401}]";
    }
}
