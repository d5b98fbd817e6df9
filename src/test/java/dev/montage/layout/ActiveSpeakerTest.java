package dev.montage.layout;

import static dev.montage.layout.Fixtures.span;
import static dev.montage.layout.Fixtures.video;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The rules of {@link ActiveSpeaker}, one scenario each, drawn as timelines (seconds). Answers read
 * {@code "who from-to"} in seconds; a source shown is named by its participant (or its recording when a
 * participant has two).
 */
class ActiveSpeakerTest {

    /** The scenario of the class comment. */
    @Test
    void classCommentScenario() {
        List<VideoTrack> video = List.of(video("va", "alice", 0, 11), video("vb", "bob", 0, 11),
                video("vc", "carol", 0, 11));
        Map<String, List<TimeSpan>> speech = speech(
                "alice", List.of(span(0, 3), span(5, 5.5), span(8, 9.5)),
                "bob", List.of(span(2, 5), span(6, 6.5)),
                "carol", List.of(span(6.25, 7.75)));

        assertThat(shown(video, speech)).containsExactly("alice 0-3", "bob 3-6.5", "carol 6.5-8.5", "alice 8.5-11");
    }

    /**
     * <pre>
     * alice  ======          ========
     * bob           ==                 (0.5 s)
     * shows  alice------------------
     * </pre>
     */
    @Test
    void aHalfSecondCough_doesNotSwitch() {
        Map<String, List<TimeSpan>> speech = speech("alice", List.of(span(0, 3), span(5, 8)), "bob",
                List.of(span(3.5, 4)));

        assertThat(shown(twoPresent(10), speech)).containsExactly("alice 0-10");
    }

    /**
     * <pre>
     * alice  ======        ==============
     * bob           ====                   (1.5 s)
     * shows  alice-|bob------|alice------   bob from the start of his speech, for 2 s although alice resumes
     * </pre>
     */
    @Test
    void aSecondAndAHalf_switchesAtItsStart_andHoldsTwoSeconds() {
        Map<String, List<TimeSpan>> speech = speech("alice", List.of(span(0, 3), span(5.5, 10)), "bob",
                List.of(span(4, 5.5)));

        assertThat(shown(twoPresent(10), speech)).containsExactly("alice 0-4", "bob 4-6", "alice 6-10");
    }

    @Test
    void exactlyTheMinimum_switches_justBelowItDoesNot() {
        assertThat(shown(twoPresent(10), speech("alice", List.of(span(0, 3)), "bob", List.of(span(4, 5)))))
                .containsExactly("alice 0-4", "bob 4-10");
        assertThat(shown(twoPresent(10), speech("alice", List.of(span(0, 3)), "bob", List.of(span(4, 4.999)))))
                .containsExactly("alice 0-10");
    }

    /**
     * Bob talks over alice for two seconds: alice's speech began first, she keeps the floor.
     * <pre>
     * alice  ==============
     * bob        ======
     * shows  alice---------
     * </pre>
     */
    @Test
    void overlap_whoeverBeganFirstHoldsTheFloor() {
        Map<String, List<TimeSpan>> speech = speech("alice", List.of(span(0, 6)), "bob", List.of(span(2, 4)));

        assertThat(shown(twoPresent(8), speech)).containsExactly("alice 0-8");
    }

    /**
     * Bob starts before alice ends and goes on: his turn, and the switch, start when she stops.
     * <pre>
     * alice  ========
     * bob        ==========
     * shows  alice--|bob---
     * </pre>
     */
    @Test
    void overlap_theOneWhoGoesOnTakesTheFloorWhenTheFirstStops() {
        Map<String, List<TimeSpan>> speech = speech("alice", List.of(span(0, 4)), "bob", List.of(span(2, 7)));

        assertThat(shown(twoPresent(8), speech)).containsExactly("alice 0-4", "bob 4-8");
    }

    @Test
    void overlap_startingAtTheSameInstant_theSmallerIdHoldsTheFloor() {
        Map<String, List<TimeSpan>> speech = speech("alice", List.of(span(2, 5)), "bob", List.of(span(2, 6)));

        assertThat(shown(twoPresent(8), speech)).containsExactly("alice 0-5", "bob 5-8");
    }

