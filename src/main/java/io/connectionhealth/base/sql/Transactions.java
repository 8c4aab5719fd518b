package io.connectionhealth.base.sql;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

import javax.sql.DataSource;

/** The transaction manager Spring Boot would make, but a failed commit says that its outcome is unknown. */
@Configuration(proxyBeanMethods = false)
class Transactions {

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource,
                                               ObjectProvider<TransactionManagerCustomizers> customizers) {
        CommitOutcomeUnknown manager = new CommitOutcomeUnknown(dataSource);
        customizers.ifAvailable(c -> c.customize(manager));
        return manager;
    }

    /**
     * A commit that fails may have been done by the database all the same (the connection was lost on the way back).
     * Spring translated it like any other SQL error, rolled back on the dead connection and threw the rollback's
     * failure, which the API answered "stored nothing" for batches that were stored (seen on H2 closing under a stop).
     * A {@link TransactionSystemException} is answered "may have been stored", and is not followed by a rollback.
     */
    static final class CommitOutcomeUnknown extends JdbcTransactionManager {

        CommitOutcomeUnknown(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            try {
                super.doCommit(status);
            } catch (TransactionException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new TransactionSystemException("JDBC commit failed, its outcome is unknown", e);
            }
        }
    }
}
