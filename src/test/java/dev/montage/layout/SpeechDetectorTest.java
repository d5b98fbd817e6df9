package dev.montage.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpeechDetectorTest {

    /** The example of the class documentation. */
    @Test
    void documentedExample() {
        SpeechDetection detection = SpeechDetector.detect(
                SpeechLevels.ofDecibels(100, -90, -20, -20, -90, -20, -90, -90, -90, -90, -20));

        assertThat(detection.noiseFloorDb()).isEqualTo(-90);
        assertThat(detection.thresholdDb()).isEqualTo(-60);
        assertThat(detection.spans()).containsExactly(new TimeSpan(100, 500), new TimeSpan(900, 1000));
    }

    /** floor + 12 dB, kept within -60..-35. */
    @ParameterizedTest
    @CsvSource({
            "-100, -60", // digital silence: hiss just above it is not speech
            "-72,  -60",
            "-71,  -59",
            "-50,  -38",
            "-47,  -35",
            "-30,  -35", // someone who never pauses still speaks
            "0,    -35"})
    void thresholdIsTwelveDecibelsOverTheFloor_withinBounds(int floorDb, int thresholdDb) {
        assertThat(SpeechDetector.threshold(floorDb)).isEqualTo(thresholdDb);
    }

    @Test
    void noiseFloorIsTheTenthPercentile() {
        // 20 windows: the 2nd quietest is the level 10 % stay at or below
        int[] levels = new int[20];
        java.util.Arrays.fill(levels, -20);
        levels[5] = -80;
        levels[9] = -70;
        levels[14] = -60;

        assertThat(SpeechDetector.noiseFloor(SpeechLevels.ofDecibels(100, levels))).isEqualTo(-70);
    }

    @Test
    void theThresholdItselfIsLoud() {
        SpeechDetection detection = SpeechDetector.detect(SpeechLevels.ofDecibels(100, -100, -60, -61, -100));

        assertThat(detection.thresholdDb()).isEqualTo(-60);
        assertThat(detection.spans()).containsExactly(new TimeSpan(100, 200));
    }

    /**
     * <pre>
     * loud      ██ (200) ██ (300) ██ (400) ██
     * speech   [0 ........... 500)        [900, 1000)
     * </pre>
     */
    @Test
    void pausesShorterThanTheHangoverAreBridged_notLongerOnes() {
        assertThat(SpeechDetector.bridgePauses(List.of(new TimeSpan(0, 100), new TimeSpan(300, 400))))
                .containsExactly(new TimeSpan(0, 400));
        assertThat(SpeechDetector.bridgePauses(List.of(new TimeSpan(0, 100), new TimeSpan(399, 500))))
                .containsExactly(new TimeSpan(0, 500));
        assertThat(SpeechDetector.bridgePauses(List.of(new TimeSpan(0, 100), new TimeSpan(400, 500))))
                .containsExactly(new TimeSpan(0, 100), new TimeSpan(400, 500));
    }

    @Test
    void speechEndsWhereTheLastLoudWindowEnds_noTail() {
        SpeechDetection detection = SpeechDetector.detect(
                SpeechLevels.ofDecibels(100, -100, -100, -20, -20, -100, -100, -100, -100, -100, -100));

        assertThat(detection.spans()).containsExactly(new TimeSpan(200, 400));
    }

    @Test
    void speechRunningToTheEndEndsWithTheLastWindow() {
        SpeechDetection detection = SpeechDetector.detect(SpeechLevels.ofDecibels(50, -100, -100, -20, -20));

        assertThat(detection.spans()).containsExactly(new TimeSpan(100, 200));
    }

    @Test
    void silenceAndNothingHaveNoSpeech() {
        assertThat(SpeechDetector.detect(SpeechLevels.ofDecibels(100, -100, -100, -100)).spans()).isEmpty();
        SpeechDetection nothing = SpeechDetector.detect(SpeechLevels.ofDecibels(100));
        assertThat(nothing.spans()).isEmpty();
        assertThat(nothing.noiseFloorDb()).isEqualTo(SpeechLevels.SILENCE_DB);
    }

    @Test
    void levelsAreClampedAndSurviveTheirBytes() {
        SpeechLevels levels = SpeechLevels.ofDecibels(100, 3, 0, -42, -100, -140);

        assertThat(levels.decibels()).containsExactly(0, 0, -42, -100, -100);
        assertThat(SpeechLevels.fromBytes(100, levels.toBytes())).isEqualTo(levels);
        assertThat(levels.toBytes()).hasSize(5);
        assertThat(levels.window(2)).isEqualTo(new TimeSpan(200, 300));
    }

    @Test
    void storedBytesOutsideTheRangeAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> SpeechLevels.fromBytes(100, new byte[] {101}))
                .withMessageContaining("101");
        assertThatIllegalArgumentException().isThrownBy(() -> SpeechLevels.fromBytes(100, new byte[] {-1}));
        assertThatIllegalArgumentException().isThrownBy(() -> SpeechLevels.ofDecibels(0, -20))
                .withMessageContaining("0");
    }
}
