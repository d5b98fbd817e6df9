package dev.montage.compositions;

import java.time.Instant;
import java.util.UUID;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * The JSON of finished compositions as the list answers them, kept on this node by id and {@code updated_at}.
 *
 * <p>A completed or failed composition never changes again (it can only be deleted), and every change of a
 * composition before that writes a new {@code updated_at} ({@link CompositionRepository}); so a row read with the
 * version an answer was kept for is answered with that text, and the rest of the row is not even read. Clients poll
 * their lists: most rows of a page are the same finished compositions, answer after answer; a list of 20 used to
 * map, view and write all 20 again each time, 60 % of its JVM samples (bench/RESULTS.md, "API load", run 11).
 *
 * <p>The text is the answer's own mapper writing the view, so it is the same, byte for byte; only the download link,
 * signed afresh for each answer, is put in at its place. At {@link #CAPACITY} compositions the least used go first.
 */
@Component
class AnsweredCompositions {

    static final int CAPACITY = 20_000;
    /** Stands for the download link in a kept text; only URL-safe characters, so the mapper writes it as it is. */
    private static final String LINK_MARK = "montage-download-url-6f0d2b";
    private static final String QUOTED_LINK_MARK = "\"" + LINK_MARK + "\"";

    private final Cache<UUID, Answer> answers = Caffeine.newBuilder().maximumSize(CAPACITY).build();
    private final JsonMapper mapper;
    private final CompositionJsonTexts json;

    AnsweredCompositions(JsonMapper mapper, CompositionJsonTexts json) {
        this.mapper = mapper;
        this.json = json;
    }

    /** The text kept for this version of the composition, or null. */
    Answer find(UUID id, Instant updatedAt) {
        Answer kept = answers.getIfPresent(id);
        return kept != null && kept.updatedAt().equals(updatedAt) ? kept : null;
    }

    /** The composition's text, kept when it is finished. */
    Answer answer(Composition composition) {
        String link = composition.status() == CompositionStatus.COMPLETED ? LINK_MARK : null;
        String text = mapper.writeValueAsString(CompositionView.of(composition, link, json));
        int at = text.indexOf(QUOTED_LINK_MARK);
        Answer answer = at < 0 ? new Answer(composition.updatedAt(), text, null)
                : new Answer(composition.updatedAt(), text.substring(0, at),
                        text.substring(at + QUOTED_LINK_MARK.length()));
        if (composition.status() == CompositionStatus.COMPLETED || composition.status() == CompositionStatus.FAILED) {
            answers.put(composition.id(), answer);
        }
        return answer;
    }

    /**
     * A composition's answer text, with the link in place when it has one.
     *
     * @param before the text up to the link, or all of it when {@code after} is null (no link)
     * @param after  the text after the link
     */
    record Answer(Instant updatedAt, String before, String after) {

        boolean hasLink() {
            return after != null;
        }

        RawValue withLink(String link) {
            if (!hasLink()) {
                return new RawValue(before);
            }
            StringBuilder text = new StringBuilder(before.length() + link.length() + 2 + after.length()).append(before)
                    .append('"');
            JsonStringEncoder.getInstance().quoteAsString(link, text);
            return new RawValue(text.append('"').append(after).toString());
        }
    }
}
