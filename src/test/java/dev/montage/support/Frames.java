package dev.montage.support;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.assertj.core.api.Condition;

/**
 * Reads pixels of a rendered video back with ffmpeg, to prove where and when a colour shows.
 *
 * <pre>{@code
 * assertThat(Frames.colourAt(video, 1.5, 80, 60)).is(Frames.near(Rgb.RED));
 * }</pre>
 */
public final class Frames {

    private Frames() {
    }

    /** The colour at pixel {@code (x, y)} of the frame shown at {@code seconds}. */
    public static Rgb colourAt(Path video, double seconds, int x, int y) {
        byte[] pixel = ToolOutput.stdout(List.of(TestMedia.ffmpeg(), "-v", "error",
                "-ss", String.format(Locale.ROOT, "%.3f", seconds), "-i", video.toString(),
                "-frames:v", "1", "-vf", crop(x, y), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"));
        if (pixel.length != 3) {
            throw new IllegalStateException("no frame at " + seconds + " s in " + video);
        }
        return rgb(pixel, 0);
    }

    /**
     * The whole frame shown at {@code seconds} of a video {@code width} pixels wide: one ffmpeg run for a test
     * that looks at many places of one frame.
     */
    /** The frame at {@code seconds} written as a PNG: how the pictures under docs/ are made from a test's output. */
    public static void writePng(Path video, double seconds, Path png) {
        ToolOutput.stdout(List.of(TestMedia.ffmpeg(), "-v", "error", "-y", "-ss", String.valueOf(seconds),
                "-i", video.toString(), "-frames:v", "1", png.toAbsolutePath().toString()));
    }

    public static Picture pictureAt(Path video, double seconds, int width) {
        byte[] rgb = ToolOutput.stdout(List.of(TestMedia.ffmpeg(), "-v", "error",
                "-ss", String.format(Locale.ROOT, "%.3f", seconds), "-i", video.toString(),
                "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"));
        if (rgb.length == 0 || rgb.length % (width * 3) != 0) {
            throw new IllegalStateException("no frame " + width + " pixels wide at " + seconds + " s in " + video);
        }
        return new Picture(width, rgb);
    }

    /** Every frame of the video, in order, decoded in one ffmpeg run: frame {@code i} shows at {@code i / fps}. */
    public static List<Picture> allPictures(Path video, int width) {
        byte[] rgb = ToolOutput.stdout(List.of(TestMedia.ffmpeg(), "-v", "error", "-i", video.toString(),
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-"));
        int height = MediaFacts.of(video).height();
        List<Picture> pictures = new ArrayList<>();
        int frameBytes = width * height * 3;
        if (rgb.length % frameBytes != 0) {
            throw new IllegalStateException(rgb.length + " bytes are not whole " + width + "x" + height + " frames");
        }
        for (int offset = 0; offset < rgb.length; offset += frameBytes) {
            pictures.add(new Picture(width, Arrays.copyOfRange(rgb, offset, offset + frameBytes)));
        }
        return pictures;
    }

    /**
     * The presentation time of every video frame in seconds, in display order, as a player gets it (edit lists
     * applied): two files with the same list show the same number of frames at the same instants.
     */
    public static List<Double> timestamps(Path video) {
        String csv = new String(ToolOutput.stdout(List.of(TestMedia.ffprobe(), "-v", "error", "-select_streams", "v:0",
                "-show_entries", "frame=best_effort_timestamp_time", "-of", "csv=p=0", video.toString())),
                StandardCharsets.US_ASCII);
        // a frame with side data (an MP4's) has more, empty fields after the time
        return csv.lines().map(line -> line.split(",")[0].trim()).filter(time -> !time.isEmpty())
                .map(Double::parseDouble).toList();
    }

    /** One frame's pixels as RGB, row by row. */
    public record Picture(int width, byte[] rgb) {

        /**
         * The mean absolute difference of the two pictures' channel values (0 to 255) over the rectangle: what
         * separates encoder noise (a point or two) from a different picture.
         */
        public double meanDifference(Picture other, int x, int y, int w, int h) {
            if (other.width != width || other.rgb.length != rgb.length) {
                throw new IllegalArgumentException("pictures of different sizes");
            }
            long sum = 0;
            for (int row = y; row < y + h; row++) {
                for (int i = (row * width + x) * 3; i < (row * width + x + w) * 3; i++) {
                    sum += Math.abs((rgb[i] & 0xff) - (other.rgb[i] & 0xff));
                }
            }
            return (double) sum / (w * h * 3);
        }

        public int height() {
            return rgb.length / (width * 3);
        }

        public Rgb colourAt(int x, int y) {
            if (x < 0 || x >= width || y < 0 || y >= height()) {
                throw new IllegalArgumentException("(" + x + ", " + y + ") is outside the " + width + "x" + height()
                        + " picture");
            }
            return Frames.rgb(rgb, (y * width + x) * 3);
        }
    }

    /** The colour at pixel {@code (x, y)} of every frame, in order: frame {@code i} shows at {@code i / fps}. */
    public static List<Rgb> coloursOverTime(Path video, int x, int y) {
        byte[] pixels = ToolOutput.stdout(List.of(TestMedia.ffmpeg(), "-v", "error", "-i", video.toString(),
                "-vf", crop(x, y), "-f", "rawvideo", "-pix_fmt", "rgb24", "-"));
        List<Rgb> colours = new ArrayList<>();
        for (int i = 0; i + 2 < pixels.length; i += 3) {
            colours.add(rgb(pixels, i));
        }
        return colours;
    }

    /** An AssertJ condition: the colour is within {@link Rgb#TOLERANCE} of {@code expected}. */
    public static Condition<Rgb> near(Rgb expected) {
        return new Condition<>(actual -> actual.isNear(expected), "near %s (±%d per channel)", expected, Rgb.TOLERANCE);
    }

    // converting before cropping keeps the pixel exact: a 1x1 crop of yuv420p would round to chroma blocks
    private static String crop(int x, int y) {
        return "format=rgb24,crop=1:1:" + x + ":" + y;
    }

    private static Rgb rgb(byte[] bytes, int offset) {
        return new Rgb(bytes[offset] & 0xff, bytes[offset + 1] & 0xff, bytes[offset + 2] & 0xff);
    }
}
