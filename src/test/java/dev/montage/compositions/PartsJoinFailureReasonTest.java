package dev.montage.compositions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A failed join's reason names the parts, never where this server keeps their files. */
class PartsJoinFailureReasonTest {

    private static final Path WORK = Path.of("/srv/montage/data/work/0b7c-join-123");
    private static final Path BLOBS = Path.of("/srv/montage/data/blobs/compositions/parts/0b7c");

    @Test
    void partsAudioAndWorkingFolder_areNamedNotPathed() {
        Map<Path, String> parts = new LinkedHashMap<>();
        parts.put(BLOBS.resolve("0b7c-part-0-111.mp4"), "part-0");
        parts.put(BLOBS.resolve("0b7c-part-1-222.mp4"), "part-1");
        parts.put(WORK.resolve("audio.m4a"), "audio"); // a copy fetched from a bucket into the working folder
        String ffmpeg = "Joining the parts failed: ffmpeg exited with 1: " + BLOBS.resolve("0b7c-part-1-222.mp4")
                + ": Invalid data found when processing input\n" + "[concat @ 0x5] Impossible to open '"
                + BLOBS.resolve("0b7c-part-0-111.mp4") + "' listed in " + WORK.resolve("parts.txt") + "\n"
                + WORK.resolve("audio.m4a") + ": No such file; output " + WORK.resolve("composition.mp4");

        String reason = PartsJoinJob.withoutServerPaths(ffmpeg, parts, WORK);

        assertThat(reason).doesNotContain("/srv", "montage/data", "0b7c-part");
        assertThat(reason).isEqualTo("Joining the parts failed: ffmpeg exited with 1: part-1"
                + ": Invalid data found when processing input\n" + "[concat @ 0x5] Impossible to open 'part-0'"
                + " listed in the working folder/parts.txt\n"
                + "audio: No such file; output the working folder/composition.mp4");
    }
}
