package dev.montage.media;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.montage.layout.AudioPlacement;
import dev.montage.layout.CompositionPlan;
import dev.montage.layout.Placement;
import dev.montage.layout.Rect;
import dev.montage.layout.RegionPlan;
import dev.montage.layout.TimeSpan;

/**
 * Translates a {@link CompositionPlan} into one ffmpeg invocation that draws it (DESIGN.md §4 step 4).
 *
 * <p>{@link #build} is pure: it reads only its arguments, and equal arguments give an equal
 * command, so the command can be compared with a golden file. It decides nothing about the
 * layout; it only says in ffmpeg's terms what the plan already decided.
 *
 * <pre>
 *  color (black canvas) ──────────────────────────────────────────▶ overlay ──▶ overlay ──▶ … ──▶ [vout]
 *  [0:0] setpts ─▶ (turn upright) ─▶ split ─▶ scale ─▶ pad ─▶ tpad ───┘           │
 *                                      └─▶ scale ─▶ pad ─▶ tpad ──────────────────┘
 *  [0:1] aresample ─▶ aformat ─▶ asetpts ─▶ adelay ─┐
 *  [3:0] aresample ─▶ aformat ─▶ asetpts ─▶ adelay ─┴─▶ amix ─▶ alimiter ─▶ [aout]
 * </pre>
 *
 * <ul>
 *   <li>Inputs: each distinct file is opened once ({@code -i} in order of first use in the plan)
 *       and each stream is decoded once; a video stream shown in several places is {@code split}
 *       after its timestamps are mapped. Sources the plan does not use are not opened.</li>
 *   <li>Video: {@code setpts} maps the file's own timestamps onto the output clock (session time
 *       minus the origin minus the cuts before it), {@code transpose}/{@code hflip}/{@code vflip} turn
 *       the pictures of a stream whose display matrix says so upright ({@link Orientation}; ffmpeg's own
 *       autorotation is off, {@code -noautorotate}), {@code scale} fits the picture to the
 *       placement's frame (the planner already chose a frame with the picture's aspect ratio, and
 *       the black canvas provides the bars; {@code pad} keeps a picture whose shape changes mid-stream
 *       centred in that frame), {@code tpad} holds the last frame for its duration
 *       (see {@link #LAST_FRAME_HOLD_MILLIS}), and {@code overlay} draws the picture only while it
 *       is visible. {@code eof_action=pass} leaves black behind a source whose file ended early,
 *       never a frozen frame.</li>
 *   <li>Static layouts: when every picture is shown for the whole output and none covers another
 *       (the usual grid of people present throughout), there is no canvas and no overlay: each picture
 *       is padded to its tile ({@link StackTiles}: its frame grown halfway to its neighbours, usually its
 *       cell) and one {@code xstack} copies the tiles into place. It draws the same picture for less work:
 *       overlay converts each picture to YUVA and blends it.</li>
 *   <li>Look (issue 11): "black" above is the composition's background colour ({@link Colour}), and name labels,
 *       painted beforehand into still images ({@link LabelOverlay}), are overlaid over the finished pictures
 *       ({@code pictures}, then {@code label0}, {@code label1}, …) while their pictures show. Their inputs come after
 *       the recordings', so a composition without labels or colour has the script it always had.</li>
 *   <li>Audio: each track is resampled with timestamp compensation (gaps in a recording become
 *       silence), delayed to its output offset and summed without normalisation; a limiter keeps
 *       the sum from clipping. A plan without audio gets a silent track so players see a normal file.</li>
 * </ul>
 *
 * <p>Labels are stable and say what they carry: {@code [0:1]} is stream 1 of input 0;
 * {@code in0_1_2} the third copy of that stream; {@code r0_c1_0} the first picture drawn in cell 1
 * of region 0 (regions in drawing order), {@code r0_p2_c1_0} the same in the region's third phase (a
 * region whose grid or area changes over time, see {@code RegionPhase}); {@code ov3} the canvas after four overlays;
 * {@code a2} the third audio track; {@code vout} and {@code aout} what is encoded.
 */
public final class FilterGraphBuilder {

    /**
     * The output frame rate of the overloads without an {@link Encoding}: constant, as DESIGN.md asks (30 fps or
     * less). With an encoding, the rate is the encoding's ({@link Encoding#frameRateFollowing}).
     */
    static final int FRAME_RATE = Encoding.MAX_FRAME_RATE;