    @Test
    void silence_keepsTheLastSpeaker() {
        Map<String, List<TimeSpan>> speech = speech("alice", List.of(span(0, 1)), "bob", List.of(span(2, 4)));

        assertThat(shown(twoPresent(30), speech)).containsExactly("alice 0-2", "bob 2-30");
    }

    @Test
    void noSpeechAtAll_showsTheEarliestPresentSource() {
        List<VideoTrack> video = List.of(video("vb", "bob", 1, 6), video("va", "alice", 0, 4),
                video("vc", "carol", 2, 8));

        assertThat(shown(video, Map.of())).containsExactly("alice 0-4", "bob 4-6", "carol 6-8");
    }

    /** Before anyone speaks, the region already shows who will (look-ahead), when their video is there. */
    @Test
    void beforeAnyoneSpeaks_theFirstSpeakerToBeIsShown() {
        Map<String, List<TimeSpan>> speech = speech("bob", List.of(span(3, 5)));

        assertThat(shown(twoPresent(8), speech)).containsExactly("bob 0-8");
    }

    /** Bob will speak first but joins later: alice, who is there, until bob speaks. */
    @Test
    void beforeAnyoneSpeaks_someonePresentWhenTheFirstSpeakerToBeHasNoVideoYet() {
        List<VideoTrack> video = List.of(video("va", "alice", 0, 8), video("vb", "bob", 2, 8));
        Map<String, List<TimeSpan>> speech = speech("bob", List.of(span(3, 5)), "alice", List.of(span(6, 6.5)));

        assertThat(shown(video, speech)).containsExactly("alice 0-3", "bob 3-8");
    }

    /**
     * Carol has no video in the region: her speech neither shows nor blocks anyone.
     * <pre>
     * carol (no video)  ==============
     * alice             =
     * bob                  ======
     * shows             alice|bob------
     * </pre>
     */
    @Test
    void aSpeakerWithoutVideo_isSkipped() {
        Map<String, List<TimeSpan>> speech = speech("carol", List.of(span(0, 6)), "bob", List.of(span(1, 3)),
                "alice", List.of(span(0, 0.5)));

        assertThat(shown(twoPresent(8), speech)).containsExactly("alice 0-1", "bob 1-8");
    }

    /** Bob speaks from 0 s, his camera joins at 2 s: his turn, and the switch, begin with his picture. */
    @Test
    void aSpeakerWhoseVideoStartsMidSpeech_takesTheRegionWhenItStarts() {
        List<VideoTrack> video = List.of(video("va", "alice", 0, 8), video("vb", "bob", 2, 8));
        Map<String, List<TimeSpan>> speech = speech("bob", List.of(span(0, 5)));

        assertThat(shown(video, speech)).containsExactly("alice 0-2", "bob 2-8");
    }

    /**
     * Bob leaves while shown: back to alice, who spoke before him, not to carol, who never spoke.
     * <pre>
     * alice  ====  (video 0-10)
     * bob         ====   (video 0-6)
     * carol              (video 0-10)
     * shows  alice|bob--|alice------
     * </pre>
     */
    @Test
    void whenTheShownVideoEnds_theMostRecentSpeakerWithVideo() {
        List<VideoTrack> video = List.of(video("va", "alice", 0, 10), video("vb", "bob", 0, 6),
                video("vc", "carol", 0, 10));
        Map<String, List<TimeSpan>> speech = speech("alice", List.of(span(0, 2)), "bob", List.of(span(3, 5)));

        assertThat(shown(video, speech)).containsExactly("alice 0-3", "bob 3-6", "alice 6-10");
    }

    /** The fallback takes no hold: the next dominant speaker switches at the start of their turn. */
    @Test
    void afterAFallback_theNextSpeakerSwitchesAtOnce() {
        List<VideoTrack> video = List.of(video("va", "alice", 0, 10), video("vb", "bob", 0, 6),
                video("vc", "carol", 0, 10));
        Map<String, List<TimeSpan>> speech = speech("alice", List.of(span(0, 2)), "bob", List.of(span(3, 5)),
                "carol", List.of(span(6.5, 8)));

        assertThat(shown(video, speech)).containsExactly("alice 0-3", "bob 3-6", "alice 6-6.5", "carol 6.5-10");
    }

