package dev.montage.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSpanTest {

    @Test
    void containsItsStartButNotItsEnd() {
        TimeSpan span = new TimeSpan(0, 10);

        assertThat(span.contains(-1)).isFalse();
        assertThat(span.contains(0)).isTrue();
        assertThat(span.contains(9)).isTrue();
        assertThat(span.contains(10)).isFalse();
    }

    @Test
    void touchingSpansDoNotOverlap() {
        assertThat(new TimeSpan(0, 10).overlaps(new TimeSpan(10, 20))).isFalse();
        assertThat(new TimeSpan(10, 20).overlaps(new TimeSpan(0, 10))).isFalse();
        assertThat(new TimeSpan(0, 10).intersect(new TimeSpan(10, 20))).isEmpty();
    }

    @Test
    void spansSharingOneMillisecondOverlap() {
        assertThat(new TimeSpan(0, 11).overlaps(new TimeSpan(10, 20))).isTrue();
        assertThat(new TimeSpan(0, 11).intersect(new TimeSpan(10, 20))).contains(new TimeSpan(10, 11));
    }

    @Test
    void emptySpanContainsNothingAndOverlapsNothing() {
        TimeSpan empty = new TimeSpan(5, 5);

        assertThat(empty.isEmpty()).isTrue();
        assertThat(empty.durationMillis()).isZero();
        assertThat(empty.contains(5)).isFalse();
        assertThat(empty.overlaps(new TimeSpan(0, 10))).isFalse();
        assertThat(new TimeSpan(0, 10).overlaps(empty)).isFalse();
    }

    @Test
    void intersectKeepsTheSharedPart() {
        assertThat(new TimeSpan(0, 10).intersect(new TimeSpan(5, 20))).contains(new TimeSpan(5, 10));
        assertThat(new TimeSpan(0, 30).intersect(new TimeSpan(5, 20))).contains(new TimeSpan(5, 20));
    }

    @Test
    void durationIsEndMinusStart() {
        assertThat(new TimeSpan(1_000, 3_500).durationMillis()).isEqualTo(2_500);
    }

    @Test
    void rejectsAnEndBeforeTheStart() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new TimeSpan(10, 9))
                .withMessageContaining("[10, 9)");
    }

    @Test
    void unionMergesOverlappingAndTouchingSpansAndDropsEmptyOnes() {
        assertThat(TimeSpans.union(List.of(new TimeSpan(10, 20), new TimeSpan(0, 10), new TimeSpan(30, 30),
                new TimeSpan(15, 25), new TimeSpan(40, 50))))
                .containsExactly(new TimeSpan(0, 25), new TimeSpan(40, 50));
    }

    @Test
    void intersectOfListsKeepsOnlySharedInstants() {
        assertThat(TimeSpans.intersect(List.of(new TimeSpan(0, 10)), List.of(new TimeSpan(2, 4), new TimeSpan(8, 12))))
                .containsExactly(new TimeSpan(2, 4), new TimeSpan(8, 10));
    }

    @Test
    void elapsedBeforeCountsOnlyKeptTime() {
        List<TimeSpan> kept = List.of(new TimeSpan(10, 20), new TimeSpan(30, 35));

        assertThat(TimeSpans.elapsedBefore(kept, 0)).isZero();
        assertThat(TimeSpans.elapsedBefore(kept, 10)).isZero();
        assertThat(TimeSpans.elapsedBefore(kept, 15)).isEqualTo(5);
        assertThat(TimeSpans.elapsedBefore(kept, 25)).isEqualTo(10);
        assertThat(TimeSpans.elapsedBefore(kept, 31)).isEqualTo(11);
        assertThat(TimeSpans.elapsedBefore(kept, 99)).isEqualTo(15);
    }
}