    private static final int SAMPLE_RATE = 48_000;

    /**
     * How long a recording's last frame is held after its stream ends. ffmpeg ends a stream at the
     * timestamp of its last frame, not at the end of that frame's duration, so without the hold the
     * last frame would vanish up to a frame early and a cell handed from one source to the next would
     * flash black. The enable expression still ends the picture at the planned instant; the hold only
     * shows when a file ends before its plan says (then black follows after the hold). Half a second
     * covers the last frame of any stream of 2 fps or more.
     */
    static final long LAST_FRAME_HOLD_MILLIS = 500;

    /**
     * How far before a window's start a part opens each recording. The frame shown at that instant came at most this
     * long before it: a recording with no frame for a second or more is not shown (the planner's activity gaps), and
     * a file that ended shows its last frame for {@link #LAST_FRAME_HOLD_MILLIS}. Two seconds cover both with room.
     */
    static final long SEEK_PREROLL_MILLIS = 2_000;

    private FilterGraphBuilder() {
    }

    /**
     * The command that renders {@code plan} from {@code sources} into {@code output}, reading its
     * filter graph from {@code scriptFile} (which the caller writes with
     * {@link FfmpegCommand#filterScript()} before running it).
     *
     * @throws IllegalArgumentException when the plan names a recording that {@code sources} lacks or
     *         has as the other kind, when two sources share a recording id, or when two sources name
     *         the same stream of the same file
     */
    public static FfmpegCommand build(CompositionPlan plan, List<RenderSource> sources, Path scriptFile, Path output) {
        return build(plan, sources, Colour.BLACK, List.of(), scriptFile, output);
    }

    /**
     * As {@link #build(CompositionPlan, List, Path, Path)}, over a {@code background} of that colour instead of black
     * (the canvas, the fill around stacked pictures, the pad of a picture that changes shape), and with
     * {@code labels} drawn over the pictures: each label image is one more input after the recordings, read once
     * and overlaid at its place while it shows ({@code overlay} repeats a one-frame input's picture). Labels are
     * drawn over every region, in the order given: a label belongs to the picture below it.
     */
    public static FfmpegCommand build(CompositionPlan plan, List<RenderSource> sources, Colour background,
            List<LabelOverlay> labels, Path scriptFile, Path output) {
        return build(plan, sources, background, labels, OutputFormat.MP4, scriptFile, output);
    }

    /**
     * As {@link #build(CompositionPlan, List, Colour, List, Path, Path)}, encoding {@code output} in {@code format}
     * (the filter graph is the same for every format).
     */
    public static FfmpegCommand build(CompositionPlan plan, List<RenderSource> sources, Colour background,
            List<LabelOverlay> labels, OutputFormat format, Path scriptFile, Path output) {
        return build(plan, sources, background, labels, Encoding.beforeLevels(format), scriptFile, output);
    }

    /**
     * As {@link #build(CompositionPlan, List, Colour, List, OutputFormat, Path, Path)}, encoding {@code output} as
     * {@code encoding} says: its format, its encoder point, and its frame rate, which the graph's canvas and its
     * pictures' clocks run at too.
     */
    public static FfmpegCommand build(CompositionPlan plan, List<RenderSource> sources, Colour background,
            List<LabelOverlay> labels, Encoding encoding, Path scriptFile, Path output) {
        return build(plan, sources, background, labels, encoding, Take.WHOLE, scriptFile, output);
    }

    /**
     * The command that renders only the video of {@code window}, as {@link #build} draws it, with no audio track and
     * its own timestamps starting at 0: one part of a segmented render ({@link CompositionRenderer#renderVideoPart}).
     *
     * <p>Its cost follows the window's length, not its place: each recording is opened
     * {@value #SEEK_PREROLL_MILLIS} ms before the window's start ({@code -ss}, which lands on the keyframe before
     * that), with {@code -itsoffset} putting its timestamps back where they were, so the graph sees the very
     * timestamps of the single pass; the canvas starts at the window, pictures and labels never shown in it are left
     * out, and the window's first frame becomes the part's time 0.
     */
    public static FfmpegCommand buildVideoPart(CompositionPlan plan, List<RenderSource> sources, Colour background,
            List<LabelOverlay> labels, Encoding encoding, OutputWindow window, Path scriptFile, Path output) {
        if (window.endMillis() > plan.durationMillis()) {
            throw new IllegalArgumentException("window " + window.startMillis() + "-" + window.endMillis()
                    + " ms reaches beyond the output's end (" + plan.durationMillis() + " ms)");
        }
        return build(plan, sources, background, labels, encoding, Take.videoOf(window), scriptFile, output);
    }

