package dev.mfaportal.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Points a Spring test's database at the PostgreSQL at 127.0.0.1:5432 (user postgres,
 * database test, a schema of this test JVM's own, emptied and migrated afresh for each
 * Spring context) instead of H2. Skips with the reason where no PostgreSQL answers; fails
 * instead in CI. For {@code @JdbcTest}s use {@link PostgresJdbcTest}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(PostgresDatabase.Required.class)
@TestPropertySource(properties = {
		"spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=${portal.test.postgres-schema}",
		"spring.datasource.username=" + PostgresDatabase.USER, "spring.datasource.password=",
		"spring.flyway.schemas=${portal.test.postgres-schema}", "spring.flyway.clean-disabled=false" })
@Import(PostgresDatabase.CleanMigrate.class)
public @interface OnPostgres {

}
