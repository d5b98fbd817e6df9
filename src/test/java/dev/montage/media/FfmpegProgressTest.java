package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class FfmpegProgressTest {

    @Test
    void eachBlockReportsItsOutTimeAsAPercentageOfThePlannedDuration() {
        FfmpegProgress progress = new FfmpegProgress(10_000);

        assertThat(feed(progress,
                "frame=0", "out_time_us=N/A", "out_time_ms=N/A", "progress=continue",
                "frame=75", "out_time_us=2500000", "out_time_ms=2500000", "progress=continue",
                "frame=300", "out_time_us=9966667", "out_time_ms=9966667", "progress=end"))
                .containsExactly(0, 25, 99);
    }

    @Test
    void outTimeMs_countsMicrosecondsToo_andIsUsedWhenOutTimeUsIsMissing() {
        FfmpegProgress progress = new FfmpegProgress(10_000);

        assertThat(feed(progress, "out_time_ms=5000000", "progress=continue")).containsExactly(50);
    }

    @Test
    void percentagesOnlyGrow_andStopAt100() {
        FfmpegProgress progress = new FfmpegProgress(10_000);

        assertThat(feed(progress,
                "out_time_us=4000000", "progress=continue",
                "out_time_us=4000000", "progress=continue",
                "out_time_us=-20000", "progress=continue",
                "out_time_us=12000000", "progress=end"))
                .containsExactly(40, 100);
        assertThat(progress.finish()).isEmpty();
    }

    @Test
    void finish_reports100OnceWhenTheLastBlockFellShort() {
        FfmpegProgress progress = new FfmpegProgress(10_000);
        feed(progress, "out_time_us=9966667", "progress=end");

        assertThat(progress.finish()).hasValue(100);
        assertThat(progress.finish()).isEmpty();
    }

    private static List<Integer> feed(FfmpegProgress progress, String... lines) {
        List<Integer> reported = new ArrayList<>();
        for (String line : lines) {
            progress.accept(line).ifPresent(reported::add);
        }
        return reported;
    }
}
