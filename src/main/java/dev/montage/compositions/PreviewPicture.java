package dev.montage.compositions;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The SVG picture of a preview: the canvas at one instant of the output clock with its regions and cells, each cell
 * labelled with who it shows then; below it, one band per cell across the whole output with the spans in which
 * the cell shows something, and a marker at the instant.
 *
 * <p>The picture's coordinates are the canvas's pixels (its {@code viewBox} starts with the canvas), so a cell's
 * rectangle has the plan's numbers. Elements carry stable attributes for tools and tests:
 * <pre>{@code
 * <g class="cell" data-region="main" data-cell="0" data-recording-id="..." data-participant-id="...">
 *   <rect class="cell-area" x="0" y="0" width="640" height="720"/> <rect class="frame" .../> <text class="label">alice</text>
 * </g>
 * <g class="band" data-region="main" data-cell="0"><rect class="span" data-start-secs="0" data-end-secs="4.5" .../></g>
 * <line class="marker" data-at-secs="3"/>
 * }</pre>
 * Every text, participant labels included, goes through the XML writer, which escapes it.
 */
final class PreviewPicture {

    private static final String SVG = "http://www.w3.org/2000/svg";
    /** Tableau 10: distinct to most eyes, readable under white and black text. */
    private static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
            "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");

    private final PreviewView preview;
    private final double atSecs;
    private final int width;
    private final int height;
    private final int font;
    private final Map<String, String> colours = new LinkedHashMap<>();
    private final XMLStreamWriter out;
    private final StringWriter text = new StringWriter();

    private PreviewPicture(PreviewView preview, double atSecs) throws XMLStreamException {
        this.preview = preview;
        this.atSecs = atSecs;
        String[] size = preview.resolution().split("x");
        this.width = Integer.parseInt(size[0]);
        this.height = Integer.parseInt(size[1]);
        this.font = Math.max(8, height / 30);
        for (PreviewView.TimelineEntry entry : preview.timeline()) {
            colours.computeIfAbsent(entry.recordingId(), id -> colour(colours.size()));
        }
        this.out = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
    }

    /** The picture of {@code preview} at {@code atSecs} on the output clock (0 to its duration). */
    static String svg(PreviewView preview, double atSecs) {
        try {
            PreviewPicture picture = new PreviewPicture(preview, atSecs);
            picture.write();
            return picture.text.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("could not write the preview picture", e);
        }
    }

    /** The cells' bands, one per cell number of each region (a cell number of any of its phases). */
    private record Band(String region, int cell) {
    }

    private void write() throws XMLStreamException {
        List<Band> bands = bands();
        int bandHeight = font * 2;
        int timelineTop = height + font * 3;
        int bandsTop = timelineTop + font * 2;
        int total = bandsTop + bands.size() * (bandHeight + 2) + font;

        out.writeStartDocument("UTF-8", "1.0");
        out.writeStartElement("svg");
        out.writeDefaultNamespace(SVG);
        attribute("viewBox", "0 0 " + width + " " + total);
        attribute("width", width);
        attribute("height", total);
        attribute("font-family", "sans-serif");
        attribute("font-size", font);
        attribute("data-at-secs", number(atSecs));
        attribute("data-duration-secs", number(preview.durationSecs()));
        element("title", "Composition preview of session " + preview.sessionId() + ", " + preview.resolution()
                + ", at " + number(atSecs) + " s of " + number(preview.durationSecs()) + " s");
        rect("background", 0, 0, width, total, "#f4f4f4");
        rect("canvas", 0, 0, width, height, "#000000");
        for (PreviewView.RegionView region : preview.regions()) {
            Optional<PreviewView.PhaseView> phase = phaseAt(region);
            if (phase.isPresent()) {
                writeRegion(region, phase.get());
            }
        }
        text("heading", 2, height + font * 2, "start", "Output at " + number(atSecs) + " s of "
                + number(preview.durationSecs()) + " s: what each cell shows when");
        text("axis", 2, bandsTop - font / 2, "start", "0 s");
        text("axis", width - 2, bandsTop - font / 2, "end", number(preview.durationSecs()) + " s");
        for (int i = 0; i < bands.size(); i++) {
            writeBand(bands.get(i), bandsTop + i * (bandHeight + 2), bandHeight);
        }
        double x = x(atSecs);
        out.writeEmptyElement("line");
        attribute("class", "marker");
        attribute("data-at-secs", number(atSecs));
        attribute("x1", number(x));
        attribute("x2", number(x));
        attribute("y1", timelineTop);
        attribute("y2", total - font / 2);
        attribute("stroke", "#d00000");
        attribute("stroke-width", Math.max(1, font / 6));
        out.writeEndElement();
        out.writeEndDocument();
        out.close();
    }

    /** The phase in force at the instant: the one whose span holds it (the last one at the very end). */
    private Optional<PreviewView.PhaseView> phaseAt(PreviewView.RegionView region) {
        List<PreviewView.PhaseView> phases = region.phases();
        for (int i = 0; i < phases.size(); i++) {
            PreviewView.PhaseView phase = phases.get(i);
            if (phase.startSecs() <= atSecs && (atSecs < phase.endSecs() || i == phases.size() - 1)) {
                return Optional.of(phase);
            }
        }
        return Optional.empty();
    }

    private void writeRegion(PreviewView.RegionView region, PreviewView.PhaseView phase) throws XMLStreamException {
        int phaseIndex = region.phases().indexOf(phase);
        out.writeStartElement("g");
        attribute("class", "region");
        attribute("data-region", region.name());
        attribute("data-phase", phaseIndex);
        out.writeEmptyElement("rect");
        attribute("class", "region-area");
        geometry(phase.xPos(), phase.yPos(), phase.width(), phase.height());
        attribute("fill", "none");
        attribute("stroke", "#ffffff");
        attribute("stroke-dasharray", font / 2 + " " + font / 2);
        for (PreviewView.CellView cell : phase.cells()) {
            writeCell(region.name(), phaseIndex, cell);
        }
        text("region-name", phase.xPos() + 2, phase.yPos() + font, "start", region.name());
        out.writeEndElement();
    }

    private void writeCell(String region, int phase, PreviewView.CellView cell) throws XMLStreamException {
        Optional<PreviewView.TimelineEntry> shown = preview.timeline().stream()
                .filter(entry -> entry.region().equals(region) && entry.phase() == phase && entry.cell() == cell.cell()
                        && entry.startSecs() <= atSecs && atSecs < entry.endSecs())
                .findFirst();
        out.writeStartElement("g");
        attribute("class", "cell");
        attribute("data-region", region);
        attribute("data-cell", cell.cell());
        if (shown.isPresent()) {
            attribute("data-recording-id", shown.get().recordingId());
            attribute("data-participant-id", shown.get().participantId());
        }
        element("title", shown.map(entry -> label(entry) + " in " + region + " cell " + cell.cell() + " (recording "
                + entry.recordingId() + ")").orElse(region + " cell " + cell.cell() + ": nothing shown"));
        out.writeEmptyElement("rect");
        attribute("class", "cell-area");
        geometry(cell.xPos(), cell.yPos(), cell.width(), cell.height());
        attribute("fill", "#262626");
        attribute("stroke", "#9a9a9a");
        int centreX = cell.xPos() + cell.width() / 2;
        int centreY = cell.yPos() + cell.height() / 2;
        if (shown.isPresent()) {
            PreviewView.FrameView frame = shown.get().frame();
            out.writeEmptyElement("rect");
            attribute("class", "frame");
            geometry(frame.xPos(), frame.yPos(), frame.width(), frame.height());
            attribute("fill", colours.get(shown.get().recordingId()));
            text("label", centreX, centreY + font / 3, "middle", label(shown.get()));
        } else {
            text("cell-number", centreX, centreY + font / 3, "middle", "cell " + cell.cell());
        }
        out.writeEndElement();
    }

    private void writeBand(Band band, int top, int bandHeight) throws XMLStreamException {
        out.writeStartElement("g");
        attribute("class", "band");
        attribute("data-region", band.region());
        attribute("data-cell", band.cell());
        rect("band-area", 0, top, width, bandHeight, "#dddddd");
        for (PreviewView.TimelineEntry entry : preview.timeline()) {
            if (!entry.region().equals(band.region()) || entry.cell() != band.cell()) {
                continue;
            }
            out.writeStartElement("rect");
            attribute("class", "span");
            attribute("data-start-secs", number(entry.startSecs()));
            attribute("data-end-secs", number(entry.endSecs()));
            attribute("data-recording-id", entry.recordingId());
            attribute("x", number(x(entry.startSecs())));
            attribute("y", top);
            attribute("width", number(x(entry.endSecs()) - x(entry.startSecs())));
            attribute("height", bandHeight);
            attribute("fill", colours.get(entry.recordingId()));
            element("title", label(entry) + ": " + number(entry.startSecs()) + " s to " + number(entry.endSecs())
                    + " s");
            out.writeEndElement();
        }
        text("band-label", 2, top + bandHeight / 2 + font / 3, "start", band.region() + " · cell " + band.cell());
        out.writeEndElement();
    }

    private List<Band> bands() {
        List<Band> bands = new ArrayList<>();
        for (PreviewView.RegionView region : preview.regions()) {
            int cells = region.phases().stream().mapToInt(phase -> phase.cells().size()).max().orElse(0);
            for (int cell = 0; cell < cells; cell++) {
                bands.add(new Band(region.name(), cell));
            }
        }
        return bands;
    }

    /** The participant's label; without one, the start of the recording id (enough to tell sources apart). */
    private static String label(PreviewView.TimelineEntry entry) {
        if (entry.participantContext() != null) {
            return entry.participantContext();
        }
        return "rec " + entry.recordingId().substring(0, Math.min(8, entry.recordingId().length()));
    }

    private double x(double secs) {
        return preview.durationSecs() == 0 ? 0 : secs / preview.durationSecs() * width;
    }

    private void rect(String cssClass, int x, int y, int w, int h, String fill) throws XMLStreamException {
        out.writeEmptyElement("rect");
        attribute("class", cssClass);
        geometry(x, y, w, h);
        attribute("fill", fill);
    }

    private void geometry(int x, int y, int w, int h) throws XMLStreamException {
        attribute("x", x);
        attribute("y", y);
        attribute("width", w);
        attribute("height", h);
    }

    /** Text with a halo, readable over any colour. */
    private void text(String cssClass, int x, int y, String anchor, String content) throws XMLStreamException {
        out.writeStartElement("text");
        attribute("class", cssClass);
        attribute("x", x);
        attribute("y", y);
        attribute("text-anchor", anchor);
        attribute("fill", "#111111");
        attribute("stroke", "#ffffff");
        attribute("stroke-width", Math.max(1, font / 5));
        attribute("paint-order", "stroke");
        out.writeCharacters(xmlText(content));
        out.writeEndElement();
    }

    private void element(String name, String content) throws XMLStreamException {
        out.writeStartElement(name);
        out.writeCharacters(xmlText(content));
        out.writeEndElement();
    }

    private void attribute(String name, String value) throws XMLStreamException {
        out.writeAttribute(name, xmlText(value));
    }

    /**
     * The text with every character XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF)
     * replaced by U+FFFD. Region names and participant labels are the client's text: the writer escapes markup,
     * but refuses such characters outright, and one of them in a label must not make every picture of the session
     * fail.
     */
    static String xmlText(String text) {
        StringBuilder kept = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (kept != null) {
                    kept.append(c).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD);
            if (!allowed && kept == null) {
                kept = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (kept != null) {
                kept.append(allowed ? c : '\uFFFD');
            }
        }
        return kept == null ? text : kept.toString();
    }

    private void attribute(String name, int value) throws XMLStreamException {
        out.writeAttribute(name, Integer.toString(value));
    }

    /** At most three decimals, no exponent, no trailing zeros: "3", "2.5", "0.333". */
    static String number(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.signum() == 0 ? "0" : rounded.toPlainString();
    }

    private static String colour(int index) {
        if (index < PALETTE.size()) {
            return PALETTE.get(index);
        }
        // beyond the palette: hues a golden angle apart never repeat and stay far from their neighbours
        return "hsl(" + Math.round(index * 137.508 % 360) + ",55%,60%)";
    }
}
