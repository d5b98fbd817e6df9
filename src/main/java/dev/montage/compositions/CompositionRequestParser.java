package dev.montage.compositions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import dev.montage.layout.Resolution;
import dev.montage.media.Colour;
import dev.montage.media.MediaKind;
import dev.montage.recordings.RecordingService;
import dev.montage.recordings.RoomRecording;
import dev.montage.rooms.RoomParticipant;
import dev.montage.rooms.RoomSession;
import dev.montage.rooms.SessionService;

/**
 * Turns the body of {@code POST /v2/room_compositions} into a {@link CompositionRequest}, or answers 422 with
 * every problem and its pointer. Source ids are checked against the session's own recordings and participants.
 */
@Component
@EnableConfigurationProperties(CompositionLimits.class)
class CompositionRequestParser {

    static final String ALL = "*";
    static final Resolution DEFAULT_RESOLUTION = new Resolution(1280, 720);
    static final String DEFAULT_REGION = "default";
    static final Set<String> REUSE_MODES = Set.of("none", "show_oldest", "show_newest");
    static final int MAX_GRID = 1000;
    static final int MAX_Z = 99;
    static final int MAX_REGION_NAME = 64;

    private final SessionService sessions;
    private final RecordingService recordings;
    private final CompositionLimits limits;

    CompositionRequestParser(SessionService sessions, RecordingService recordings, CompositionLimits limits) {
        this.sessions = sessions;
        this.recordings = recordings;
        this.limits = limits;
    }

    CompositionRequest parse(AccountId account, JsonBody body) {
        Problems problems = new Problems();
        JsonFields fields = JsonFields.root(body, problems);

        Optional<RoomSession> session = session(account, fields);
        Sources sources = session.map(s -> Sources.of(recordings.ofSession(account, s.id()),
                sessions.participantsOf(account, s.id()))).orElse(Sources.NONE);
        String format = fields.string("format").filter(f -> {
            boolean ok = f.equals("mp4");
            if (!ok) {
                problems.atPointer(ErrorCode.INVALID_ENUM, "/format", "format must be mp4, not '" + f + "'");
            }
            return ok;
        }).orElse("mp4");
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

        problems.throwIfAny();
        return new CompositionRequest(session.orElseThrow(), format, size.width(), size.height(), layout, audio, audioExcluded,
                trim, webhooks, background.hex());
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
        return layout;
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
        List<String> videoSources = region.strings("video_sources")
                .map(ids -> checkedIds(ids, region.pointer("video_sources"), sources, MediaKind.VIDEO, true, problems))
                .orElse(List.of());
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
        boolean showLabels = region.bool("show_labels").orElse(false);
        int cellSpacing = cellSpacing(region, where, width, height).orElse(0);
        return new VideoRegion(x, y, z, width, height, maxRows, maxColumns, videoSources, excluded, cellsExcluded, reuse,
                showLabels, cellSpacing);
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
     * Keeps the ids that name a recording of {@code kind} or a participant of the session ("*" too when
     * {@code allowAll}); each other id is a problem at its own pointer.
     */
    private static List<String> checkedIds(List<String> ids, String pointer, Sources sources, MediaKind kind,
            boolean allowAll, Problems problems) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            boolean ok = (allowAll && ALL.equals(id)) || parseUuid(id).filter(uuid -> sources.names(uuid, kind)).isPresent();
            if (!ok) {
                problems.atPointer(ErrorCode.BAD_REQUEST, JsonPointers.child(pointer, i), "'" + id + "' is not "
                        + (allowAll ? "\"*\" nor " : "") + "the id of a " + kind.wireName()
                        + " recording or a participant of the session");
            } else if (!kept.contains(id)) {
                kept.add(id);
            }
        }
        return kept;
    }

    private static Optional<UUID> parseUuid(String raw) {
        try {
            return Optional.of(Ids.uuid(raw));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The ids a session's sources may be named by. */
    private record Sources(Set<UUID> audio, Set<UUID> video, Set<UUID> participants) {
        static final Sources NONE = new Sources(Set.of(), Set.of(), Set.of());

        static Sources of(List<RoomRecording> recordings, List<RoomParticipant> participants) {
            return new Sources(ids(recordings, MediaKind.AUDIO), ids(recordings, MediaKind.VIDEO),
                    participants.stream().map(RoomParticipant::id).collect(Collectors.toSet()));
        }

        private static Set<UUID> ids(List<RoomRecording> recordings, MediaKind kind) {
            return recordings.stream().filter(r -> r.kind() == kind).map(RoomRecording::id).collect(Collectors.toSet());
        }

        boolean names(UUID id, MediaKind kind) {
            return participants.contains(id) || (kind == MediaKind.AUDIO ? audio : video).contains(id);
        }
    }
}
