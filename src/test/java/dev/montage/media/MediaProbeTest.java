package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.montage.layout.TimeSpan;
import dev.montage.support.LyingMedia;
import dev.montage.support.TestMedia;
import tools.jackson.databind.json.JsonMapper;

/** ffprobe on real files made by the bundled ffmpeg: streams, durations and the video's activity. */
class MediaProbeTest {

    @TempDir
    private Path dir;

    private final MediaProbe probe = new MediaProbe(new FfmpegBinaries(MediaSettings.bundled(Duration.ZERO)), JsonMapper.builder().build());

    @Test
    void readsTheContainerAndEachStream() throws Exception {
        MediaInfo info = probe.probe(write("av.webm", TestMedia.webm("red", 440, 2)));

        assertThat(info.formatName()).contains("webm");
        assertThat(info.durationMillis()).isCloseTo(2000L, within(100L));
        StreamInfo video = info.first(MediaKind.VIDEO).orElseThrow();
        assertThat(video.codec()).isEqualTo("vp8");
        assertThat(video.width()).isEqualTo(160);
        assertThat(video.height()).isEqualTo(120);
        assertThat(video.activity()).hasSize(1);
        assertThat(video.activity().get(0).startMillis()).isZero();
        assertThat(video.activity().get(0).endMillis()).isCloseTo(2000L, within(100L));
        StreamInfo audio = info.first(MediaKind.AUDIO).orElseThrow();
        assertThat(audio.codec()).isEqualTo("opus");
        assertThat(audio.sampleRate()).isEqualTo(48_000);
        assertThat(audio.activity()).containsExactly(new TimeSpan(audio.startMillis(),
                audio.startMillis() + audio.durationMillis()));
    }

    /** The header claims 10 h 0 min 3 s, the packets last 3 s: the packets win, for the file and each stream. */
    @Test
    void aHeaderClaimingHoursIsMeasuredByItsPackets() throws Exception {
        MediaInfo info = probe.probe(write("lying.webm", LyingMedia.webmClaimingTenHoursMore("red", 440, 3)));

        assertThat(info.durationMillis()).isCloseTo(3000L, within(100L));
        StreamInfo video = info.first(MediaKind.VIDEO).orElseThrow();
        assertThat(video.durationMillis()).isCloseTo(3000L, within(100L));
        assertThat(video.activity()).hasSize(1);
        assertThat(video.activity().get(0).endMillis()).isCloseTo(3000L, within(100L));
        StreamInfo audio = info.first(MediaKind.AUDIO).orElseThrow();
        assertThat(audio.durationMillis()).isCloseTo(3000L, within(100L));
        assertThat(audio.activity()).containsExactly(new TimeSpan(audio.startMillis(),
                audio.startMillis() + audio.durationMillis()));
    }

    @Test
    void aCameraOffForTwoSecondsSplitsTheVideoActivity() throws Exception {
        MediaInfo info = probe.probe(write("gap.webm", TestMedia.withGap("red", 1, 2, 1)));

        List<TimeSpan> activity = info.first(MediaKind.VIDEO).orElseThrow().activity();
        assertThat(activity).hasSize(2);
        assertThat(activity.get(0).startMillis()).isZero();
        assertThat(activity.get(0).endMillis()).isCloseTo(1000L, within(70L));
        assertThat(activity.get(1).startMillis()).isCloseTo(3000L, within(70L));
        assertThat(activity.get(1).endMillis()).isCloseTo(4000L, within(70L));
    }

    @Test
    void aFileThatIsNotMediaIsRefusedWithoutTheServersPath() throws Exception {
        Path noise = write("upload-1234.tmp", new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12});

        assertThatThrownBy(() -> probe.probe(noise))
                .isInstanceOf(MediaProbeException.class)
                .hasMessageStartingWith("the file is not media ffprobe can read (")
                .hasMessageNotContaining(dir.toString())
                .hasMessageNotContaining("upload-1234");
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }
}
