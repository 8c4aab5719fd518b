package io.connectionhealth.workspace;

import io.connectionhealth.base.Actor;
import io.connectionhealth.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyRevocationTest extends ServiceTest {

    @Autowired
    ApiKeyService keys;
    @Autowired
    TransactionTemplate transactions;

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
}
