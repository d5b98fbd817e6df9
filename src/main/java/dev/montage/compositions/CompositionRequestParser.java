package dev.montage.compositions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import dev.montage.api.AccountId;
import dev.montage.api.ErrorCode;
import dev.montage.api.Ids;
import dev.montage.api.JsonBody;
import dev.montage.api.JsonFields;
import dev.montage.api.JsonPointers;
import dev.montage.api.Problems;
import dev.montage.api.WebhookTarget;
import dev.montage.layout.RegionOrder;
import dev.montage.layout.Resolution;
import dev.montage.layout.SpeakerRules;
import dev.montage.media.Colour;
import dev.montage.media.MediaKind;
import dev.montage.media.OutputFormat;
import dev.montage.media.Quality;
import dev.montage.recordings.RecordingService;
import dev.montage.recordings.RoomRecording;
import dev.montage.recordings.TrackNames;
import dev.montage.rooms.RoomParticipant;
import dev.montage.rooms.RoomSession;
import dev.montage.rooms.SessionService;

/**
 * Turns the body of {@code POST /v2/room_compositions} into a {@link CompositionRequest}, or answers 422 with
 * every problem and its pointer. Source ids are checked against the session's own recordings and participants;
 * track-name patterns only for their form (see {@link #checkedIds}).
 */
@Component
@EnableConfigurationProperties(CompositionLimits.class)
class CompositionRequestParser {

    static final String ALL = "*";
    static final Resolution DEFAULT_RESOLUTION = new Resolution(1280, 720);
    static final String DEFAULT_REGION = "default";
    static final Set<String> REUSE_MODES = Set.of("none", "show_oldest", "show_newest");
    static final String GRID = "grid";
    /** The longest minimum an active-speaker rule may ask for: a minute. */
    static final int MAX_SPEAKER_RULE_MS = 60_000;
    static final int MAX_GRID = 1000;
    static final int MAX_Z = 99;
    static final int MAX_REGION_NAME = 64;
    static final List<String> REFERENCE_FIELDS = List.of("exclude_shown_in", "expand_into");

    private final SessionService sessions;
    private final RecordingService recordings;
    private final CompositionLimits limits;

    CompositionRequestParser(SessionService sessions, RecordingService recordings, CompositionLimits limits) {
        this.sessions = sessions;
        this.recordings = recordings;
        this.limits = limits;
    }

    CompositionRequest parse(AccountId account, JsonBody body) {
        return parse(account, body, true).orElseThrow();
    }

    /** 422 unless {@code body} would make a valid composition once a session is given to it. */
    void checkTemplate(AccountId account, JsonBody body) {
        parse(account, body, false);
    }

    /** Empty only when no session is asked for ({@code withSession} false) and the body is otherwise valid. */
    private Optional<CompositionRequest> parse(AccountId account, JsonBody body, boolean withSession) {
        Problems problems = new Problems();
        JsonFields fields = JsonFields.root(body, problems);

        Optional<RoomSession> session = withSession ? session(account, fields) : Optional.empty();
        Sources sources = session.map(s -> Sources.of(recordings.ofSession(account, s.id()),
                sessions.participantsOf(account, s.id()))).orElse(Sources.NONE);
        // webm is an extension: Telnyx knows only mp4
        String format = fields.string("format").filter(f -> {
            boolean ok = OutputFormat.ofWireName(f).isPresent();
            if (!ok) {
                problems.atPointer(ErrorCode.INVALID_ENUM, "/format",
                        "format must be one of " + String.join(", ", OutputFormat.wireNames()) + ", not '" + f + "'");
            }
            return ok;
        }).orElse(OutputFormat.MP4.wireName());
        Resolution size = resolution(fields).orElse(DEFAULT_RESOLUTION);
        LinkedHashMap<String, VideoRegion> layout = videoLayout(fields, size.width(), size.height(), sources);
        List<String> audio = fields.strings("audio_sources")
                .map(ids -> checkedIds(ids, fields.pointer("audio_sources"), sources, MediaKind.AUDIO, true, problems))
                .orElse(List.of(ALL));
        List<String> audioExcluded = fields.strings("audio_sources_excluded")
                .map(ids -> checkedIds(ids, fields.pointer("audio_sources_excluded"), sources, MediaKind.AUDIO, false,
                        problems))
                .orElse(List.of());
        boolean trim = fields.bool("trim").orElse(true);
        WebhookTarget webhooks = WebhookTarget.read(fields);
        Colour background = backgroundColor(fields).orElse(Colour.BLACK);
        Quality quality = quality(fields).orElse(Quality.STANDARD);

        problems.throwIfAny();
        return session.map(s -> new CompositionRequest(s, format, size.width(), size.height(), layout, audio,
                audioExcluded, trim, webhooks, background.hex(), quality.wireName()));
    }

