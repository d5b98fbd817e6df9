package dev.montage.media;

/** One audio or video stream of a probed file. Width/height are for video, sample rate/channels for audio. */
public record StreamInfo(int index, MediaKind kind, String codec, long startMillis, long durationMillis,
        Integer width, Integer height, Integer sampleRate, Integer channels) {
}
