package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;

/** A failure reason reaches the client: it says why a file operation failed, never where the server keeps files. */
class FileFailureReasonTest {

    @Test
    void aFileSystemsOwnReasonIsKeptWithoutThePath() {
        String reason = CompositionRenderer.reason(
                new FileSystemException("/srv/montage/work/abc/filtergraph-1.txt", null, "No space left on device"));

        assertThat(reason).isEqualTo("No space left on device");
    }

    @Test
    void anErrorWhoseMessageIsThePathIsNamedByItsKind() {
        assertThat(CompositionRenderer.reason(new NoSuchFileException("/srv/montage/work/abc")))
                .isEqualTo("NoSuchFileException");
        assertThat(CompositionRenderer.reason(new AccessDeniedException("/srv/montage/work/abc")))
                .isEqualTo("AccessDeniedException");
        assertThat(CompositionRenderer.reason(new IOException("/srv/montage/work/abc: broken")))
                .isEqualTo("IOException").doesNotContain("/srv");
    }
}