    private Optional<RoomSession> session(AccountId account, JsonFields fields) {
        if (!fields.isPresent("session_id")) {
            fields.problems().atPointer(ErrorCode.MISSING_PARAMETER, "/session_id",
                    "session_id is required: the room session to compose");
            return Optional.empty();
        }
        return fields.string("session_id").flatMap(raw -> {
            Optional<RoomSession> found = parseUuid(raw).flatMap(id -> sessions.find(account, id));
            if (found.isEmpty()) {
                fields.problems().atPointer(ErrorCode.BAD_REQUEST, "/session_id",
                        "session_id '" + raw + "' does not name one of your room sessions");
            }
            return found;
        });
    }

    private Optional<Resolution> resolution(JsonFields fields) {
        return fields.string("resolution").flatMap(raw -> {
            Matcher m = CompositionLimits.RESOLUTION.matcher(raw);
            if (!m.matches()) {
                fields.problems().atPointer(ErrorCode.BAD_REQUEST, "/resolution",
                        "resolution must be WIDTHxHEIGHT such as 1280x720, not '" + raw + "'");
                return Optional.empty();
            }
            int w = Integer.parseInt(m.group(1));
            int h = Integer.parseInt(m.group(2));
            if (w < CompositionLimits.MIN_SIDE || h < CompositionLimits.MIN_SIDE || w > limits.maxSide()
                    || h > limits.maxSide()) {
                fields.problems().atPointer(ErrorCode.OUT_OF_RANGE, "/resolution", "resolution " + raw
                        + ": width and height must each be between 16 and " + limits.maxSide());
                return Optional.empty();
            }
            if ((long) w * h > limits.maxArea()) {
                fields.problems().atPointer(ErrorCode.OUT_OF_RANGE, "/resolution", "resolution " + raw
                        + ": width x height must not exceed " + limits.maxResolution() + " (" + limits.maxArea()
                        + " pixels)");
                return Optional.empty();
            }
            return Optional.of(new Resolution(w, h));
        });
    }

    /** {@code background_color} (extension): {@code "#RRGGBB"} only, see {@link Colour}. */
    private static Optional<Colour> backgroundColor(JsonFields fields) {
        return fields.string("background_color").flatMap(raw -> {
            Optional<Colour> colour = Colour.parse(raw);
            if (colour.isEmpty()) {
                fields.problems().atPointer(ErrorCode.BAD_REQUEST, "/background_color",
                        "background_color must be \"#RRGGBB\", red, green and blue in hexadecimal such as \"#1A2B3C\", "
                                + "not '" + raw + "'");
            }
            return colour;
        });
    }

    /** {@code quality} (extension): one of the {@link Quality} levels, each an encoder point the operator set. */
    private static Optional<Quality> quality(JsonFields fields) {
        return fields.string("quality").flatMap(raw -> {
            Optional<Quality> quality = Quality.ofWireName(raw);
            if (quality.isEmpty()) {
                fields.problems().atPointer(ErrorCode.INVALID_ENUM, "/quality",
                        "quality must be one of " + String.join(", ", Quality.wireNames()) + ", not '" + raw + "'");
            }
            return quality;
        });
    }

