package io.connectionhealth.base.sql;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransactionsTest {

    private final AtomicInteger rollbacks = new AtomicInteger();

    @Test
    void aCommitThatLosesItsConnectionSaysItsOutcomeIsUnknownWithoutARollback() {
        TransactionTemplate transaction = new TransactionTemplate(new Transactions.CommitOutcomeUnknown(lostAtCommit()));

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> { }))
                .as("answered 'may have been stored', not the rollback's 'database cannot be reached'")
                .isInstanceOf(TransactionSystemException.class)
                .hasRootCauseMessage("An I/O error occurred while sending to the backend.");
        assertThat(rollbacks).as("no rollback on a connection that is gone").hasValue(0);
    }

    @Test
    void itIsTheApplicationsTransactionManager() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(DataSourceTransactionManagerAutoConfiguration.class))
                .withUserConfiguration(Transactions.class)
                .withBean(DataSource.class, TransactionsTest::h2)
                .run(context -> assertThat(context.getBean(PlatformTransactionManager.class))
                        .isInstanceOf(Transactions.CommitOutcomeUnknown.class));
    }

    private static DataSource h2() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:transactions-test");
        return h2;
    }

    /** Connections whose commit and rollback fail as pgjdbc's do when the server is gone. */
    private DataSource lostAtCommit() {
        return new DelegatingDataSource(h2()) {
            @Override
            public Connection getConnection() throws SQLException {
                Connection real = super.getConnection();
                return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                        new Class<?>[]{Connection.class}, (proxy, method, args) -> {
                            if (method.getName().equals("commit") || method.getName().equals("rollback")) {
                                if (method.getName().equals("rollback")) {
                                    rollbacks.incrementAndGet();
                                }
                                throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
            }
        };
    }
}
