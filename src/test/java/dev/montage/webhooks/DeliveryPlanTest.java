package dev.montage.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.montage.webhooks.DeliveryAttempt.Outcome;
import dev.montage.webhooks.DeliveryAttempt.Target;
import dev.montage.webhooks.DeliveryPlan.Next;

class DeliveryPlanTest {

    private static final DeliveryPlan WITH_FAILOVER = new DeliveryPlan(3, true);
    private static final DeliveryPlan PRIMARY_ONLY = new DeliveryPlan(3, false);

    @Test
    void startsWithTheFirstAttemptAtThePrimary() {
        assertThat(WITH_FAILOVER.next(List.of())).contains(new Next(Target.PRIMARY, 1));
    }

    @Test
    void retriesThePrimaryUntilItsAttemptsAreUsedThenTheFailover() {
        List<DeliveryAttempt> made = new ArrayList<>();
        List<Next> order = new ArrayList<>();
        for (Optional<Next> next = WITH_FAILOVER.next(made); next.isPresent(); next = WITH_FAILOVER.next(made)) {
            order.add(next.get());
            made.add(attempt(next.get().target(), next.get().attempt(), Outcome.FAILED));
        }
        assertThat(order).containsExactly(new Next(Target.PRIMARY, 1), new Next(Target.PRIMARY, 2),
                new Next(Target.PRIMARY, 3), new Next(Target.FAILOVER, 1), new Next(Target.FAILOVER, 2),
                new Next(Target.FAILOVER, 3));
        assertThat(DeliveryPlan.delivered(made)).isFalse();
    }

    @Test
    void withoutFailoverEndsAfterThePrimary() {
        List<DeliveryAttempt> made = List.of(attempt(Target.PRIMARY, 1, Outcome.FAILED),
                attempt(Target.PRIMARY, 2, Outcome.FAILED), attempt(Target.PRIMARY, 3, Outcome.FAILED));
        assertThat(PRIMARY_ONLY.next(made)).isEmpty();
    }

    @Test
    void aDeliveredAttemptEndsIt() {
        assertThat(WITH_FAILOVER.next(List.of(attempt(Target.PRIMARY, 1, Outcome.FAILED),
                attempt(Target.PRIMARY, 2, Outcome.DELIVERED)))).isEmpty();
        assertThat(DeliveryPlan.delivered(List.of(attempt(Target.PRIMARY, 1, Outcome.DELIVERED)))).isTrue();
    }

    @Test
    void aRefusedUrlIsNotTriedAgain() {
        assertThat(WITH_FAILOVER.next(List.of(attempt(Target.PRIMARY, 1, Outcome.REFUSED))))
                .contains(new Next(Target.FAILOVER, 1));
        assertThat(PRIMARY_ONLY.next(List.of(attempt(Target.PRIMARY, 1, Outcome.REFUSED)))).isEmpty();
    }

    @Test
    void oneAttemptPerUrlGoesStraightToTheFailover() {
        DeliveryPlan once = new DeliveryPlan(1, true);
        assertThat(once.next(List.of(attempt(Target.PRIMARY, 1, Outcome.FAILED)))).contains(new Next(Target.FAILOVER, 1));
    }

    private static DeliveryAttempt attempt(Target target, int n, Outcome outcome) {
        return new DeliveryAttempt(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), null, "e", target,
                "https://example.com", n, outcome, null, null, Instant.EPOCH);
    }
}
