package dev.montage.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StderrTailTest {

    @Test
    void keepsOnlyTheEnd_andSkipsTheLineItCut() {
        StderrTail tail = new StderrTail(40);
        tail.append("a first line that will be dropped");
        tail.append("a line that is cut");
        tail.append("the last line");

        assertThat(tail.text()).hasSize(40).endsWith("the last line\n");
        assertThat(tail.lastMeaningfulLines(5)).containsExactly("a line that is cut", "the last line");
    }

    @Test
    void meaningfulLines_dropBlankLines_repeatNotes_andContextAddresses() {
        StderrTail tail = new StderrTail(4096);
        tail.append("[in#0 @ 0x55854a69d240] Error opening input: No such file or directory");
        tail.append("    Last message repeated 2 times");
        tail.append("");
        tail.append("Error opening input files: No such file or directory");

        assertThat(tail.lastMeaningfulLines(3)).containsExactly(
                "Error opening input: No such file or directory",
                "Error opening input files: No such file or directory");
    }
}
