package dev.montage.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** A speech analysis that cannot read storage waits longer after each failure, at most an hour, and never gives up. */
class SpeechRetryWaitTest {

    @Test
    void theWaitDoublesFromTenSecondsUpToAnHour() {
        assertThat(SpeechAnalysisQueue.waitAfter(0)).isEqualTo(Duration.ofSeconds(10));
        assertThat(SpeechAnalysisQueue.waitAfter(1)).isEqualTo(Duration.ofSeconds(20));
        assertThat(SpeechAnalysisQueue.waitAfter(3)).isEqualTo(Duration.ofSeconds(80));
        assertThat(SpeechAnalysisQueue.waitAfter(8)).isEqualTo(Duration.ofSeconds(2560));
        assertThat(SpeechAnalysisQueue.waitAfter(9)).isEqualTo(Duration.ofHours(1));
        assertThat(SpeechAnalysisQueue.waitAfter(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }
}