    private LinkedHashMap<String, VideoRegion> videoLayout(JsonFields fields, int canvasWidth, int canvasHeight,
            Sources sources) {
        LinkedHashMap<String, VideoRegion> layout = new LinkedHashMap<>();
        if (!fields.isPresent("video_layout")) {
            layout.put(DEFAULT_REGION, new VideoRegion(0, 0, 0, canvasWidth, canvasHeight, null, null,
                    List.of(ALL), List.of(), List.of(), "show_oldest"));
            return layout;
        }
        Optional<JsonFields> regions = fields.object("video_layout");
        if (regions.isEmpty()) {
            return layout;
        }
        JsonFields all = regions.get();
        List<String> names = all.orderedNames();
        if (names.size() > limits.maxRegions()) {
            fields.problems().atPointer(ErrorCode.BAD_REQUEST, "/video_layout", "video_layout has " + names.size()
                    + " regions; at most " + limits.maxRegions() + " are allowed");
        }
        for (String name : names) {
            if (name.isEmpty() || name.length() > MAX_REGION_NAME) {
                fields.problems().atPointer(ErrorCode.BAD_REQUEST, all.pointer(name),
                        "region names must be 1 to " + MAX_REGION_NAME + " characters");
                continue;
            }
            all.object(name).ifPresent(region -> layout.put(name, region(name, region, canvasWidth, canvasHeight,
                    sources)));
        }
        checkRegionReferences(all, layout);
        layout.replaceAll((name, region) -> withDistinctReferences(region));
        return layout;
    }

    /**
     * {@code exclude_shown_in} and {@code expand_into} name other regions of the same layout: each name must be one,
     * not the region itself, and the references must not go round in a cycle (a region is planned after the regions
     * it names). A bad name is reported at its own pointer, a cycle at the reference that closes it.
     */
    private static void checkRegionReferences(JsonFields all, LinkedHashMap<String, VideoRegion> layout) {
        Map<String, Set<String>> dependsOn = new LinkedHashMap<>();
        boolean namesOk = true;
        for (Map.Entry<String, VideoRegion> entry : layout.entrySet()) {
            String name = entry.getKey();
            Set<String> named = new LinkedHashSet<>();
            for (String field : REFERENCE_FIELDS) {
                List<String> names = references(entry.getValue(), field);
                for (int i = 0; i < names.size(); i++) {
                    String other = names.get(i);
                    String pointer = JsonPointers.child(JsonPointers.child(all.pointer(name), field), i);
                    if (other.equals(name)) {
                        all.problems().atPointer(ErrorCode.BAD_REQUEST, pointer, "video_layout." + name + "." + field
                                + " must not name the region itself");
                        namesOk = false;
                    } else if (!all.isPresent(other)) { // a region given as null is no region
                        all.problems().atPointer(ErrorCode.BAD_REQUEST, pointer, "video_layout." + name + "." + field
                                + ": '" + other + "' is not a region of this video_layout");
                        namesOk = false;
                    }
                    named.add(other);
                }
            }
            dependsOn.put(name, named);
        }
        if (!namesOk) {
            return;
        }
        RegionOrder.cycle(dependsOn).ifPresent(cycle -> {
            String from = cycle.get(cycle.size() - 2);
            String to = cycle.get(cycle.size() - 1);
            String field = references(layout.get(from), "exclude_shown_in").contains(to) ? "exclude_shown_in" : "expand_into";
            int index = references(layout.get(from), field).indexOf(to);
            all.problems().atPointer(ErrorCode.BAD_REQUEST,
                    JsonPointers.child(JsonPointers.child(all.pointer(from), field), index),
                    "video_layout: regions must not name each other in a cycle (exclude_shown_in, expand_into): "
                            + String.join(" -> ", cycle));
        });
    }

    private static List<String> references(VideoRegion region, String field) {
        return field.equals("exclude_shown_in") ? region.excludeShownIn() : region.expandInto();
    }

