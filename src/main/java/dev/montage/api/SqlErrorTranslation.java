package dev.montage.api;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;

/**
 * SQL errors translated by the database's own codes first (Spring's table for PostgreSQL, H2 and the rest), then as
 * before by the JDBC exception's class and SQL state.
 *
 * <p>Spring's default since 6.0 looks at the class and the state's first two characters only, and PostgreSQL's
 * {@code lock_not_available} (55P03: its {@code lock_timeout} ran out) has neither a class nor a state class it
 * knows: it came out as an uncategorised SQL error, so the API answered 500 and a render job treated it as a
 * lasting failure. By its code it is a {@code CannotAcquireLockException}, transient like a deadlock: the API
 * answers 503 with {@code Retry-After} ({@link ApiExceptionHandler}) and a job tries again.
 * ({@code DatabaseBusyOverHttpTest} makes a real lock timeout on both databases.) Spring Boot hands this bean to
 * the {@code JdbcTemplate} every {@code JdbcClient} here runs on.
 */
@Configuration(proxyBeanMethods = false)
class SqlErrorTranslation {

    @Bean
    SQLExceptionTranslator sqlExceptionTranslator(DataSource dataSource) {
        return new SQLErrorCodeSQLExceptionTranslator(dataSource);
    }
}
