package dev.montage.node;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a refused {@code montage.roles} into Spring Boot's "APPLICATION FAILED TO START" report, not a trace. */
class InvalidRolesFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRolesException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidRolesException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set " + NodeRoles.SETTING + " (MONTAGE_ROLES) to api, worker or api,worker (the default).", cause);
    }
}