    /** Nobody present for a while: nothing shown, then whoever comes (no one spoke: the earliest). */
    @Test
    void whenNobodyIsPresent_nothingIsShown() {
        List<VideoTrack> video = List.of(video("va", "alice", 0, 3), video("vb", "bob", 5, 8),
                video("vc", "carol", 5, 9));

        assertThat(shown(video, Map.of())).containsExactly("alice 0-3", "bob 5-8", "carol 8-9");
    }

    /**
     * Two dominant turns start during bob's hold: the last one to start wins when the hold ends.
     * <pre>
     * bob     ====                 (takes the region at 1, holds until 3)
     * alice        ====            (1.2 - 2.2)
     * carol            ======      (2.2 - 3.5)
     * shows   |bob--------|carol---
     * </pre>
     */
    @Test
    void duringAHold_theLastDominantTurnToStartWins() {
        List<VideoTrack> video = List.of(video("va", "alice", 0, 6), video("vb", "bob", 0, 6),
                video("vc", "carol", 0, 6));
        Map<String, List<TimeSpan>> speech = speech("bob", List.of(span(1, 1.2)), "alice", List.of(span(1.2, 2.2)),
                "carol", List.of(span(2.2, 3.5)));
        SpeakerRules quickToTake = new SpeakerRules(200, 2000);

        assertThat(shown(video, speech, quickToTake)).containsExactly("bob 0-3", "carol 3-6");
    }

    /**
     * Bob, shown from the start by look-ahead, holds from the start of his speech; alice's turn, which ends during
     * that hold, still takes the region when the hold ends: she spoke last.
     */
    @Test
    void aDominantTurnEndedDuringTheHold_takesTheRegionWhenTheHoldEnds() {
        Map<String, List<TimeSpan>> speech = speech("bob", List.of(span(1, 2.5)), "alice", List.of(span(2.5, 3.6)));

        assertThat(shown(twoPresent(8), speech)).containsExactly("bob 0-3", "alice 3-8");
    }

    /** The rules are the region's: with a 0.4 s minimum and no hold, a half-second reply switches at once. */
    @Test
    void rulesAreOverridable() {
        Map<String, List<TimeSpan>> speech = speech("alice", List.of(span(0, 3), span(4, 6)), "bob",
                List.of(span(3, 3.5)));

        assertThat(shown(twoPresent(8), speech, new SpeakerRules(400, 0)))
                .containsExactly("alice 0-3", "bob 3-4", "alice 4-8");
        assertThat(shown(twoPresent(8), speech)).containsExactly("alice 0-8");
    }

    /** A camera and a screen of one participant: the one that started first, then the other when it ends. */
    @Test
    void aParticipantWithTwoSources_showsTheEarlierOne() {
        List<VideoTrack> video = List.of(video("camera", "alice", 0, 4), video("screen", "alice", 1, 8),
                video("vb", "bob", 0, 8));
        Map<String, List<TimeSpan>> speech = speech("alice", List.of(span(0, 6)));

        assertThat(shownPictures(video, speech, SpeakerRules.DEFAULT)).containsExactly("camera 0-4", "screen 4-8");
    }

    @Test
    void theAnswerDoesNotDependOnTheOrderOfTheSources() {
        List<VideoTrack> video = new ArrayList<>(List.of(video("va", "alice", 0, 11), video("vb", "bob", 0, 11),
                video("vc", "carol", 0, 11), video("vd", "dave", 3, 9)));
        Map<String, List<TimeSpan>> speech = speech(
                "alice", List.of(span(0, 3), span(5, 5.5), span(8, 9.5)),
                "bob", List.of(span(2, 5), span(6, 6.5)),
                "carol", List.of(span(6.25, 7.75)),
                "dave", List.of(span(2, 4)));
        List<String> expected = shown(video, speech);
        Random random = new Random(11);
        for (int i = 0; i < 10; i++) {
            Collections.shuffle(video, random);
            assertThat(shown(video, speech)).isEqualTo(expected);
        }
    }

    @Test
    void noSources_nothingShown() {
        assertThat(shown(List.of(), speech("alice", List.of(span(0, 3))))).isEmpty();
    }

    @Test
    void floorTurns_joinAcrossAParticipantsTwoSources() {
        List<VideoSource> sources = VideoSource.group(List.of(video("camera", "alice", 0, 4),
                video("screen", "alice", 2, 8)));
        List<ActiveSpeaker.Turn> turns = ActiveSpeaker.floorTurns(new ActiveSpeaker.Presence(sources),
                speech("alice", List.of(span(1, 6))));

        assertThat(turns).containsExactly(new ActiveSpeaker.Turn("alice", span(1, 6)));
    }

