package dev.montage.webhooks;

import java.util.List;
import java.util.Optional;

import dev.montage.webhooks.DeliveryAttempt.Outcome;
import dev.montage.webhooks.DeliveryAttempt.Target;

/**
 * Which attempt comes next, decided from the attempts made so far and nothing else, so any node, after any
 * restart, continues where the last one stopped: the primary URL gets {@code attemptsPerUrl} attempts; when
 * they are used up (or it was refused), the failover URL, if there is one, gets as many; a delivered attempt
 * ends it all.
 */
record DeliveryPlan(int attemptsPerUrl, boolean hasFailover) {

    /** The attempt to make next: its URL and its number there, counted from 1. */
    record Next(Target target, int attempt) {
    }

    DeliveryPlan {
        if (attemptsPerUrl < 1) {
            throw new IllegalArgumentException("at least one attempt per URL, not " + attemptsPerUrl);
        }
    }

    Optional<Next> next(List<DeliveryAttempt> made) {
        if (delivered(made)) {
            return Optional.empty();
        }
        for (Target target : hasFailover ? List.of(Target.PRIMARY, Target.FAILOVER) : List.of(Target.PRIMARY)) {
            List<DeliveryAttempt> there = made.stream().filter(a -> a.target() == target).toList();
            boolean refused = there.stream().anyMatch(a -> a.outcome() == Outcome.REFUSED);
            if (!refused && there.size() < attemptsPerUrl) {
                return Optional.of(new Next(target, there.size() + 1));
            }
        }
        return Optional.empty();
    }

    static boolean delivered(List<DeliveryAttempt> made) {
        return made.stream().anyMatch(a -> a.outcome() == Outcome.DELIVERED);
    }
}
