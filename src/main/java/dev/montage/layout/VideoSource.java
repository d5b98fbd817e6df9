package dev.montage.layout;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One participant's video in one region: the participant's selected recordings that follow each
 * other in time (reconnects), so the participant keeps one cell across them.
 *
 * <p>Its {@code span} runs from the first recording's start to the last one's end; its
 * {@code activity} is the union of the recordings' activity. {@code id} is the first recording's id.
 *
 * <pre>{@code
 * // alice reconnects: rec-1 [0,10000) and rec-2 [12000,20000) form one source
 * VideoSource[id=rec-1, participantId=alice, span=[0, 20000), ...]
 * }</pre>
 */
record VideoSource(String id, String participantId, List<VideoTrack> tracks, TimeSpan span, List<TimeSpan> activity) {

    /** Sources in assignment order: by start, then end, then id. */
    static final Comparator<VideoSource> BY_START = Comparator
            .comparingLong((VideoSource source) -> source.span().startMillis())
            .thenComparingLong(source -> source.span().endMillis())
            .thenComparing(VideoSource::id);

    private static final Comparator<VideoTrack> TRACKS_BY_START = Comparator
            .comparing(VideoTrack::span)
            .thenComparing(VideoTrack::recordingId);

    VideoSource {
        tracks = List.copyOf(tracks);
        activity = List.copyOf(activity);
    }

    List<String> recordingIds() {
        return tracks.stream().map(VideoTrack::recordingId).toList();
    }

    /** The recording whose size the picture is fitted by: the first one. */
    VideoTrack firstTrack() {
        return tracks.get(0);
    }

    /**
     * Groups the given (already selected, non-empty) recordings into sources, sorted {@link #BY_START}.
     *
     * <p>Per participant, recordings are taken in start order and each joins the first source whose
     * last recording has ended by the time it starts; one that overlaps every existing source
     * (a screen share next to the camera) starts a source of its own. This uses the fewest sources
     * that keep each source's recordings apart in time.
     */
    static List<VideoSource> group(List<VideoTrack> selected) {
        Map<String, List<VideoTrack>> byParticipant = new TreeMap<>();
        for (VideoTrack track : selected) {
            byParticipant.computeIfAbsent(track.participantId(), participant -> new ArrayList<>()).add(track);
        }
        List<VideoSource> sources = new ArrayList<>();
        for (List<VideoTrack> tracks : byParticipant.values()) {
            tracks.sort(TRACKS_BY_START);
            List<List<VideoTrack>> chains = new ArrayList<>();
            for (VideoTrack track : tracks) {
                chains.stream()
                        .filter(chain -> lastEnd(chain) <= track.span().startMillis())
                        .findFirst()
                        .orElseGet(() -> {
                            List<VideoTrack> chain = new ArrayList<>();
                            chains.add(chain);
                            return chain;
                        })
                        .add(track);
            }
            chains.forEach(chain -> sources.add(of(chain)));
        }
        sources.sort(BY_START);
        return List.copyOf(sources);
    }

    private static long lastEnd(List<VideoTrack> chain) {
        return chain.get(chain.size() - 1).span().endMillis();
    }

    private static VideoSource of(List<VideoTrack> chain) {
        VideoTrack first = chain.get(0);
        TimeSpan span = new TimeSpan(first.span().startMillis(), lastEnd(chain));
        List<TimeSpan> activity = TimeSpans.union(chain.stream().flatMap(track -> track.activity().stream()).toList());
        return new VideoSource(first.recordingId(), first.participantId(), chain, span, activity);
    }
}