    private VideoRegion region(String name, JsonFields region, int canvasWidth, int canvasHeight, Sources sources) {
        Problems problems = region.problems();
        String where = "video_layout." + name;
        int x = bounded(region, "x_pos", 0, canvasWidth - CompositionLimits.MIN_SIDE).orElse(0);
        int y = bounded(region, "y_pos", 0, canvasHeight - CompositionLimits.MIN_SIDE).orElse(0);
        int z = bounded(region, "z_pos", -MAX_Z, MAX_Z).orElse(0);
        int width = bounded(region, "width", CompositionLimits.MIN_SIDE, canvasWidth).orElse(canvasWidth - x);
        int height = bounded(region, "height", CompositionLimits.MIN_SIDE, canvasHeight).orElse(canvasHeight - y);
        if (x + width > canvasWidth) {
            problems.atPointer(ErrorCode.OUT_OF_RANGE, region.pointer("width"), where + ": x_pos + width (" + (x + width)
                    + ") exceeds the canvas width (" + canvasWidth + ")");
        }
        if (y + height > canvasHeight) {
            problems.atPointer(ErrorCode.OUT_OF_RANGE, region.pointer("height"), where + ": y_pos + height ("
                    + (y + height) + ") exceeds the canvas height (" + canvasHeight + ")");
        }
        Integer maxRows = bounded(region, "max_rows", 1, MAX_GRID).orElse(null);
        Integer maxColumns = bounded(region, "max_columns", 1, MAX_GRID).orElse(null);
        Optional<String> focus = focus(region);
        boolean activeSpeaker = focus.filter(VideoRegion.ACTIVE_SPEAKER::equals).isPresent();
        List<String> videoSources = region.strings("video_sources")
                .map(ids -> checkedIds(ids, region.pointer("video_sources"), sources, MediaKind.VIDEO, true, problems))
                // an active-speaker region picks among everyone unless told otherwise (a grid shows nothing)
                .orElse(activeSpeaker ? List.of(ALL) : List.of());
        List<String> excluded = region.strings("video_sources_excluded")
                .map(ids -> checkedIds(ids, region.pointer("video_sources_excluded"), sources, MediaKind.VIDEO, false,
                        problems))
                .orElse(List.of());
        List<Integer> cellsExcluded = region.integers("cells_excluded").map(cells -> {
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                int cell = cells.get(i);
                if (cell < 0 || cell >= MAX_GRID * MAX_GRID) {
                    problems.atPointer(ErrorCode.OUT_OF_RANGE, JsonPointers.child(region.pointer("cells_excluded"), i),
                            "cell numbers start at 0 and are below " + MAX_GRID * MAX_GRID + ", not " + cell);
                } else if (!kept.contains(cell)) {
                    kept.add(cell);
                }
            }
            return kept;
        }).orElse(List.of());
        String reuse = region.string("reuse").filter(mode -> {
            boolean ok = REUSE_MODES.contains(mode);
            if (!ok) {
                problems.atPointer(ErrorCode.INVALID_ENUM, region.pointer("reuse"),
                        "reuse must be one of none, show_oldest, show_newest, not '" + mode + "'");
            }
            return ok;
        }).orElse("show_oldest");
        boolean adaptiveGrid = region.bool("adaptive_grid").orElse(false);
        // kept as written, so that checkRegionReferences points at the right index; it removes repeats
        List<String> excludeShownIn = region.strings("exclude_shown_in").orElse(List.of());
        List<String> expandInto = region.strings("expand_into").orElse(List.of());
        Optional<Integer> minDominance = speakerRule(region, "min_dominance_ms", focus);
        Optional<Integer> minHold = speakerRule(region, "min_hold_ms", focus);
        boolean showLabels = region.bool("show_labels").orElse(false);
        int cellSpacing = cellSpacing(region, where, width, height).orElse(0);
        if (reuse.equals("none")) {
            // under none a freed cell is never given out again, so a grid sized for those present now (or a strip
            // whose pieces come and go with each hand-over) would leave out whoever comes later
            refuseWith(region, "adaptive_grid", adaptiveGrid, "reuse none");
            refuseWith(region, "exclude_shown_in", !excludeShownIn.isEmpty(), "reuse none");
        }
        if (activeSpeaker) {
            // one picture at a time in one cell: these options would be accepted and then do nothing
            refuseWith(region, "adaptive_grid", region.isPresent("adaptive_grid"), "focus active_speaker");
            refuseWith(region, "exclude_shown_in", !excludeShownIn.isEmpty(), "focus active_speaker");
            refuseWith(region, "expand_into", !expandInto.isEmpty(), "focus active_speaker");
            refuseWith(region, "cell_spacing", region.isPresent("cell_spacing"), "focus active_speaker");
        }
        if (!activeSpeaker) {
            return new VideoRegion(x, y, z, width, height, maxRows, maxColumns, videoSources, excluded, cellsExcluded,
                    reuse, adaptiveGrid, excludeShownIn, expandInto, null, null, null, showLabels, cellSpacing);
        }
        return new VideoRegion(x, y, z, width, height, maxRows, maxColumns, videoSources, excluded, cellsExcluded,
                reuse, adaptiveGrid, excludeShownIn, expandInto, VideoRegion.ACTIVE_SPEAKER,
                minDominance.orElse((int) SpeakerRules.DEFAULT.minDominanceMillis()),
                minHold.orElse((int) SpeakerRules.DEFAULT.minHoldMillis()), showLabels, cellSpacing);
    }

    /** A 422 at {@code option} when it is set ({@code set}) in a region where it cannot work ({@code because}). */
    private static void refuseWith(JsonFields region, String option, boolean set, String because) {
        if (set) {
            region.problems().atPointer(ErrorCode.BAD_REQUEST, region.pointer(option),
                    option + " cannot be combined with " + because);
        }
    }

    private static List<String> distinct(List<String> names) {
        return List.copyOf(new LinkedHashSet<>(names));
    }

    private static VideoRegion withDistinctReferences(VideoRegion r) {
        return new VideoRegion(r.xPos(), r.yPos(), r.zPos(), r.width(), r.height(), r.maxRows(), r.maxColumns(),
                r.videoSources(), r.videoSourcesExcluded(), r.cellsExcluded(), r.reuse(), r.adaptiveGrid(),
                distinct(r.excludeShownIn()), distinct(r.expandInto()), r.focus(), r.minDominanceMs(), r.minHoldMs(),
                r.showLabels(), r.cellSpacing());
    }

    /** {@code grid} (the default) or {@code active_speaker}; empty when absent, null or unknown (a problem). */
    private static Optional<String> focus(JsonFields region) {
        return region.string("focus").filter(focus -> {
            boolean ok = focus.equals(GRID) || focus.equals(VideoRegion.ACTIVE_SPEAKER);
            if (!ok) {
                region.problems().atPointer(ErrorCode.INVALID_ENUM, region.pointer("focus"),
                        "focus must be grid or active_speaker, not '" + focus + "'");
            }
            return ok;
        });
    }

    /**
     * One of the active-speaker rules, in milliseconds: only a region with {@code focus: active_speaker} takes it
     * (a grid has no use for it, and silently ignoring it would hide a mistake).
     */
    private static Optional<Integer> speakerRule(JsonFields region, String name, Optional<String> focus) {
        Optional<Integer> value = bounded(region, name, 0, MAX_SPEAKER_RULE_MS);
        if (value.isPresent() && focus.filter(VideoRegion.ACTIVE_SPEAKER::equals).isEmpty()
                && !(region.isPresent("focus") && focus.isEmpty())) { // an unknown focus is reported already
            region.problems().atPointer(ErrorCode.BAD_REQUEST, region.pointer(name),
                    name + " applies only to a region with \"focus\": \"active_speaker\"");
        }
        return value;
    }

    /**
     * {@code cell_spacing} (extension): pixels between neighbouring cells, less than half the region's shorter side
     * (a wider gap would leave no room for even a 2x2 grid). A grid too fine for the gap is narrowed when planned.
     */
    private static Optional<Integer> cellSpacing(JsonFields region, String where, int width, int height) {
        int max = (Math.min(width, height) - 1) / 2;
        return region.integer("cell_spacing").filter(spacing -> {
            boolean ok = spacing >= 0 && spacing <= max;
            if (!ok) {
                region.problems().atPointer(ErrorCode.OUT_OF_RANGE, region.pointer("cell_spacing"), where
                        + ": cell_spacing must be between 0 and " + max + " (less than half the region's shorter side, "
                        + Math.min(width, height) + "), not " + spacing);
            }
            return ok;
        });
    }

    private static Optional<Integer> bounded(JsonFields fields, String name, int min, int max) {
        return fields.integer(name).filter(value -> {
            boolean ok = value >= min && value <= max;
            if (!ok) {
                fields.problems().atPointer(ErrorCode.OUT_OF_RANGE, fields.pointer(name),
                        name + " must be between " + min + " and " + max + ", not " + value);
            }
            return ok;
        });
    }

    /**
     * Keeps the entries of a sources list, each a problem at its own pointer when it is wrong:
     * <ul>
     *   <li>{@code "*"}, where {@code allowAll};</li>
     *   <li>a UUID, which must name a recording of {@code kind} or a participant of the session, or be the track name
     *       of one of its recordings of {@code kind} (Twilio names an unnamed track by its UUID); kept in canonical
     *       lower case, as ids are compared;</li>
     *   <li>anything else, a track-name pattern ({@code "screen*"}): checked as a track name is, not against the
     *       session, since recordings uploaded until the render count; one that matches nothing is a plan
     *       warning.</li>
     * </ul>
     */
    private static List<String> checkedIds(List<String> ids, String pointer, Sources sources, MediaKind kind,
            boolean allowAll, Problems problems) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            String at = JsonPointers.child(pointer, i);
            Optional<UUID> uuid = parseUuid(id);
            String entry;
            if (ALL.equals(id)) {
                if (!allowAll) {
                    problems.atPointer(ErrorCode.BAD_REQUEST, at, "\"*\" cannot be excluded: it would leave "
                            + "nothing; leave the sources list empty for that");
                    continue;
                }
                entry = ALL;
            } else if (uuid.isPresent()) {
                entry = sources.names(uuid.get(), kind) ? uuid.get().toString()
                        : sources.hasTrackNamed(id, kind) ? id : null;
            } else {
                Optional<String> problem = TrackNames.problem("a track-name pattern", id);
                problem.ifPresent(detail -> problems.atPointer(ErrorCode.BAD_REQUEST, at, "'" + printable(id)
                        + "' is not a UUID, so it is read as a track-name pattern, and " + detail));
                if (problem.isPresent()) {
                    continue;
                }
                entry = id;
            }
            if (entry == null) {
                problems.atPointer(ErrorCode.BAD_REQUEST, at, "'" + id + "' is not "
                        + (allowAll ? "\"*\" nor " : "") + "the id of a " + kind.wireName()
                        + " recording or a participant of the session (nor the track name of one)");
            } else if (!kept.contains(entry)) {
                kept.add(entry);
            }
        }
        return kept;
    }

    /** A value for a message: control characters as {@code \\uXXXX}, so the detail stays one readable line. */
    private static String printable(String raw) {
        StringBuilder out = new StringBuilder();
        String shown = raw.length() > 64 ? raw.substring(0, 64) + "…" : raw;
        shown.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static Optional<UUID> parseUuid(String raw) {
        try {
            return Optional.of(Ids.uuid(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The ids a session's sources may be named by, and the track names of its recordings by kind. */
    private record Sources(Set<UUID> audio, Set<UUID> video, Set<UUID> participants, Set<String> audioTrackNames,
            Set<String> videoTrackNames) {
        static final Sources NONE = new Sources(Set.of(), Set.of(), Set.of(), Set.of(), Set.of());

        static Sources of(List<RoomRecording> recordings, List<RoomParticipant> participants) {
            return new Sources(ids(recordings, MediaKind.AUDIO), ids(recordings, MediaKind.VIDEO),
                    participants.stream().map(RoomParticipant::id).collect(Collectors.toSet()),
                    trackNames(recordings, MediaKind.AUDIO), trackNames(recordings, MediaKind.VIDEO));
        }

        private static Set<UUID> ids(List<RoomRecording> recordings, MediaKind kind) {
            return recordings.stream().filter(r -> r.kind() == kind).map(RoomRecording::id).collect(Collectors.toSet());
        }

        private static Set<String> trackNames(List<RoomRecording> recordings, MediaKind kind) {
            return recordings.stream().filter(r -> r.kind() == kind).flatMap(r -> r.trackName().stream())
                    .collect(Collectors.toSet());
        }

        boolean names(UUID id, MediaKind kind) {
            return participants.contains(id) || (kind == MediaKind.AUDIO ? audio : video).contains(id);
        }

        boolean hasTrackNamed(String name, MediaKind kind) {
            return (kind == MediaKind.AUDIO ? audioTrackNames : videoTrackNames).contains(name);
        }
    }
}
