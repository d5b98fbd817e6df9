package dev.montage.layout;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Decides which picture an active-speaker region shows when: one participant at a time, the one who dominates the
 * conversation, decided after the fact so that a switch can be placed at the start of a sentence and a cough can be
 * ignored. Pure and deterministic: equal arguments give equal answers.
 *
 * <p><b>Holding the floor.</b> At each instant, among the region's participants who speak <em>and</em> have a
 * picture in the region, the one holding the floor is the one whose current speech began earliest (ties: the
 * smaller participant id). Someone who starts talking while another holds the floor does not take it from them; they
 * get it when the other stops, if they still speak then. A <em>turn</em> is an unbroken stretch of holding the
 * floor; a turn of at least {@link SpeakerRules#minDominanceMillis() min_dominance_ms} is <em>dominant</em>.
 *
 * <p><b>The rules</b>, in the order the steps below apply them:
 * <ol>
 *   <li>A dominant turn switches the region to its speaker, at the start of the turn (look-ahead), not once the
 *       minimum has passed. A turn shorter than the minimum never switches.</li>
 *   <li>A speaker who took the region by a dominant turn keeps it at least {@code min_hold_ms} from its start (one
 *       already shown by look-ahead or fallback, from the start of their first dominant turn). A dominant turn that
 *       starts during that hold switches when the hold ends; if several do, the last one to start wins (it is the
 *       one being listened to when the hold ends).</li>
 *   <li>Silence, and turns shorter than the minimum, keep the last speaker.</li>
 *   <li>A participant without a picture in the region (no video source present) is skipped: their speech neither
 *       holds the floor nor switches, as if they were silent.</li>
 *   <li>When the shown participant's video ends (or nobody was shown and a video begins), the region shows, without
 *       any hold, the most recent floor holder whose video is present; if nobody with video has spoken yet, the
 *       next dominant speaker if their video is present (look-ahead); else the earliest present source.</li>
 * </ol>
 *
 * <pre>
 * seconds        0   1   2   3   4   5   6   7   8   9   10  11
 * alice speaks   ============        ==          ======
 * bob speaks             ============    ==
 * carol speaks                            ======
 * holds floor    |alice------|bob----|a  |b|c--- |alice
 * region shows   |alice------|bob----------|carol--|alice----
 * </pre>
 * Bob starts at 2 s while alice holds the floor; he gets it when she stops at 3 s, and the region switches then.
 * Alice's half second at 5 s and bob's at 6 s are too short: the region stays with bob through them and the
 * silence. Carol starts at 6.25 s while bob still speaks and holds the floor from 6.5 s to 7.75 s (1.25 s): she
 * takes the region at 6.5 s. Alice's turn at 8 s is dominant, but carol holds the region until 8.5 s (2 s after she
 * took it): alice takes it then.
 *
 * <p>The steps, each a method: {@link #floorTurns} → {@link #dominantTurns} → {@link #followTheSpeaker} →
 * {@link #pictures}.
 */
final class ActiveSpeaker {

    /** One participant holding the floor, or being shown, during a span of the session clock. */
    record Turn(String participantId, TimeSpan span) {
    }

    /** The region shows {@code source} during {@code span}. */
    record Shown(VideoSource source, TimeSpan span) {
    }

    private ActiveSpeaker() {
    }

    /**
     * What the region shows when: disjoint spans in time order. Between them nobody's video is present and the
     * region is black.
     *
     * @param sources the region's sources (several per participant are allowed: the earliest present one is shown)
     * @param speech  each participant's speech on the session clock; a participant absent from it is silent
     */
    static List<Shown> shownOverTime(List<VideoSource> sources, Map<String, List<TimeSpan>> speech,
            SpeakerRules rules) {
        Presence presence = new Presence(sources);
        List<Turn> turns = floorTurns(presence, speech);
        List<Turn> dominant = dominantTurns(turns, rules.minDominanceMillis());
        return pictures(followTheSpeaker(presence, turns, dominant, rules.minHoldMillis()), presence);
    }

    /** Who holds the floor when (see the class comment), considering only participants with a picture present. */
    static List<Turn> floorTurns(Presence presence, Map<String, List<TimeSpan>> speech) {
        Map<String, List<TimeSpan>> spoken = new TreeMap<>();
        TreeSet<Long> instants = new TreeSet<>();
        for (String participant : presence.participants()) {
            List<TimeSpan> spans = TimeSpans.union(speech.getOrDefault(participant, List.of()));
            spoken.put(participant, spans);
            spans.forEach(span -> {
                instants.add(span.startMillis());
                instants.add(span.endMillis());
            });
            presence.spansOf(participant).forEach(span -> {
                instants.add(span.startMillis());
                instants.add(span.endMillis());
            });
        }
        List<Turn> turns = new ArrayList<>();
        List<Long> edges = List.copyOf(instants);
        for (int i = 0; i + 1 < edges.size(); i++) { // between two edges, who speaks and who is present stays put
            TimeSpan between = new TimeSpan(edges.get(i), edges.get(i + 1));
            holderAt(between.startMillis(), spoken, presence).ifPresent(holder -> addTurn(turns, holder, between));
        }
        return List.copyOf(turns);
    }

    /** Among those speaking at {@code instant} with a picture present, the one whose speech began earliest. */
    private static Optional<String> holderAt(long instant, Map<String, List<TimeSpan>> spoken, Presence presence) {
        String holder = null;
        long holderSince = Long.MAX_VALUE;
        for (Map.Entry<String, List<TimeSpan>> entry : spoken.entrySet()) { // by participant id: ties go to the first
            Optional<TimeSpan> speaking = containing(entry.getValue(), instant);
            if (speaking.isPresent() && speaking.get().startMillis() < holderSince
                    && presence.isPresent(entry.getKey(), instant)) {
                holder = entry.getKey();
                holderSince = speaking.get().startMillis();
            }
        }
        return Optional.ofNullable(holder);
    }

    /** The turns long enough to take the region: at least {@code minDominanceMillis}. */
    static List<Turn> dominantTurns(List<Turn> turns, long minDominanceMillis) {
        return turns.stream().filter(turn -> turn.span().durationMillis() >= minDominanceMillis).toList();
    }

    /** Which participant the region shows when: rules 1 to 5 of the class comment, walked in time order. */
    static List<Turn> followTheSpeaker(Presence presence, List<Turn> turns, List<Turn> dominant, long minHoldMillis) {
        List<Turn> shownTimeline = new ArrayList<>();
        OptionalLong first = presence.nextStart(Long.MIN_VALUE);
        if (first.isEmpty()) {
            return List.of();
        }
        long start = first.getAsLong();
        long now = start;
        Optional<Showing> shown = forcedChoice(now, presence, turns, dominant).map(who -> Showing.forced(who, start));
        int next = 0;
        while (true) {
            if (shown.isEmpty()) { // nobody's video is present: wait for the next one to start
                OptionalLong appears = presence.nextStart(now);
                if (appears.isEmpty()) {
                    break;
                }
                long at = appears.getAsLong();
                now = at;
                next = skipTurnsBefore(dominant, next, now);
                shown = forcedChoice(now, presence, turns, dominant).map(who -> Showing.forced(who, at));
                continue;
            }
            Showing current = shown.get();
            long leaves = presence.presentUntil(current.participantId(), now);
            Optional<Switch> switchTo = nextSwitch(dominant, next, current, minHoldMillis, presence);
            if (switchTo.isPresent() && switchTo.get().at() < leaves) {
                Switch change = switchTo.get();
                addTurn(shownTimeline, current.participantId(), new TimeSpan(current.since(), change.at()));
                now = change.at();
                shown = Optional.of(new Showing(change.participantId(), now, now + minHoldMillis, true));
                next = change.nextTurn();
            } else {
                addTurn(shownTimeline, current.participantId(), new TimeSpan(current.since(), leaves));
                now = leaves;
                next = skipTurnsBefore(dominant, next, now);
                shown = forcedChoice(now, presence, turns, dominant).map(who -> Showing.forced(who, leaves));
            }
        }
        return List.copyOf(shownTimeline);
    }

    /**
     * Who the region shows since when, and until when nobody else may take it. {@code earned}: they took it by a
     * dominant turn, rather than by a forced choice (which holds nothing).
     */
    private record Showing(String participantId, long since, long heldUntil, boolean earned) {

        static Showing forced(String participantId, long instant) {
            return new Showing(participantId, instant, instant, false);
        }
    }

    /** A switch to {@code participantId} at {@code at}; dominant turns before {@code nextTurn} are spent. */
    private record Switch(long at, String participantId, int nextTurn) {
    }

    /**
     * The next switch a dominant turn makes, from turn {@code next} on: at its start, or when the hold ends; of the
     * turns that started by then the last one wins (rule 2). A turn of the participant already shown, or of one whose
     * video is gone by then, is spent without a switch; the first such turn of a participant shown without having
     * earned it (look-ahead, fallback) starts their hold.
     */
    private static Optional<Switch> nextSwitch(List<Turn> dominant, int next, Showing shown, long minHoldMillis,
            Presence presence) {
        long heldUntil = shown.heldUntil();
        boolean earned = shown.earned();
        int i = next;
        while (i < dominant.size()) {
            long at = Math.max(dominant.get(i).span().startMillis(), heldUntil);
            int last = i;
            while (last + 1 < dominant.size() && dominant.get(last + 1).span().startMillis() <= at) {
                last++;
            }
            Turn winner = dominant.get(last);
            if (winner.participantId().equals(shown.participantId())) {
                if (!earned) {
                    heldUntil = Math.max(heldUntil, winner.span().startMillis() + minHoldMillis);
                    earned = true;
                }
            } else if (presence.isPresent(winner.participantId(), at)) {
                return Optional.of(new Switch(at, winner.participantId(), last + 1));
            }
            i = last + 1;
        }
        return Optional.empty();
    }

    /** After a forced choice, dominant turns that began before it are history: the choice already heeded them. */
    private static int skipTurnsBefore(List<Turn> dominant, int next, long instant) {
        int i = next;
        while (i < dominant.size() && dominant.get(i).span().startMillis() < instant) {
            i++;
        }
        return i;
    }

    /**
     * Whom to show at {@code instant} when the choice is forced (rule 5): the most recent floor holder with video
     * present, else the next dominant speaker if their video is present, else the earliest present source's
     * participant; empty when no video is present.
     */
    private static Optional<String> forcedChoice(long instant, Presence presence, List<Turn> turns,
            List<Turn> dominant) {
        Set<String> present = presence.participantsAt(instant);
        if (present.isEmpty()) {
            return Optional.empty();
        }
        for (int i = turns.size() - 1; i >= 0; i--) {
            Turn turn = turns.get(i);
            if (turn.span().startMillis() <= instant && present.contains(turn.participantId())) {
                return Optional.of(turn.participantId());
            }
        }
        Optional<Turn> upcoming = dominant.stream().filter(turn -> turn.span().endMillis() > instant).findFirst();
        if (upcoming.isPresent() && present.contains(upcoming.get().participantId())) {
            return Optional.of(upcoming.get().participantId());
        }
        return presence.earliestAt(instant).map(VideoSource::participantId);
    }

    /**
     * The pictures of the participants shown: while a participant has several sources present (a camera and a
     * screen), the one that started first.
     */
    static List<Shown> pictures(List<Turn> shownTimeline, Presence presence) {
        List<Shown> pictures = new ArrayList<>();
        for (Turn turn : shownTimeline) {
            TreeSet<Long> cuts = new TreeSet<>(List.of(turn.span().startMillis(), turn.span().endMillis()));
            for (VideoSource source : presence.sourcesOf(turn.participantId())) {
                for (long edge : List.of(source.span().startMillis(), source.span().endMillis())) {
                    if (turn.span().contains(edge)) {
                        cuts.add(edge);
                    }
                }
            }
            Long from = null;
            for (long until : cuts) {
                if (from != null) {
                    VideoSource source = presence.firstOf(turn.participantId(), from).orElseThrow();
                    addPicture(pictures, source, new TimeSpan(from, until));
                }
                from = until;
            }
        }
        return List.copyOf(pictures);
    }

    private static void addTurn(List<Turn> turns, String participantId, TimeSpan span) {
        if (span.isEmpty()) {
            return;
        }
        int last = turns.size() - 1;
        if (last >= 0 && turns.get(last).participantId().equals(participantId)
                && turns.get(last).span().endMillis() == span.startMillis()) {
            turns.set(last, new Turn(participantId, new TimeSpan(turns.get(last).span().startMillis(),
                    span.endMillis())));
        } else {
            turns.add(new Turn(participantId, span));
        }
    }

    private static void addPicture(List<Shown> pictures, VideoSource source, TimeSpan span) {
        int last = pictures.size() - 1;
        if (last >= 0 && pictures.get(last).source().equals(source)
                && pictures.get(last).span().endMillis() == span.startMillis()) {
            pictures.set(last, new Shown(source, new TimeSpan(pictures.get(last).span().startMillis(),
                    span.endMillis())));
        } else {
            pictures.add(new Shown(source, span));
        }
    }

    /** The span of {@code spans} (sorted, disjoint) that contains {@code instant}. */
    private static Optional<TimeSpan> containing(List<TimeSpan> spans, long instant) {
        int low = 0;
        int high = spans.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            TimeSpan span = spans.get(middle);
            if (span.endMillis() <= instant) {
                low = middle + 1;
            } else if (span.startMillis() > instant) {
                high = middle - 1;
            } else {
                return Optional.of(span);
            }
        }
        return Optional.empty();
    }

    /** When each participant of the region has a picture: the spans of their sources. */
    static final class Presence {

        private final Map<String, List<VideoSource>> byParticipant = new TreeMap<>();
        private final List<VideoSource> sources;

        Presence(List<VideoSource> sources) {
            this.sources = sources.stream().sorted(VideoSource.BY_START).toList();
            for (VideoSource source : this.sources) {
                byParticipant.computeIfAbsent(source.participantId(), participant -> new ArrayList<>()).add(source);
            }
        }

        Set<String> participants() {
            return byParticipant.keySet();
        }

        List<VideoSource> sourcesOf(String participantId) {
            return byParticipant.getOrDefault(participantId, List.of());
        }

        /** When the participant has some picture present: the union of their sources' spans. */
        List<TimeSpan> spansOf(String participantId) {
            return TimeSpans.union(sourcesOf(participantId).stream().map(VideoSource::span).toList());
        }

        boolean isPresent(String participantId, long instant) {
            return firstOf(participantId, instant).isPresent();
        }

        /** The participant's source present at {@code instant} that started first. */
        Optional<VideoSource> firstOf(String participantId, long instant) {
            return sourcesOf(participantId).stream().filter(source -> source.span().contains(instant)).findFirst();
        }

        /** Until when the participant, present at {@code instant}, stays present without a break. */
        long presentUntil(String participantId, long instant) {
            return containing(spansOf(participantId), instant).orElseThrow().endMillis();
        }

        Set<String> participantsAt(long instant) {
            Set<String> present = new HashSet<>();
            sources.stream().filter(source -> source.span().contains(instant))
                    .forEach(source -> present.add(source.participantId()));
            return present;
        }

        /** The present source that started first (ties: end, then id). */
        Optional<VideoSource> earliestAt(long instant) {
            return sources.stream().filter(source -> source.span().contains(instant)).findFirst();
        }

        /** The first instant at or after {@code instant} at which some source starts. */
        OptionalLong nextStart(long instant) {
            return sources.stream().mapToLong(source -> source.span().startMillis())
                    .filter(start -> start >= instant).min();
        }
    }
}
