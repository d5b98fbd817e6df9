package dev.montage.compositions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

import dev.montage.layout.AudioSelection;
import dev.montage.layout.AudioTrack;
import dev.montage.layout.CompositionPlan;
import dev.montage.layout.LayoutRequest;
import dev.montage.layout.RegionSpec;
import dev.montage.layout.Resolution;
import dev.montage.layout.Reuse;
import dev.montage.layout.SpeakerRules;
import dev.montage.layout.TimeSpan;
import dev.montage.layout.VideoTrack;
import dev.montage.media.Colour;
import dev.montage.media.Encoding;
import dev.montage.media.Look;
import dev.montage.media.MediaInfo;
import dev.montage.media.MediaKind;
import dev.montage.media.Orientation;
import dev.montage.media.StreamInfo;
import dev.montage.recordings.RoomRecording;
import dev.montage.rooms.RoomParticipant;
import tools.jackson.databind.json.JsonMapper;

/**
 * A session's recordings on one clock, as the layout engine takes them. The session clock is Unix time in
 * milliseconds: a recording's file time 0 is its {@code started_at}, so tracks of different participants line
 * up by the wall clock of the recording server.
 */
record SessionMedia(List<VideoTrack> video, List<AudioTrack> audio) {

    /** The recordings with the media info each stored at upload (read once per blob). */
    static SessionMedia of(List<RoomRecording> recordings, JsonMapper mapper) {
        Map<String, MediaInfo> byBlob = new HashMap<>();
        for (RoomRecording recording : recordings) {
            byBlob.computeIfAbsent(recording.blobKey(),
                    key -> mapper.readValue(recording.mediaInfoJson(), MediaInfo.class));
        }
        return of(recordings, byBlob);
    }

    static SessionMedia of(List<RoomRecording> recordings, Map<String, MediaInfo> mediaInfoByBlob) {
        List<VideoTrack> video = new ArrayList<>();
        List<AudioTrack> audio = new ArrayList<>();
        for (RoomRecording recording : recordings) {
            long start = recording.startedAt().toEpochMilli();
            TimeSpan span = new TimeSpan(start, start + Math.max(recording.durationMillis(), 1));
            String id = recording.id().toString();
            String participant = recording.participantId().toString();
            StreamInfo stream = mediaInfoByBlob.get(recording.blobKey()).streams().stream()
                    .filter(s -> s.index() == recording.streamIndex()).findFirst()
                    .orElseThrow(() -> new IllegalStateException("recording " + id + " names stream "
                            + recording.streamIndex() + " that its file does not have"));
            if (recording.kind() == MediaKind.AUDIO) {
                // the mix places audio by its first sample, which may lie after the file's time 0
                long first = start + Math.max(0, stream.startMillis());
                audio.add(new AudioTrack(id, participant, new TimeSpan(first, Math.max(first + 1, span.endMillis())),
                        recording.trackName()));
                continue;
            }
            List<TimeSpan> activity = new ArrayList<>();
            for (TimeSpan active : stream.activity()) {
                new TimeSpan(start + active.startMillis(), start + active.endMillis()).intersect(span)
                        .filter(a -> !a.isEmpty()).ifPresent(activity::add);
            }
            // the stream's upright size (see StreamInfo): a phone held upright fills a portrait frame
            video.add(new VideoTrack(id, participant, span, activity, stream.width(), stream.height(),
                    recording.trackName()));
        }
        return new SessionMedia(video, audio);
    }

    /**
     * How the pictures of each video recording are turned upright, by recording id, from the media info stored at
     * upload. The tracks above already carry the upright size; the renderer needs the turn itself. A recording
     * stored before orientations were probed has none here.
     */
    static Map<String, Orientation> orientations(List<RoomRecording> recordings, JsonMapper mapper) {
        Map<String, MediaInfo> byBlob = new HashMap<>();
        Map<String, Orientation> orientations = new HashMap<>();
        for (RoomRecording recording : recordings) {
            if (recording.kind() != MediaKind.VIDEO) {
                continue;
            }
            MediaInfo info = byBlob.computeIfAbsent(recording.blobKey(),
                    key -> mapper.readValue(recording.mediaInfoJson(), MediaInfo.class));
            info.streams().stream().filter(s -> s.index() == recording.streamIndex()).findFirst()
                    .flatMap(StreamInfo::probedOrientation)
                    .ifPresent(orientation -> orientations.put(recording.id().toString(), orientation));
        }
        return orientations;
    }

