package dev.montage.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import dev.montage.accounts.AccountService;
import dev.montage.api.SqlFilter;
import dev.montage.storage.DownloadLinks;

/**
 * Tenancy is enforced where the data is (issue 10, STYLE.md "Repositories own their SQL and the tenancy clause"):
 * controllers hold no SQL, only repositories build WHERE clauses, and a repository's list takes the account id and
 * a typed query record, so no caller can hand it a clause without {@code account_id = :account_id}.
 */
@AnalyzeClasses(packages = "dev.montage", importOptions = ImportOption.DoNotIncludeTests.class)
class TenancyArchitectureTest {

    /**
     * Classes that still read their own tables with JdbcClient. None of them serves a tenant's list: the API keys
     * (read by key hash before any account is known) and the signing secrets of links and webhooks.
     */
    private static final List<String> JDBC_OUTSIDE_REPOSITORIES = List.of(
            AccountService.class.getName(),
            DownloadLinks.class.getName(),
            "dev.montage.webhooks.WebhookSigner");

    @ArchTest
    static final ArchRule controllersHoldNoSql = noClasses()
            .that().haveSimpleNameEndingWith("Controller")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
            .orShould().dependOnClassesThat().belongToAnyOf(SqlFilter.class)
            .because("controllers bind query parameters into typed query records; repositories write the SQL");

    @ArchTest
    static final ArchRule onlyRepositoriesBuildSqlFilters = noClasses()
            .that().areNotAnnotatedWith(Repository.class)
            .and().doNotBelongToAnyOf(SqlFilter.class)
            .should().dependOnClassesThat().belongToAnyOf(SqlFilter.class)
            .because("the repository adds the account clause itself, so a filter is never built above it");

    @ArchTest
    static final ArchRule onlyRepositoriesUseJdbc = noClasses()
            .that().areNotAnnotatedWith(Repository.class)
            .and().doNotBelongToAnyOf(SqlFilter.class)
            .and().doNotHaveFullyQualifiedName(JDBC_OUTSIDE_REPOSITORIES.get(0))
            .and().doNotHaveFullyQualifiedName(JDBC_OUTSIDE_REPOSITORIES.get(1))
            .and().doNotHaveFullyQualifiedName(JDBC_OUTSIDE_REPOSITORIES.get(2))
            .should().dependOnClassesThat().belongToAnyOf(JdbcClient.class)
            .because("SQL lives in repositories, one per table");

    @ArchTest
    static final ArchRule noSqlFilterCrossesAMethodBoundary = methods()
            .that().areDeclaredInClassesThat(not(belongToAnyOf(SqlFilter.class)))
            .and().areNotPrivate()
            .should(notTakeA(SqlFilter.class))
            .because("a WHERE clause handed down could lack the account clause; a typed query record goes down");

    @ArchTest
    static final ArchRule repositoryQueriesTakeTheAccountIdFirst = methods()
            .that().areDeclaredInClassesThat(annotatedWith(Repository.class))
            .and().areNotPrivate()
            .and(takeAQueryRecord())
            .should(takeTheAccountIdFirst())
            .because("every repository query of tenant data is scoped by the account it is asked for");

    private static ArchCondition<JavaMethod> notTakeA(Class<?> type) {
        return new ArchCondition<>("not take a " + type.getSimpleName() + " parameter") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                boolean takes = method.getRawParameterTypes().stream().anyMatch(p -> p.isEquivalentTo(type));
                events.add(new SimpleConditionEvent(method, !takes,
                        method.getFullName() + (takes ? " takes a " : " takes no ") + type.getSimpleName()));
            }
        };
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaMethod> takeAQueryRecord() {
        return com.tngtech.archunit.base.DescribedPredicate.describe("take a *Query record",
                method -> method.getRawParameterTypes().stream().anyMatch(TenancyArchitectureTest::isQueryRecord));
    }

    private static boolean isQueryRecord(JavaClass type) {
        return type.isRecord() && type.getSimpleName().endsWith("Query");
    }

    private static ArchCondition<JavaMethod> takeTheAccountIdFirst() {
        return new ArchCondition<>("take the account id (a UUID) as the first parameter") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                List<JavaClass> parameters = method.getRawParameterTypes();
                boolean first = !parameters.isEmpty() && parameters.get(0).isEquivalentTo(UUID.class);
                events.add(new SimpleConditionEvent(method, first,
                        method.getFullName() + (first ? " takes" : " does not take") + " the account id first"));
            }
        };
    }
}