    /**
     * Over random sessions and rules: one picture at a time, each within its source's span, something shown whenever
     * some video is present and nothing otherwise, the same answer twice.
     */
    @Test
    void randomSessions_onePictureAtATime_alwaysSomeoneWhileAnyoneIsPresent() {
        Random random = new Random(2024);
        for (int round = 0; round < 300; round++) {
            List<VideoTrack> video = new ArrayList<>();
            Map<String, List<TimeSpan>> speech = new TreeMap<>();
            int participants = 1 + random.nextInt(5);
            for (int p = 0; p < participants; p++) {
                String participant = "p" + p;
                long start = random.nextInt(20) * 500L;
                long end = start + 500 + random.nextInt(40) * 500L;
                video.add(VideoTrack.continuous("v" + p, participant, new TimeSpan(start, end), 640, 480));
                if (random.nextInt(4) == 0) { // a second source, a screen share
                    long shareStart = random.nextInt(30) * 500L;
                    video.add(VideoTrack.continuous("s" + p, participant,
                            new TimeSpan(shareStart, shareStart + 500 + random.nextInt(20) * 500L), 640, 480));
                }
                List<TimeSpan> spans = new ArrayList<>();
                for (int k = random.nextInt(8); k > 0; k--) {
                    long from = random.nextInt(300) * 100L;
                    spans.add(new TimeSpan(from, from + 100 + random.nextInt(30) * 100L));
                }
                speech.put(participant, spans);
            }
            List<VideoSource> sources = VideoSource.group(video);
            SpeakerRules rules = new SpeakerRules(random.nextInt(3) * 500L, random.nextInt(5) * 500L);

            List<ActiveSpeaker.Shown> shown = ActiveSpeaker.shownOverTime(sources, speech, rules);

            for (int i = 0; i < shown.size(); i++) {
                ActiveSpeaker.Shown picture = shown.get(i);
                assertThat(picture.span().isEmpty()).isFalse();
                assertThat(picture.source().span().encloses(picture.span())).as("%s in its source", picture).isTrue();
                if (i > 0) {
                    assertThat(shown.get(i - 1).span().endMillis()).as("in order, one at a time")
                            .isLessThanOrEqualTo(picture.span().startMillis());
                }
            }
            assertThat(TimeSpans.union(shown.stream().map(ActiveSpeaker.Shown::span).toList()))
                    .as("shown exactly while some video is present")
                    .isEqualTo(TimeSpans.union(sources.stream().map(VideoSource::span).toList()));
            assertThat(ActiveSpeaker.shownOverTime(sources, speech, rules)).as("deterministic").isEqualTo(shown);
        }
    }

    private static List<VideoTrack> twoPresent(double seconds) {
        return List.of(video("va", "alice", 0, seconds), video("vb", "bob", 0, seconds));
    }

    private static List<String> shown(List<VideoTrack> video, Map<String, List<TimeSpan>> speech) {
        return shown(video, speech, SpeakerRules.DEFAULT);
    }

    private static List<String> shown(List<VideoTrack> video, Map<String, List<TimeSpan>> speech,
            SpeakerRules rules) {
        return ActiveSpeaker.shownOverTime(VideoSource.group(video), speech, rules).stream()
                .map(shown -> shown.source().participantId() + " " + seconds(shown.span()))
                .toList();
    }

    private static List<String> shownPictures(List<VideoTrack> video, Map<String, List<TimeSpan>> speech,
            SpeakerRules rules) {
        return ActiveSpeaker.shownOverTime(VideoSource.group(video), speech, rules).stream()
                .map(shown -> shown.source().id() + " " + seconds(shown.span()))
                .toList();
    }

    private static String seconds(TimeSpan span) {
        return seconds(span.startMillis()) + "-" + seconds(span.endMillis());
    }

    private static String seconds(long millis) {
        return millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<TimeSpan>> speech(Object... participantsAndSpans) {
        Map<String, List<TimeSpan>> speech = new TreeMap<>();
        for (int i = 0; i < participantsAndSpans.length; i += 2) {
            speech.put((String) participantsAndSpans[i], (List<TimeSpan>) participantsAndSpans[i + 1]);
        }
        return speech;
    }
}
