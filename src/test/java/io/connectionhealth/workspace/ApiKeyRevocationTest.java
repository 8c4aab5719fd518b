package io.connectionhealth.workspace;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.PageRequest;
import io.connectionhealth.support.DiskFullTrigger;
import io.connectionhealth.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyRevocationTest extends ServiceTest {

    @Autowired
    ApiKeyService keys;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DataSource dataSource;

    @Test
    void aKeyAuthenticatedWhileItsRevocationCommitsIsRefusedRightAfter() throws Exception {
        Actor actor = newWorkspace();
        CreatedApiKey created = keys.create(actor, "worker", ApiKeyAccess.REPORT);
        assertThat(keys.authenticate(created.secret())).isPresent(); // used just now: no last-used write below
        var requests = Executors.newSingleThreadExecutor();
        transactions.executeWithoutResult(tx -> {
            assertThat(keys.revoke(actor, created.key().id())).isTrue();
            // a request in the gap before the commit reads the key as active, and caches it
            assertThat(CompletableFuture.supplyAsync(() -> keys.authenticate(created.secret()), requests).join())
                    .isPresent();
        });
        assertThat(keys.authenticate(created.secret())).as("refused from the commit on, not 10 s later").isEmpty();
        requests.shutdown();
    }

    @Test
    void aFullDiskRefusesTheLastUsedStampNotTheKey() throws Exception {
        Actor actor = newWorkspace();
        CreatedApiKey created = keys.create(actor, "reader", ApiKeyAccess.READ);
        DiskFullTrigger.install(dataSource, "api_key");
        try {
            // its first use stamps it: refused by the disk, which had made every request of the key a 503, reads too
            assertThat(keys.authenticate(created.secret())).isPresent();
            assertThat(keys.authenticate(created.secret())).isPresent();
        } finally {
            DiskFullTrigger.remove(dataSource, "api_key");
        }
        assertThat(keys.authenticate(created.secret())).isPresent();
        assertThat(keys.list(actor, PageRequest.of(10, 0)).getFirst().lastUsedAt()).as("stamped once there is room")
                .isNotNull();
        assertThat(keys.revoke(actor, created.key().id())).isTrue();
        assertThat(keys.authenticate(created.secret())).isEmpty();
    }
}
