package dev.montage.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.montage.layout.ParticipantSpeech.RecordingSpeech;

class ParticipantSpeechTest {

    /** The example of the class documentation. */
    @Test
    void eachRecordingIsShiftedToTheSessionClock() {
        Map<String, List<TimeSpan>> speech = ParticipantSpeech.onSessionClock(Map.of(
                "alice", List.of(
                        new RecordingSpeech(10_000, List.of(new TimeSpan(0, 1000))),
                        new RecordingSpeech(60_000, List.of(new TimeSpan(500, 800)))),
                "bob", List.of(
                        new RecordingSpeech(12_000, List.of(new TimeSpan(0, 300), new TimeSpan(400, 900))))));

        assertThat(speech).containsOnlyKeys("alice", "bob");
        assertThat(speech.get("alice")).containsExactly(new TimeSpan(10_000, 11_000), new TimeSpan(60_500, 60_800));
        assertThat(speech.get("bob")).containsExactly(new TimeSpan(12_000, 12_300), new TimeSpan(12_400, 12_900));
    }

    /**
     * <pre>
     * recording 1 at 0:     [0 ...... 1000)
     * recording 2 at 800:          [800 ...... 1500)       [2000, 2100)
     * alice                 [0 ............... 1500)       [2000, 2100)
     * </pre>
     */
    @Test
    void overlappingRecordingsOfOneParticipantSayOneThing() {
        Map<String, List<TimeSpan>> speech = ParticipantSpeech.onSessionClock(Map.of("alice", List.of(
                new RecordingSpeech(800, List.of(new TimeSpan(0, 700), new TimeSpan(1200, 1300))),
                new RecordingSpeech(0, List.of(new TimeSpan(0, 1000))))));

        assertThat(speech.get("alice")).containsExactly(new TimeSpan(0, 1500), new TimeSpan(2000, 2100));
    }

    @Test
    void aSilentParticipantIsAnsweredWithNoSpeech_notLeftOut() {
        Map<String, List<TimeSpan>> speech = ParticipantSpeech.onSessionClock(Map.of(
                "carol", List.of(new RecordingSpeech(5_000, List.of())),
                "dave", List.of()));

        assertThat(speech).containsOnlyKeys("carol", "dave");
        assertThat(speech.get("carol")).isEmpty();
        assertThat(speech.get("dave")).isEmpty();
    }

    @Test
    void recordingsBeforeTheSessionStartStayBeforeIt() {
        Map<String, List<TimeSpan>> speech = ParticipantSpeech.onSessionClock(Map.of(
                "alice", List.of(new RecordingSpeech(-2_000, List.of(new TimeSpan(1000, 3000))))));

        assertThat(speech.get("alice")).containsExactly(new TimeSpan(-1_000, 1_000));
    }

    @Test
    void equalInputsGiveEqualAnswers_inParticipantOrder() {
        Map<String, List<RecordingSpeech>> input = Map.of(
                "b", List.of(new RecordingSpeech(0, List.of(new TimeSpan(0, 1)))),
                "a", List.of(new RecordingSpeech(0, List.of(new TimeSpan(0, 1)))));

        assertThat(ParticipantSpeech.onSessionClock(input)).isEqualTo(ParticipantSpeech.onSessionClock(input));
        assertThat(ParticipantSpeech.onSessionClock(input).keySet()).containsExactly("a", "b");
    }

    @Test
    void nullsAreRefused() {
        Map<String, List<RecordingSpeech>> withNull = new HashMap<>();
        withNull.put("alice", null);

        assertThatIllegalArgumentException().isThrownBy(() -> ParticipantSpeech.onSessionClock(withNull))
                .withMessageContaining("alice");
    }
}