    /**
     * The frame rate counted at upload of each video recording the plan shows, empty where it is unknown (media
     * probed before rates were counted): what {@link Encoding#frameRateFollowing} takes.
     */
    static List<OptionalDouble> frameRates(CompositionPlan plan, List<RoomRecording> recordings, JsonMapper mapper) {
        Set<String> shown = new HashSet<>();
        plan.regions().forEach(region -> region.placements().forEach(p -> shown.addAll(p.recordingIds())));
        Map<String, MediaInfo> byBlob = new HashMap<>();
        List<OptionalDouble> rates = new ArrayList<>();
        for (RoomRecording recording : recordings) {
            if (recording.kind() != MediaKind.VIDEO || !shown.contains(recording.id().toString())) {
                continue;
            }
            MediaInfo info = byBlob.computeIfAbsent(recording.blobKey(),
                    key -> mapper.readValue(recording.mediaInfoJson(), MediaInfo.class));
            rates.add(info.streams().stream().filter(s -> s.index() == recording.streamIndex()).findFirst()
                    .map(StreamInfo::countedFrameRate).orElse(OptionalDouble.empty()));
        }
        return rates;
    }

    /** The ids of the recordings a plan shows or plays, in a stable order. */
    static List<String> recordingsIn(CompositionPlan plan) {
        Set<String> ids = new TreeSet<>();
        plan.regions().forEach(region -> region.placements().forEach(p -> ids.addAll(p.recordingIds())));
        plan.audio().forEach(audio -> ids.add(audio.recordingId()));
        return List.copyOf(ids);
    }

    /** The rules of an active-speaker region, the defaults for what it does not say; empty for a grid. */
    private static Optional<SpeakerRules> speakerRules(VideoRegion region) {
        if (!region.followsActiveSpeaker()) {
            return Optional.empty();
        }
        return Optional.of(new SpeakerRules(
                region.minDominanceMs() == null ? SpeakerRules.DEFAULT.minDominanceMillis() : region.minDominanceMs(),
                region.minHoldMs() == null ? SpeakerRules.DEFAULT.minHoldMillis() : region.minHoldMs()));
    }

    /** True when some region of the composition draws name labels: only then are the participants read. */
    static boolean wantsLabels(Composition composition) {
        return composition.videoLayout().values().stream().anyMatch(VideoRegion::showLabels);
    }

    /**
     * The stored request's look in the renderer's terms: its background colour, and the regions with name labels
     * labelled by each participant's {@code participant_context}. A participant without a context (or with a blank
     * one) gets no label: a made-up name or a bare id would tell a viewer nothing true.
     */
    static Look look(Composition composition, List<RoomParticipant> participants) {
        Set<String> labelled = new TreeSet<>();
        composition.videoLayout().forEach((name, region) -> {
            if (region.showLabels()) {
                labelled.add(name);
            }
        });
        Map<String, String> labels = new HashMap<>();
        for (RoomParticipant participant : participants) {
            if (participant.context() != null && !participant.context().isBlank()) {
                labels.put(participant.id().toString(), participant.context());
            }
        }
        return new Look(Colour.parse(composition.backgroundColor()).orElse(Colour.BLACK), labelled, labels);
    }

    /** The stored request in the layout engine's terms. */
    static LayoutRequest layoutRequest(Composition composition) {
        String[] size = composition.resolution().split("x");
        List<RegionSpec> regions = new ArrayList<>();
        for (Map.Entry<String, VideoRegion> entry : new LinkedHashMap<>(composition.videoLayout()).entrySet()) {
            VideoRegion r = entry.getValue();
            Set<Integer> excludedCells = new TreeSet<>(r.cellsExcluded());
            regions.add(new RegionSpec(entry.getKey(), r.xPos(), r.yPos(), r.width(), r.height(), r.zPos(),
                    r.maxRows() == null ? OptionalInt.empty() : OptionalInt.of(r.maxRows()),
                    r.maxColumns() == null ? OptionalInt.empty() : OptionalInt.of(r.maxColumns()),
                    r.videoSources(), r.videoSourcesExcluded(), excludedCells, Reuse.fromWire(r.reuse()),
                    r.adaptiveGrid(), r.excludeShownIn(), r.expandInto(), speakerRules(r), r.cellSpacing()));
        }
        return new LayoutRequest(new Resolution(Integer.parseInt(size[0]), Integer.parseInt(size[1])), regions,
                new AudioSelection(composition.audioSources(), composition.audioSourcesExcluded()),
                composition.trim());
    }
}