    /** The command that renders only the audio of the whole output, as {@link #build} mixes it, with no video. */
    public static FfmpegCommand buildAudio(CompositionPlan plan, List<RenderSource> sources, OutputFormat format,
            Path scriptFile, Path output) {
        return build(plan, sources, Colour.BLACK, List.of(), Encoding.beforeLevels(format), Take.AUDIO, scriptFile,
                output);
    }

    private static FfmpegCommand build(CompositionPlan plan, List<RenderSource> sources, Colour background,
            List<LabelOverlay> allLabels, Encoding encoding, Take take, Path scriptFile, Path output) {
        int frameRate = encoding.frameRate();
        Map<String, RenderSource> byId = indexById(sources);
        List<VideoUse> allVideoUses = videoUses(plan, byId);
        List<AudioUse> audioUses = plan.audio().stream()
                .map(audio -> new AudioUse(require(byId, audio.recordingId(), MediaKind.AUDIO), audio))
                .toList();
        // decided on the whole output, so that every part draws its pictures the way the single pass does
        boolean stacked = !allVideoUses.isEmpty() && isStatic(plan, allVideoUses, frameRate);
        List<VideoUse> videoUses = take.video() ? take.shownIn(allVideoUses) : List.of();
        List<LabelOverlay> labels = take.video() ? take.labelsShownIn(allLabels) : List.of();

        Map<Path, Integer> inputs = new LinkedHashMap<>();
        videoUses.forEach(use -> inputs.putIfAbsent(use.source().file(), inputs.size()));
        if (take.audio()) {
            audioUses.forEach(use -> inputs.putIfAbsent(use.source().file(), inputs.size()));
        }

        List<String> statements = new ArrayList<>();
        if (take.video()) {
            if (!stacked) {
                statements.add(canvas(plan, videoUses.isEmpty() ? "vout" : "canvas", background, take, frameRate));
            }
            statements.addAll(video(plan, videoUses, inputs, stacked, background, take, frameRate));
            if (!labels.isEmpty()) {
                renameFinalPicture(statements, "pictures");
                statements.addAll(labelOverlays(labels, inputs.size()));
            }
            take.window().ifPresent(window -> {
                renameFinalPicture(statements, "window");
                // the window's first frame is the canvas's (or the stack's) first, at the window's start
                statements.add("[window]setpts=PTS-STARTPTS[vout]");
            });
        }
        if (take.audio()) {
            statements.addAll(audio(plan, audioUses, inputs));
        }
        String script = String.join(";\n", statements) + "\n";
        // Only a video recording stored before orientations were probed leaves the turn to ffmpeg. An audio
        // recording has no orientation, and it shares its file with the turned video of a phone recording.
        Set<Path> turnedByFfmpeg = new HashSet<>();
        sources.stream().filter(source -> source.kind() == MediaKind.VIDEO && source.orientation().isEmpty())
                .forEach(source -> turnedByFfmpeg.add(source.file()));
        Map<Path, Long> seeks = take.window().map(window -> seeks(plan, videoUses, window)).orElse(Map.of());
        List<Path> labelImages = labels.stream().map(LabelOverlay::image).toList();
        return new FfmpegCommand(arguments(plan, inputs.keySet(), turnedByFfmpeg, seeks, labelImages, encoding, take,
                scriptFile, output), script);
    }

    /**
     * What one ffmpeg run produces: the whole composition, the video of one window of it, or its whole audio.
     * {@code window} is present only for a video part.
     */
    private record Take(boolean video, boolean audio, Optional<OutputWindow> window) {

        static final Take WHOLE = new Take(true, true, Optional.empty());
        static final Take AUDIO = new Take(false, true, Optional.empty());

        static Take videoOf(OutputWindow window) {
            return new Take(true, false, Optional.of(window));
        }

        /** The output's span this run draws. */
        TimeSpan span(CompositionPlan plan) {
            return window.map(w -> new TimeSpan(w.startMillis(), w.endMillis()))
                    .orElse(new TimeSpan(0, plan.durationMillis()));
        }

        /** The pictures shown at some instant of the window (all of them for the whole output). */
        List<VideoUse> shownIn(List<VideoUse> uses) {
            return window.isEmpty() ? uses : uses.stream().filter(use -> shows(use.enabled())).toList();
        }

