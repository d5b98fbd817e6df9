package dev.montage.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AdmissionSettingsTest {

    private static AdmissionSettings maxConcurrent(int value) {
        return new AdmissionSettings(true, value, 100, Duration.ofSeconds(10));
    }

    @Test
    void byDefault_twoPerCore_underThePoolLessTwo() {
        assertThat(maxConcurrent(0).concurrency(2, 10)).isEqualTo(4);
        assertThat(maxConcurrent(0).concurrency(8, 10)).as("the pool bounds it").isEqualTo(8);
        assertThat(maxConcurrent(0).concurrency(16, 40)).isEqualTo(32);
        assertThat(maxConcurrent(0).concurrency(4, 2)).as("never none").isEqualTo(1);
    }

    @Test
    void aSettingIsTakenAsItIs() {
        assertThat(maxConcurrent(3).concurrency(2, 10)).isEqualTo(3);
    }

    @Test
    void negativeCountsOrANonPositiveWaitAreRefused() {
        assertThatThrownBy(() -> maxConcurrent(-1)).hasMessageContaining("max-concurrent");
        assertThatThrownBy(() -> new AdmissionSettings(true, 0, -1, Duration.ofSeconds(1)))
                .hasMessageContaining("max-queued");
        assertThatThrownBy(() -> new AdmissionSettings(true, 0, 1, Duration.ZERO)).hasMessageContaining("max-wait");
    }
}
