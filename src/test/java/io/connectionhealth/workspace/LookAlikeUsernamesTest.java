package io.connectionhealth.workspace;

import io.connectionhealth.base.Actor;
import io.connectionhealth.base.ValidationException;
import io.connectionhealth.support.ServiceTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;

/** "dave" and "Dave" added by two admins at the same moment: one of them is refused, as when added one after the other. */
class LookAlikeUsernamesTest extends ServiceTest {

    @Autowired
    UserAccountService users;
    @Autowired
    JdbcClient jdbc;

    @Test
    void twoAdminsAddingLookAlikeNamesAtOnceGetOneUser() {
        Actor actor = newWorkspace();
        // two threads of its own: the common pool has one on a 2-core machine, which ran the two adds in turn
        ExecutorService admins = Executors.newFixedThreadPool(2);
        for (int round = 0; round < 5; round++) {
            String name = "dave" + UUID.randomUUID().toString().substring(0, 8);
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Boolean>> adds = new ArrayList<>();
            for (String spelling : List.of(name, name.toUpperCase(java.util.Locale.ROOT))) {
                adds.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                        users.create(actor, spelling, "password-123", Actor.Role.VIEWER);
                        return true;
                    } catch (ValidationException taken) {
                        assertThat(taken.getMessage()).contains("is already taken");
                        return false;
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }, admins));
            }
            start.countDown();
            assertThat(adds.stream().map(CompletableFuture::join).filter(added -> added)).hasSize(1);
            assertThat(jdbc.sql("select count(*) from app_user where lower(username) = ?").param(name)
                    .query(Long.class).single()).as(name).isOne();
        }
        admins.shutdown();
    }
}