        List<LabelOverlay> labelsShownIn(List<LabelOverlay> labels) {
            return window.isEmpty() ? labels : labels.stream().filter(label -> shows(label.shown())).toList();
        }

        private boolean shows(List<TimeSpan> spans) {
            TimeSpan drawn = new TimeSpan(window.orElseThrow().startMillis(), window.orElseThrow().endMillis());
            return spans.stream().anyMatch(drawn::overlaps);
        }
    }

    /** A recording drawn at one place: the {@code k}-th picture of a cell, enabled during output spans. */
    private record VideoUse(String label, RenderSource source, Rect frame, List<TimeSpan> enabled) {
    }

    private record AudioUse(RenderSource source, AudioPlacement placement) {
    }

    private static Map<String, RenderSource> indexById(List<RenderSource> sources) {
        Map<String, RenderSource> byId = new HashMap<>();
        Map<String, String> byStream = new HashMap<>();
        for (RenderSource source : sources) {
            if (byId.putIfAbsent(source.recordingId(), source) != null) {
                throw new IllegalArgumentException("two render sources share the recording id " + source.recordingId());
            }
            String stream = source.file() + " stream " + source.streamIndex();
            String other = byStream.putIfAbsent(stream, source.recordingId());
            if (other != null) {
                throw new IllegalArgumentException("recordings " + other + " and " + source.recordingId()
                        + " both name " + stream);
            }
        }
        return byId;
    }

    private static RenderSource require(Map<String, RenderSource> byId, String recordingId, MediaKind kind) {
        RenderSource source = byId.get(recordingId);
        if (source == null) {
            throw new IllegalArgumentException("the plan uses " + kind.wireName() + " recording " + recordingId
                    + ", but no render source has that id");
        }
        if (source.kind() != kind) {
            throw new IllegalArgumentException("the plan uses recording " + recordingId + " as " + kind.wireName()
                    + ", but its render source is " + source.kind().wireName());
        }
        return source;
    }

    /** Every picture to draw, in drawing order: regions as planned, then placements, then their recordings. */
    private static List<VideoUse> videoUses(CompositionPlan plan, Map<String, RenderSource> byId) {
        List<VideoUse> uses = new ArrayList<>();
        for (int r = 0; r < plan.regions().size(); r++) {
            Map<String, Integer> usesPerCell = new HashMap<>();
            for (Placement placement : plan.regions().get(r).placements()) {
                List<RenderSource> recordings = placement.recordingIds().stream()
                        .map(id -> require(byId, id, MediaKind.VIDEO))
                        .toList();
                for (int k = 0; k < recordings.size(); k++) {
                    List<TimeSpan> enabled = outputSpans(plan, placement.visible(), ownership(recordings, k));
                    // a frame of zero size (a region split finer than its pixels) or a recording never seen draws nothing
                    if (enabled.isEmpty() || placement.frame().width() == 0 || placement.frame().height() == 0) {
                        continue;
                    }
                    String cell = cellLabel(r, placement);
                    int n = usesPerCell.merge(cell, 1, Integer::sum) - 1;
                    uses.add(new VideoUse(cell + "_" + n, recordings.get(k), placement.frame(), enabled));
                }
            }
        }
        return uses;
    }

    /**
     * {@code r0_c1} for cell 1 of region 0 in its first (for a plain region: only) phase, {@code r0_p2_c1} for
     * cell 1 of its third phase: a source drawn in several phases is several pictures, one per phase and cell.
     */
    private static String cellLabel(int region, Placement placement) {
        return "r" + region + (placement.phase() == 0 ? "" : "_p" + placement.phase()) + "_c" + placement.cell();
    }

    /**
     * The session-clock span in which recording {@code k} of a placement is the one shown: from its
     * file's start until the next recording's (unbounded at either end of the chain).
     */
    private static TimeSpan ownership(List<RenderSource> recordings, int k) {
        long from = k == 0 ? Long.MIN_VALUE : recordings.get(k).sessionStartMillis();
        long until = k == recordings.size() - 1 ? Long.MAX_VALUE : recordings.get(k + 1).sessionStartMillis();
        return new TimeSpan(from, Math.max(from, until));
    }

