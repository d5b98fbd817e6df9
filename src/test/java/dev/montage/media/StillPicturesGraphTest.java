package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.montage.layout.Resolution;

/** The storyboard's filter graph as data: one trimmed, scaled frame per input, joined in order. */
class StillPicturesGraphTest {

    @Test
    void eachInputGivesOneScaledFrameInOrder() {
        assertThat(StillPictures.framesGraph(3, new Resolution(80, 60))).isEqualTo(
                "[0:v]trim=end_frame=1,scale=80:60,setsar=1[f0];"
                        + "[1:v]trim=end_frame=1,scale=80:60,setsar=1[f1];"
                        + "[2:v]trim=end_frame=1,scale=80:60,setsar=1[f2];"
                        + "[f0][f1][f2]concat=n=3:v=1:a=0[frames]");
    }

    @Test
    void aSeekNeverPassesTheLastFrame() {
        StillPictures.VideoTiming timing = new StillPictures.VideoTiming(3000, 2967);
        assertThat(timing.seekMillis(1500)).isEqualTo(1500);
        assertThat(timing.seekMillis(2990)).as("past the last frame's start: the last frame").isEqualTo(2967);
    }
}
