package dev.montage.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * A readiness component that says what is wrong in the log, since the public health endpoint says only UP or DOWN
 * ({@code show-details=never}): a WARN line naming the component and the problem when it goes down, an INFO line
 * when it is back. Only changes are logged, so a probe every few seconds does not flood the log.
 */
public abstract class LoggedHealthIndicator implements HealthIndicator {

    private static final Logger log = LoggerFactory.getLogger(LoggedHealthIndicator.class);

    private final String component;
    private volatile Boolean lastUp;

    /** @param component the name the readiness group knows it by, for the log lines */
    protected LoggedHealthIndicator(String component) {
        this.component = component;
    }

    /**
     * Checks the component now; answers what is wrong, or empty when it can be used. {@code details} are shown
     * where health details are shown (the management port, when the operator turns them on); an exception is a
     * problem too.
     */
    protected abstract Optional<String> problem(Map<String, Object> details) throws Exception;

    @Override
    public final Health health() {
        Map<String, Object> details = new LinkedHashMap<>();
        Optional<String> problem;
        try {
            problem = problem(details);
        } catch (Exception e) {
            problem = Optional.of(e.toString());
        }
        boolean up = problem.isEmpty();
        Boolean before = lastUp;
        lastUp = up;
        if (!up && !Boolean.FALSE.equals(before)) {
            log.warn("Not ready: {} is down: {}", component, problem.get());
        } else if (up && Boolean.FALSE.equals(before)) {
            log.info("{} is up again", component);
        }
        Health.Builder health = up ? Health.up() : Health.down().withDetail("problem", problem.get());
        return health.withDetails(details).build();
    }
}