    private static List<TimeSpan> outputSpans(CompositionPlan plan, List<TimeSpan> visible, TimeSpan owned) {
        List<TimeSpan> spans = new ArrayList<>();
        for (TimeSpan span : visible) {
            span.intersect(owned).map(plan::toOutput).filter(output -> !output.isEmpty()).ifPresent(spans::add);
        }
        return spans;
    }

    /**
     * The canvas of the span {@code take} draws: for a window, as many frames as it lasts, moved to its start on the
     * output clock (the colour source counts frames, so its time base is exactly one frame).
     */
    private static String canvas(CompositionPlan plan, String label, Colour background, Take take, int frameRate) {
        TimeSpan span = take.span(plan);
        String frames = "color=c=" + background.ffmpeg() + ":s=" + plan.canvas().width() + "x" + plan.canvas().height()
                + ":r=" + frameRate + ":d=" + seconds(span.durationMillis());
        return (span.startMillis() == 0 ? frames : frames + ",setpts=PTS+" + span.startMillis() * frameRate / 1000)
                + "[" + label + "]";
    }

    private static List<String> video(CompositionPlan plan, List<VideoUse> uses, Map<Path, Integer> inputs,
            boolean stacked, Colour background, Take take, int frameRate) {
        Map<RenderSource, Integer> copies = new LinkedHashMap<>();
        uses.forEach(use -> copies.merge(use.source(), 1, Integer::sum));

        List<String> statements = new ArrayList<>();
        for (Map.Entry<RenderSource, Integer> entry : copies.entrySet()) {
            RenderSource source = entry.getKey();
            StringBuilder decode = new StringBuilder(inputPad(source, inputs))
                    .append("setpts='").append(outputClock(plan, source.sessionStartMillis())).append("'");
            source.orientation().ifPresent(turn -> turn.filters().forEach(filter -> decode.append(',').append(filter)));
            if (entry.getValue() > 1) {
                decode.append(",split=").append(entry.getValue());
            }
            for (int copy = 0; copy < entry.getValue(); copy++) {
                decode.append('[').append(copyLabel(source, inputs, copy)).append(']');
            }
            statements.add(decode.toString());
        }

        // stacked pictures are padded to their tiles, overlaid ones to their frames
        StackTiles tiles = stacked ? StackTiles.of(uses.stream().map(VideoUse::frame).toList(),
                plan.canvas().width(), plan.canvas().height()) : null;
        Map<RenderSource, Integer> copiesUsed = new HashMap<>();
        for (int i = 0; i < uses.size(); i++) {
            VideoUse use = uses.get(i);
            int copy = copiesUsed.merge(use.source(), 1, Integer::sum) - 1;
            statements.add("[" + copyLabel(use.source(), inputs, copy) + "]"
                    + fit(use.frame(), stacked ? tiles.tiles().get(i) : use.frame(), background)
                    + ",tpad=stop_mode=clone:stop_duration=" + seconds(LAST_FRAME_HOLD_MILLIS)
                    + (stacked ? onOutputClock(plan, background, take.span(plan).startMillis(), frameRate) : "")
                    + "[" + use.label() + "]");
        }
        statements.addAll(stacked ? stack(plan, uses, tiles, background) : overlays(uses));
        return statements;
    }

    /**
     * Scales a picture into its planned frame keeping its aspect ratio, centred in that frame, and pads it to
     * {@code tile} (the frame itself, or a stacked picture's {@link StackTiles tile} around it) with the background
     * around it. The planner chose the frame by the recording's upright size, so this is usually a plain scale (give
     * or take a pixel of the frame's rounding to even sizes). It matters when a stream's pictures change shape
     * mid-stream: a sender that turns its pictures itself when the phone turns (640x480, then 480x640). Both filters
     * take each new size without rebuilding the graph ({@code -reinit_filter 0}): {@code scale} fits the new shape
     * inside the frame, {@code pad} centres it in the frame again ({@code eval=frame}), so the picture stays upright
     * and unstretched and what follows always gets frames of the tile's size.
     */
    private static String fit(Rect frame, Rect tile, Colour background) {
        String size = frame.width() + ":" + frame.height();
        // pad's own default is black: named only when it differs, so plain scripts stay as they were
        String colour = background.equals(Colour.BLACK) ? "" : ":color=" + background.ffmpeg();
        String scale = "scale=" + size + ":force_original_aspect_ratio=decrease:force_divisible_by=2,";
        if (tile.equals(frame)) {
            return scale + "pad=" + size + ":-1:-1:eval=frame" + colour;
        }
        // centred in the frame, the frame where it lies in the tile; pad rounds down to even as -1 does
        return scale + "pad=" + tile.width() + ":" + tile.height()
                + ":x='" + (frame.x() - tile.x()) + "+(" + frame.width() + "-iw)/2'"
                + ":y='" + (frame.y() - tile.y()) + "+(" + frame.height() + "-ih)/2':eval=frame" + colour;
    }

