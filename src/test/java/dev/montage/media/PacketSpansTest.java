package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.montage.layout.TimeSpan;

class PacketSpansTest {

    private final PacketSpans spans = new PacketSpans(1000);

    @Test
    void packetsCloserThanTheGapMakeOneSpanEndingWithTheLastPacket() {
        for (long pts = 0; pts < 3000; pts += 33) {
            spans.add(pts, 33);
        }

        assertThat(spans.spans()).containsExactly(new TimeSpan(0, 2970 + 33));
    }

    @Test
    void aPauseLongerThanTheGapSplitsTheSpans() {
        spans.add(0, 40);
        spans.add(40, 40);
        spans.add(1080, 40); // 1000 ms after the end of the last packet: still one span
        spans.add(2121, 40); // 1001 ms after: a camera that was off

        assertThat(spans.spans()).containsExactly(new TimeSpan(0, 1120), new TimeSpan(2121, 2161));
    }

    @Test
    void packetsInDecodingOrderAreFoldedInPresentationOrder() {
        // I P B B P B B ... as a B-frame codec lists them: a P-frame comes before the B-frames shown earlier,
        // and one of them comes after a gap — in presentation order there is none
        long[] decodingOrder = {0, 3000, 1000, 2000, 6000, 4000, 5000};
        for (long pts : decodingOrder) {
            spans.add(pts, 1000);
        }

        assertThat(spans.spans()).containsExactly(new TimeSpan(0, 7000));
    }

    @Test
    void theWindowHoldsOnlyAFewPacketsWhateverTheLength() {
        for (int i = 0; i < 100_000; i++) {
            spans.add(i * 33L, 33);
            assertThat(spans.held()).isLessThanOrEqualTo(PacketSpans.REORDER_WINDOW);
        }

        assertThat(spans.spans()).containsExactly(new TimeSpan(0, 100_000 * 33L));
    }

    @Test
    void aZeroDurationCountsAsOneMillisecondAndNoPacketsMeanNoSpans() {
        assertThat(spans.spans()).isEmpty();

        spans.add(500, 0);

        assertThat(spans.spans()).containsExactly(new TimeSpan(500, 501));
    }

    /** 15 fps in a container that counts milliseconds: steps of 66 and 67 ms; the pause between spans is no step. */
    @Test
    void framesPerSecondCountsTheStepsInsideTheSpans() {
        for (int frame = 0; frame < 30; frame++) {
            spans.add(frame * 1000L / 15, 0);
        }
        for (int frame = 0; frame < 30; frame++) {
            spans.add(10_000 + frame * 1000L / 15, 0);
        }

        assertThat(spans.framesPerSecond().orElseThrow()).isCloseTo(15.0, within(0.1));
    }

    /**
     * A 30 fps camera that dropped every tenth frame averages 27 fps, but steps 33 ms most of the time: its rate is
     * 30, so a composition does not drop one of its frames every second.
     */
    @Test
    void droppedFramesDoNotLowerTheFrameRate() {
        for (int frame = 0; frame < 300; frame++) {
            if (frame % 10 != 9) {
                spans.add(frame * 1000L / 30, 0);
            }
        }

        assertThat(spans.framesPerSecond().orElseThrow()).isCloseTo(30.0, within(0.4));
        assertThat(Encoding.frameRateFollowing(List.of(spans.framesPerSecond()))).isEqualTo(30);
    }

    @Test
    void oneOrNoPacketHasNoFrameRate() {
        assertThat(spans.framesPerSecond()).isEmpty();
        spans.add(500, 33);
        assertThat(spans.framesPerSecond()).isEmpty();
    }
}
