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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    /**
     * A 160x120 stream whose display matrix turns it: the probe reports the picture as shown (a quarter turn is
     * 120x160) and how to turn it. ffprobe's own "rotation" would call the mirrored one a half turn.
     */
    @ParameterizedTest(name = "{0}: {1}x{2}, {3}° mirrored={4}")
    @CsvSource(delimiter = '|', textBlock = """
            none                                     | 160 | 120 |   0 | false
            -display_rotation 90                     | 120 | 160 | 270 | false
            -display_rotation 180                    | 160 | 120 | 180 | false
            -display_rotation 270                    | 120 | 160 |  90 | false
            -display_hflip                           | 160 | 120 |   0 | true
            -display_vflip                           | 160 | 120 | 180 | true
            -display_rotation 90 -display_hflip      | 120 | 160 |  90 | true
            """)
    void aDisplayMatrixIsReportedAsTheUprightSizeAndTheTurn(String options, int width, int height, int degrees,
            boolean mirrored) throws Exception {
        String[] displayOptions = options.equals("none") ? new String[0] : options.split(" ");
        StreamInfo video = probe.probe(write("turned.mp4", TestMedia.turned(160, 120, 1, displayOptions)))
                .first(MediaKind.VIDEO).orElseThrow();

        assertThat(video.width()).isEqualTo(width);
        assertThat(video.height()).isEqualTo(height);
        assertThat(video.probedOrientation()).contains(new Orientation(degrees, mirrored));
    }

    /** Media info stored before orientations were probed reads back with no orientation, its size as stored. */
    @Test
    void storedMediaInfoWithoutAnOrientationHasNone() {
        MediaInfo info = JsonMapper.builder().build().readValue("""
                {"formatName": "webm", "durationMillis": 1000, "sizeBytes": 10, "streams": [{"index": 0,
                 "kind": "VIDEO", "codec": "vp8", "startMillis": 0, "durationMillis": 1000, "width": 160,
                 "height": 120, "activity": []}]}""", MediaInfo.class);

        StreamInfo video = info.first(MediaKind.VIDEO).orElseThrow();
        assertThat(video.probedOrientation()).isEmpty();
        assertThat(video.width()).isEqualTo(160);
    }

    /** Pictures per second by the steps between packets: a camera that was off for two seconds does not count. */
    @Test
    void countsTheFrameRateOfEachVideoStream() throws Exception {
        StreamInfo fifteen = probe.probe(write("15.webm", TestMedia.webm("red", 440, 2))).first(MediaKind.VIDEO)
                .orElseThrow();
        StreamInfo thirty = probe.probe(write("30.webm", TestMedia.webm("red", 440, 2, 30))).first(MediaKind.VIDEO)
                .orElseThrow();
        MediaInfo gap = probe.probe(write("gap.webm", TestMedia.withGap("red", 1, 2, 1)));

        assertThat(fifteen.countedFrameRate().orElseThrow()).isCloseTo(15.0, within(0.1));
        assertThat(thirty.countedFrameRate().orElseThrow()).isCloseTo(30.0, within(0.1));
        assertThat(gap.first(MediaKind.VIDEO).orElseThrow().countedFrameRate().orElseThrow())
                .isCloseTo(15.0, within(0.1));
        assertThat(probe.probe(write("a.webm", TestMedia.audioOnly(440, 1))).first(MediaKind.AUDIO).orElseThrow()
                .countedFrameRate()).isEmpty();
    }

    /** Media info stored before frame rates were counted reads back with none: the composition then gets 30 fps. */
    @Test
    void storedMediaInfoWithoutAFrameRateHasNone() {
        MediaInfo info = JsonMapper.builder().build().readValue("""
                {"formatName": "webm", "durationMillis": 1000, "sizeBytes": 10, "streams": [{"index": 0,
                 "kind": "VIDEO", "codec": "vp8", "startMillis": 0, "durationMillis": 1000, "width": 160,
                 "height": 120, "activity": []}]}""", MediaInfo.class);

        assertThat(info.first(MediaKind.VIDEO).orElseThrow().countedFrameRate()).isEmpty();
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }
}