    /**
     * True when every picture is shown for the whole output (give or take a frame at either end) and no two
     * overlap: then nothing comes, goes or covers anything, and the pictures can be copied side by side.
     */
    private static boolean isStatic(CompositionPlan plan, List<VideoUse> pictures, int frameRate) {
        long frame = 1000 / frameRate;
        for (VideoUse use : pictures) {
            if (use.enabled().size() != 1 || use.enabled().get(0).startMillis() > frame
                    || use.enabled().get(0).endMillis() < plan.durationMillis() - frame) {
                return false;
            }
        }
        for (int i = 0; i < pictures.size(); i++) {
            for (int j = i + 1; j < pictures.size(); j++) {
                if (overlap(pictures.get(i).frame(), pictures.get(j).frame())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean overlap(Rect a, Rect b) {
        return a.x() < b.right() && b.x() < a.right() && a.y() < b.bottom() && b.y() < a.bottom();
    }

    /**
     * The pictures, each padded to its tile, copied into place by one {@code xstack}. Unlike {@code overlay}, which
     * converts each picture to YUVA and blends it pixel by pixel onto a copy of the canvas, this only copies planes:
     * the cheaper graph for the common grid of people present throughout. Where the tiles leave some of the canvas
     * uncovered, {@code xstack} fills it with the background first, and {@code pad} extends the stack to the canvas
     * if it ends short of an edge (tiles reach every edge they face, so this is a safeguard).
     */
    private static List<String> stack(CompositionPlan plan, List<VideoUse> uses, StackTiles tiles, Colour background) {
        if (uses.size() == 1) {
            // one tile is the whole canvas: the picture is already in place
            return List.of("[" + uses.get(0).label() + "]null[vout]");
        }
        StringBuilder stack = new StringBuilder();
        uses.forEach(use -> stack.append('[').append(use.label()).append(']'));
        stack.append("xstack=inputs=").append(uses.size()).append(":layout=")
                .append(tiles.tiles().stream().map(tile -> tile.x() + "_" + tile.y())
                        .collect(Collectors.joining("|")));
        if (!tiles.coverCanvas()) {
            stack.append(":fill=").append(background.ffmpeg());
        }
        int width = tiles.tiles().stream().mapToInt(Rect::right).max().orElseThrow();
        int height = tiles.tiles().stream().mapToInt(Rect::bottom).max().orElseThrow();
        if (width != plan.canvas().width() || height != plan.canvas().height()) {
            stack.append(",pad=").append(plan.canvas().width()).append(':').append(plan.canvas().height())
                    .append(":0:0:color=").append(background.ffmpeg());
        }
        return List.of(stack.append("[vout]").toString());
    }

    /**
     * What the canvas does for overlaid pictures, for a stacked one: black after its file ends (after the
     * hold) for at least the whole output, and frames at the output rate from {@code fromMillis} (0, or a window's
     * start), the first repeated back to it if it came a little later.
     */
    private static String onOutputClock(CompositionPlan plan, Colour background, long fromMillis, int frameRate) {
        return ",tpad=stop_mode=add:stop_duration=" + seconds(plan.durationMillis()) + ":color=" + background.ffmpeg()
                + ",fps="
                + frameRate + ":start_time=" + (fromMillis == 0 ? "0" : seconds(fromMillis));
    }

    /** Each picture drawn over the black canvas while it is visible, in drawing order. */
    private static List<String> overlays(List<VideoUse> uses) {
        List<String> statements = new ArrayList<>();
        String below = "canvas";
        for (int i = 0; i < uses.size(); i++) {
            VideoUse use = uses.get(i);
            String above = i == uses.size() - 1 ? "vout" : "ov" + i;
            statements.add("[" + below + "][" + use.label() + "]overlay=x=" + use.frame().x() + ":y=" + use.frame().y()
                    + ":eof_action=pass:enable='" + enableExpression(use.enabled()) + "'[" + above + "]");
            below = above;
        }
        return statements;
    }

    /**
     * The video statements with their final picture renamed {@code name}, for more to be drawn over it (labels) or
     * done with it (a window's shift to 0). Whatever draws the pictures (overlays, a stack, a bare canvas, the labels)
     * ends in {@code [vout]} in its last statement.
     */
    private static void renameFinalPicture(List<String> statements, String name) {
        int last = -1;
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).endsWith("[vout]")) {
                last = i;
            }
        }
        String renamed = statements.get(last);
        statements.set(last, renamed.substring(0, renamed.length() - "[vout]".length()) + "[" + name + "]");
    }

    /**
     * Each label drawn over the pictures while it shows: {@code label0} is the pictures with the first label, and
     * the last is {@code vout}. The label images are the inputs from {@code firstInput} on, one stream each.
     */
    private static List<String> labelOverlays(List<LabelOverlay> labels, int firstInput) {
        List<String> statements = new ArrayList<>();
        String below = "pictures";
        for (int i = 0; i < labels.size(); i++) {
            LabelOverlay label = labels.get(i);
            String above = i == labels.size() - 1 ? "vout" : "label" + i;
            statements.add("[" + below + "][" + (firstInput + i) + ":0]overlay=x=" + label.x() + ":y=" + label.y()
                    + ":enable='" + enableExpression(label.shown()) + "'[" + above + "]");
            below = above;
        }
        return statements;
    }

    private static List<String> audio(CompositionPlan plan, List<AudioUse> uses, Map<Path, Integer> inputs) {
        if (uses.isEmpty()) {
            return List.of("anullsrc=r=" + SAMPLE_RATE + ":cl=stereo:d=" + seconds(plan.durationMillis()) + "[aout]");
        }
        List<String> statements = new ArrayList<>();
        StringBuilder mix = new StringBuilder();
        for (int k = 0; k < uses.size(); k++) {
            AudioUse use = uses.get(k);
            // the track is heard from its first sample at its planned offset: its own start time is
            // replaced by the delay, because adelay and amix count samples, not timestamps
            statements.add(inputPad(use.source(), inputs) + "aresample=" + SAMPLE_RATE
                    + ":async=1,aformat=channel_layouts=stereo,asetpts=PTS-STARTPTS,adelay=delays="
                    + use.placement().outputOffsetMillis() + ":all=1[a" + k + "]");
            mix.append("[a").append(k).append(']');
        }
        // latency=true: the limiter's lookahead would otherwise put the sound a few ms behind the pictures
        mix.append("amix=inputs=").append(uses.size())
                .append(":normalize=0:duration=longest,alimiter=level=false:latency=true[aout]");
        statements.add(mix.toString());
        return statements;
    }

    /**
     * The output time of a frame as a setpts expression: for each kept segment, how much of it lies
     * before the frame's session time ({@code T} is the frame's file time in seconds). Inside a
     * segment this is the session time minus the origin minus the cuts before it; inside a cut it
     * holds still, so timestamps never run backwards.
     */
    private static String outputClock(CompositionPlan plan, long sessionStartMillis) {
        List<String> terms = new ArrayList<>();
        for (TimeSpan segment : plan.keptSegments()) {
            long offset = sessionStartMillis - segment.startMillis();
            String time = offset == 0 ? "T" : offset > 0 ? "T+" + seconds(offset) : "T-" + seconds(-offset);
            terms.add("clip(" + time + ",0," + seconds(segment.durationMillis()) + ")");
        }
        String sum = String.join("+", terms);
        return (terms.size() > 1 ? "(" + sum + ")" : sum) + "/TB";
    }

    /**
     * Output spans as an overlay {@code enable} expression. Spans are half-open, and {@code between}
     * would include the end: at the instant a camera turns off, a frozen frame would show for one frame.
     */
    private static String enableExpression(List<TimeSpan> spans) {
        return spans.stream()
                .map(span -> "gte(t," + seconds(span.startMillis()) + ")*lt(t," + seconds(span.endMillis()) + ")")
                .collect(Collectors.joining("+"));
    }

    private static List<String> arguments(CompositionPlan plan, Iterable<Path> files, Set<Path> turnedByFfmpeg,
            Map<Path, Long> seeks, List<Path> labelImages, Encoding encoding, Take take, Path scriptFile,
            Path output) {
        List<String> args = new ArrayList<>(List.of(
                "-hide_banner", "-nostdin", "-loglevel", "warning", "-y", "-progress", "pipe:1", "-nostats"));
        for (Path file : files) {
            // -reinit_filter 0: a resolution change inside a recording must not rebuild the graph (that
            // would restart the canvas and every overlay); scale absorbs the new size instead.
            // -seek_timestamp 1: keeps the file's own timestamps (ffmpeg would otherwise shift them to the
            // file's first packet); unlike -copyts it leaves the out_time of -progress intact.
            args.addAll(List.of("-reinit_filter", "0", "-seek_timestamp", "1"));
            // -noautorotate: the graph turns each picture upright itself, by the orientation probed at upload,
            // so the script says what is drawn and the planned frame already has the upright aspect ratio. A
            // file stored before orientations were probed is turned by ffmpeg, as it was then (its frame was
            // planned from the coded size; a quarter-turned picture is fitted inside it, see fit).
            if (!turnedByFfmpeg.contains(file)) {
                args.add("-noautorotate");
            }
            Long seek = seeks.get(file);
            if (seek != null) {
                // -ss reads from the keyframe before that file time; -itsoffset of the same amount cancels the shift
                // ffmpeg would apply, so every frame keeps the timestamp it has in the single pass
                args.addAll(List.of("-itsoffset", seconds(seek), "-ss", seconds(seek)));
            }
            args.addAll(List.of("-i", file.toString()));
        }
        // one still picture each, after the recordings so that their input numbers stay what they are without labels
        labelImages.forEach(image -> args.addAll(List.of("-i", image.toString())));
        args.addAll(List.of("-filter_complex_script", scriptFile.toString()));
        if (take.video()) {
            args.addAll(List.of("-map", "[vout]"));
        }
        if (take.audio()) {
            args.addAll(List.of("-map", "[aout]"));
        }
        if (take.video()) {
            args.addAll(List.of("-r", String.valueOf(encoding.frameRate()), "-fps_mode", "cfr"));
        }
        if (take.audio()) {
            args.addAll(List.of("-ar", String.valueOf(SAMPLE_RATE), "-ac", "2"));
        }
        args.addAll(List.of("-t", seconds(take.span(plan).durationMillis())));
        if (take.video() && take.audio()) {
            args.addAll(encoding.encoderArguments());
        } else {
            args.addAll(take.video() ? encoding.videoArguments() : encoding.format().audioArguments());
            args.addAll(encoding.format().partArguments());
        }
        args.add(output.toString());
        return args;
    }

    /**
     * Where each file of a window's pictures is opened: {@value #SEEK_PREROLL_MILLIS} ms of its own time before the
     * window's first instant, for the frame shown then to be decoded. A file whose pictures start later than that
     * is read from its beginning, as in the single pass.
     */
    private static Map<Path, Long> seeks(CompositionPlan plan, List<VideoUse> uses, OutputWindow window) {
        long sessionStart = sessionInstant(plan, window.startMillis());
        Map<Path, Long> seeks = new HashMap<>();
        for (VideoUse use : uses) {
            long fileTime = sessionStart - use.source().sessionStartMillis() - SEEK_PREROLL_MILLIS;
            seeks.merge(use.source().file(), fileTime, Math::min);
        }
        seeks.values().removeIf(fileTime -> fileTime <= 0);
        return seeks;
    }

    /**
     * The session-clock instant that output instant {@code outputMillis} shows: within the kept segment that holds it,
     * or the start of the next one when it falls on a cut.
     */
    private static long sessionInstant(CompositionPlan plan, long outputMillis) {
        long elapsed = 0;
        for (TimeSpan segment : plan.keptSegments()) {
            if (outputMillis < elapsed + segment.durationMillis()) {
                return segment.startMillis() + outputMillis - elapsed;
            }
            elapsed += segment.durationMillis();
        }
        List<TimeSpan> kept = plan.keptSegments();
        return kept.get(kept.size() - 1).endMillis();
    }

    private static String inputPad(RenderSource source, Map<Path, Integer> inputs) {
        return "[" + inputs.get(source.file()) + ":" + source.streamIndex() + "]";
    }

    private static String copyLabel(RenderSource source, Map<Path, Integer> inputs, int copy) {
        return "in" + inputs.get(source.file()) + "_" + source.streamIndex() + "_" + copy;
    }

    /** Milliseconds as ffmpeg seconds with three decimals, independent of the default locale. */
    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%d.%03d", millis / 1000, millis % 1000);
    }
}
