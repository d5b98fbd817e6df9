package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

import dev.montage.compositions.CompositionChanges.Stamp;

class CompositionChangesTest {

    private final CompositionChanges changes = new CompositionChanges();
    private final UUID account = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();

    @AfterEach
    void noTransactionLeft() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.clearSynchronization();
        }
    }

    @Test
    void nothingIsKeptUntilOtherNodesAreHeard_andNothingReadBeforeIsKeptAfterAnInterruption() {
        assertThat(changes.stamp(account)).isNull();
        assertThat(changes.isCurrent(account, null)).isFalse();

        changes.othersHeard(true);
        Stamp before = changes.stamp(account);
        assertThat(changes.isCurrent(account, before)).isTrue();

        changes.othersHeard(false);
        assertThat(changes.stamp(account)).isNull();
        assertThat(changes.isCurrent(account, before)).isFalse();
        changes.othersHeard(true);
        assertThat(changes.isCurrent(account, before)).as("heard again, but changes made meanwhile were not").isFalse();
    }

    @Test
    void aChangeRenewsItsAccountOnly() {
        changes.othersHeard(true);
        Stamp mine = changes.stamp(account);
        Stamp theirs = changes.stamp(other);

        changes.changedElsewhere(account);
        assertThat(changes.isCurrent(account, mine)).isFalse();
        assertThat(changes.isCurrent(other, theirs)).isTrue();

        Stamp again = changes.stamp(account);
        changes.forgetAll();
        assertThat(changes.isCurrent(account, again)).isFalse();
        assertThat(changes.isCurrent(other, theirs)).isFalse();
    }

    /** A read between the statement and the commit still sees the old row: its stamp must not outlive the commit. */
    @Test
    void aChangeInATransactionRenewsAgainWhenItEnds() {
        changes.othersHeard(true);
        TransactionSynchronizationManager.initSynchronization();
        Stamp beforeTheStatement = changes.stamp(account);
        changes.changing(account);
        assertThat(changes.isCurrent(account, beforeTheStatement)).isFalse();

        Stamp readBeforeTheCommit = changes.stamp(account);
        assertThat(changes.isCurrent(account, readBeforeTheCommit)).isTrue();
        TransactionSynchronizationUtils.invokeAfterCompletion(TransactionSynchronizationManager.getSynchronizations(),
                TransactionSynchronization.STATUS_COMMITTED);
        assertThat(changes.isCurrent(account, readBeforeTheCommit)).isFalse();
    }
}
