package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The output frame rate follows the fastest source, a whole number from 1 to 30; 30 when any rate is unknown. */
class EncodingTest {

    @ParameterizedTest(name = "sources {0} -> {1} fps")
    @CsvSource(delimiter = '|', textBlock = """
            15            | 15
            15 15         | 15
            15 30         | 30
            14.985        | 15
            29.97         | 30
            24 25         | 25
            7.4           | 7
            60            | 30
            0.2           | 1
            15 unknown    | 30
            unknown       | 30
            none          | 30
            """)
    void frameRateFollowingTheSources(String sources, int expected) {
        List<OptionalDouble> rates = sources.equals("none") ? List.of() : Arrays.stream(sources.split(" "))
                .map(rate -> rate.equals("unknown") ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(rate)))
                .toList();

        assertThat(Encoding.frameRateFollowing(rates)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"0", "31"})
    void aFrameRateOutsideOneToThirtyIsRefused(int frameRate) {
        assertThatThrownBy(() -> new Encoding(OutputFormat.MP4, EncoderPoint.BEFORE_LEVELS, frameRate))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(String.valueOf(frameRate));
    }

    @ParameterizedTest
    @CsvSource({"quick, 23, 8, 10", "veryfast, 52, 8, 10", "veryfast, 23, 17, 10", "veryfast, 23, 8, 3"})
    void anEncoderPointOutsideItsCodecsRangesIsRefused(String preset, int crf, int cpuUsed, int vp8Crf) {
        assertThatThrownBy(() -> new EncoderPoint(preset, crf, cpuUsed, vp8Crf))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
