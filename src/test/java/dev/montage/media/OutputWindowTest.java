package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputWindowTest {

    @Test
    void split_evenly_givesWindowsEndToEnd() {
        assertThat(OutputWindow.split(6_000, Duration.ofSeconds(2))).containsExactly(
                new OutputWindow(0, 2_000), new OutputWindow(2_000, 4_000), new OutputWindow(4_000, 6_000));
    }

    @Test
    void split_withARemainder_endsWithAShorterWindowAtTheOutputsEnd() {
        assertThat(OutputWindow.split(5_533, Duration.ofSeconds(2))).containsExactly(
                new OutputWindow(0, 2_000), new OutputWindow(2_000, 4_000), new OutputWindow(4_000, 5_533));
    }

    @Test
    void split_shorterThanOnePart_isOneWindow() {
        assertThat(OutputWindow.split(1_500, Duration.ofMinutes(2))).containsExactly(new OutputWindow(0, 1_500));
    }

    @Test
    void split_ofAnHourInTwoMinuteParts_coversItWithoutGapOrOverlap() {
        List<OutputWindow> windows = OutputWindow.split(3_600_250, Duration.ofMinutes(2));

        assertThat(windows).hasSize(30);
        for (int i = 1; i < windows.size(); i++) {
            assertThat(windows.get(i).startMillis()).isEqualTo(windows.get(i - 1).endMillis());
        }
        assertThat(windows.get(29)).as("the quarter second past the hour joins the last part")
                .isEqualTo(new OutputWindow(3_480_000, 3_600_250));
    }

    @Test
    void split_withARemainderOfASecondOrMore_keepsItAsAPart() {
        assertThat(OutputWindow.split(5_000, Duration.ofSeconds(2))).containsExactly(
                new OutputWindow(0, 2_000), new OutputWindow(2_000, 4_000), new OutputWindow(4_000, 5_000));
        assertThat(OutputWindow.split(4_999, Duration.ofSeconds(2))).containsExactly(
                new OutputWindow(0, 2_000), new OutputWindow(2_000, 4_999));
    }

    @ParameterizedTest
    @CsvSource({"0", "-1000"})
    void split_ofNothing_isRefused(long duration) {
        assertThatThrownBy(() -> OutputWindow.split(duration, Duration.ofSeconds(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(duration + " ms");
    }

    @ParameterizedTest
    @CsvSource({"0", "1500", "-2000", "999"})
    void split_intoPartsOfNoWholeSeconds_isRefused(long partMillis) {
        assertThatThrownBy(() -> OutputWindow.split(6_000, Duration.ofMillis(partMillis)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole seconds");
    }

    @Test
    void aWindowStartingBetweenSeconds_isRefused() {
        assertThatThrownBy(() -> new OutputWindow(1_500, 3_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1500 ms");
    }

    @ParameterizedTest
    @CsvSource({"2000, 2000", "2000, 1000"})
    void aWindowEndingWhereItStarts_orBefore_isRefused(long start, long end) {
        assertThatThrownBy(() -> new OutputWindow(start, end))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end after it starts");
    }

    @Test
    void durationIsTheWindowsLength() {
        assertThat(new OutputWindow(4_000, 5_533).durationMillis()).isEqualTo(1_533);
    }
}
