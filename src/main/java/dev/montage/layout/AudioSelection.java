package dev.montage.layout;

import java.util.List;

/**
 * Which audio recordings are mixed: those named in {@code sources} (recording ids, participant ids,
 * track-name patterns, or {@code "*"} for all) minus those named in {@code excluded} (same rules).
 *
 * <pre>{@code
 * AudioSelection.ALL;                                           // every audio recording
 * new AudioSelection(List.of("*"), List.of("bob"));             // everyone but Bob
 * new AudioSelection(List.of("*"), List.of("screen*"));         // no screen-share sound
 * }</pre>
 */
public record AudioSelection(List<String> sources, List<String> excluded) {

    /** The default: every audio recording of the session. */
    public static final AudioSelection ALL = new AudioSelection(List.of(Ids.ALL), List.of());

    /** No audio at all (a silent composition). */
    public static final AudioSelection NONE = new AudioSelection(List.of(), List.of());

    public AudioSelection {
        sources = Ids.copyOfIds(sources, "audio_sources");
        excluded = Ids.copyOfIds(excluded, "audio_sources_excluded");
    }

    /** True when this selection mixes the given recording. */
    public boolean selects(AudioTrack track) {
        return Ids.selects(sources, excluded, track.recordingId(), track.participantId(), track.trackName());
    }
}
