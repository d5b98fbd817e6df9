package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The eight display matrices a camera or ffmpeg writes (a, b, c, d of {@code a b u / c d v / x y w}, in 16.16
 * fixed point as ffprobe prints them), the orientation each describes, and the filters that turn the pictures
 * upright: the same filters ffmpeg's own autorotation inserts for that matrix.
 */
class OrientationTest {

    @ParameterizedTest(name = "[{0} {1} / {2} {3}] -> {4}° mirrored={5}: {6}")
    @CsvSource(delimiter = '|', textBlock = """
             65536 |      0 |      0 |  65536 |   0 | false |
            -65536 |      0 |      0 |  65536 |   0 | true  | hflip
             65536 |      0 |      0 | -65536 | 180 | true  | vflip
            -65536 |      0 |      0 | -65536 | 180 | false | hflip,vflip
                 0 |  65536 | -65536 |      0 |  90 | false | transpose=clock
                 0 | -65536 |  65536 |      0 | 270 | false | transpose=cclock
                 0 |  65536 |  65536 |      0 | 270 | true  | transpose=cclock_flip
                 0 | -65536 | -65536 |      0 |  90 | true  | transpose=clock_flip
            """)
    void eachQuarterTurnAndMirrorIsReadFromItsMatrix(long a, long b, long c, long d, int degrees, boolean mirrored,
            String filters) {
        Orientation orientation = Orientation.fromDisplayMatrix(new long[] {a, b, 0, c, d, 0, 0, 0, 1L << 30});

        assertThat(orientation).isEqualTo(new Orientation(degrees, mirrored));
        assertThat(orientation.filters()).isEqualTo(filters == null ? List.of() : List.of(filters.split(",")));
        assertThat(orientation.swapsSides()).isEqualTo(degrees == 90 || degrees == 270);
    }

    /** A matrix that turns by 80° (no camera writes one) is taken to the nearest quarter turn. */
    @ParameterizedTest
    @CsvSource({"80, 270", "-80, 90", "10, 0", "170, 180"})
    void anAngleBetweenQuarterTurnsIsTakenToTheNearest(double counterClockwiseDegrees, int clockwiseDegrees) {
        double radians = Math.toRadians(counterClockwiseDegrees);
        long cos = Math.round(Math.cos(radians) * 65536);
        long sin = Math.round(Math.sin(radians) * 65536);
        // av_display_rotation_set: a = cos, b = -sin, c = sin, d = cos
        Orientation orientation = Orientation.fromDisplayMatrix(new long[] {cos, -sin, 0, sin, cos, 0, 0, 0, 1L << 30});

        assertThat(orientation).isEqualTo(new Orientation(clockwiseDegrees, false));
    }

    @ParameterizedTest
    @CsvSource({"160, 120, 0, 160, 120", "160, 120, 90, 120, 160", "160, 120, 180, 160, 120",
            "160, 120, 270, 120, 160"})
    void aQuarterTurnSwapsWidthAndHeight(int codedWidth, int codedHeight, int degrees, int width, int height) {
        Orientation orientation = new Orientation(degrees, false);

        assertThat(orientation.uprightWidth(codedWidth, codedHeight)).isEqualTo(width);
        assertThat(orientation.uprightHeight(codedWidth, codedHeight)).isEqualTo(height);
    }

    @ParameterizedTest
    @CsvSource({"45", "-90", "360"})
    void onlyQuarterTurnsAreOrientations(int degrees) {
        assertThatThrownBy(() -> new Orientation(degrees, false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not " + degrees);
    }

    @ParameterizedTest
    @CsvSource({"4", "10"})
    void aMatrixHasNineNumbers(int size) {
        assertThatThrownBy(() -> Orientation.fromDisplayMatrix(new long[size]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("9 numbers, not " + size);
    }
}
