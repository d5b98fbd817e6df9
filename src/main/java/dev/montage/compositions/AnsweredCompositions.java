package dev.montage.compositions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.montage.api.Ids;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.compositions.CompositionChanges.Stamp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.io.SerializedString;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;

/**
 * The list's answers: the JSON of finished compositions as the list answers them, kept on this node by id and
 * {@code updated_at}.
 *
 * <p>A completed or failed composition never changes again (it can only be deleted), and every change of a
 * composition before that writes a new {@code updated_at} ({@link CompositionRepository}); so a row whose version was
 * answered before is answered with that text, and of such a row only its id and version are read. Clients poll their
 * lists: most rows of a page are the same finished compositions, answer after answer; a list of 20 used to read, map,
 * view and write all 20 again each time, 60 % of its JVM samples (bench/RESULTS.md, "API load", run 11).
 *
 * <p>The text is the answer's own mapper writing the view, so it is the same, byte for byte; only the download link,
 * signed afresh for each answer, is put in at its place. It is kept encoded as well, as the answer writes it: turning
 * 20 texts into UTF-8 again for every answer was the largest part of the list's JVM samples once the rows were kept
 * ("The list, fourth pass"). At {@link #CAPACITY} compositions the least used go first.
 *
 * <p>A page's ids and versions, and a finished composition asked for by id, are also kept, for as long as nothing of
 * their account has changed ({@link CompositionChanges}): a client polling its list, or a finished composition, is
 * answered without a database round trip until one of its compositions changes, on whichever node. Those reads were
 * the last statement of each answer, and a round trip cost more than the rest of the list's work (bench/RESULTS.md,
 * "Answers kept while nothing changed"). The metrics count both kinds of answer by where they came from
 * ({@code montage.answers{answer=list_page|composition, source=memory|database}}); a kept entry whose account has
 * changed since counts as read from the database, which it then is.
 */
@Component
class AnsweredCompositions {

    static final int CAPACITY = 20_000;
    /** Pages of ids and versions: about 1 KB each. */
    static final int PAGES = 10_000;
    /** Stands for the download link in a kept text; only URL-safe characters, so the mapper writes it as it is. */
    private static final String LINK_MARK = "montage-download-url-6f0d2b";
    private static final String QUOTED_LINK_MARK = "\"" + LINK_MARK + "\"";

    private final Cache<UUID, Answer> answers = Caffeine.newBuilder().maximumSize(CAPACITY).build();
    private final CompositionRepository compositions;
    private final CompositionChanges changes;
    private final JsonMapper mapper;
    private final CompositionJsonTexts json;
    private final KeptWhileUnchanged<PageKey, ListResponse<CompositionRepository.Version>> pages;
    private final KeptWhileUnchanged<CompositionKey, Answer> finished;

    AnsweredCompositions(CompositionRepository compositions, CompositionChanges changes, JsonMapper mapper,
            CompositionJsonTexts json, MeterRegistry registry) {
        this.compositions = compositions;
        this.changes = changes;
        this.mapper = mapper;
        this.json = json;
        this.pages = new KeptWhileUnchanged<>(PAGES, registry, "list_page");
        this.finished = new KeptWhileUnchanged<>(CAPACITY, registry, "composition");
    }

    /**
     * The account's composition as its answer: a finished one from memory while nothing of the account has changed
     * since it was read, else from the database.
     *
     * @throws dev.montage.api.ApiException 404 when the account has no such composition
     */
    Answer one(UUID accountId, UUID id) {
        return finished.get(accountId, new CompositionKey(accountId, id),
                () -> answer(compositions.find(accountId, id).orElseThrow(() -> Ids.notFound("Room composition", id))),
                Answer::finished);
    }

    /**
     * One page of the account's compositions that match {@code query}, newest first, as answers: the page's ids and
     * versions are read first, and only the rows this node has not answered in that version are then read in full.
     * A row deleted between the two reads, or changed so that it no longer matches, is left out of the page, as it
     * would be a moment later.
     */
    ListResponse<Answer> page(UUID accountId, CompositionQuery query, PageRequest page) {
        ListResponse<CompositionRepository.Version> versions = pages.get(accountId,
                new PageKey(accountId, query, page), () -> compositions.listVersions(accountId, query, page),
                read -> true);
        List<CompositionRepository.Version> listed = versions.data();
        Answer[] known = new Answer[listed.size()];
        List<UUID> unknown = new ArrayList<>();
        for (int i = 0; i < known.length; i++) {
            known[i] = find(listed.get(i));
            if (known[i] == null) {
                unknown.add(listed.get(i).id());
            }
        }
        Map<UUID, Composition> read = unknown.isEmpty() ? Map.of() : compositions.findAll(accountId, query, unknown);
        List<Answer> rows = new ArrayList<>(known.length);
        for (int i = 0; i < known.length; i++) {
            if (known[i] != null) {
                rows.add(known[i]);
                continue;
            }
            Composition composition = read.get(listed.get(i).id());
            if (composition != null) { // else deleted, or out of the query, since its id was listed
                rows.add(answer(composition));
            }
        }
        return new ListResponse<>(rows, versions.meta());
    }

    /** The text kept for this version of the composition, or null. */
    private Answer find(CompositionRepository.Version version) {
        Answer kept = answers.getIfPresent(version.id());
        return kept != null && kept.updatedAt().equals(version.updatedAt()) ? kept : null;
    }

    /** The composition's text, kept when it is finished. */
    private Answer answer(Composition composition) {
        String link = composition.status() == CompositionStatus.COMPLETED ? LINK_MARK : null;
        String text = mapper.writeValueAsString(CompositionView.of(composition, link, json));
        int at = text.indexOf(QUOTED_LINK_MARK);
        // completed and failed compositions never change again; they can only be deleted
        boolean finished = composition.status() == CompositionStatus.COMPLETED
                || composition.status() == CompositionStatus.FAILED;
        Answer answer = at < 0
                ? new Answer(composition.id(), composition.blobKey(), composition.updatedAt(), finished,
                        encoded(text), null)
                : new Answer(composition.id(), composition.blobKey(), composition.updatedAt(), finished,
                        encoded(text.substring(0, at)), encoded(text.substring(at + QUOTED_LINK_MARK.length())));
        if (finished) {
            answers.put(composition.id(), answer);
        }
        return answer;
    }

    private record PageKey(UUID accountId, CompositionQuery query, PageRequest page) {
    }

    private record CompositionKey(UUID accountId, UUID id) {
    }

    /**
     * Values read for an account, answered again while nothing of that account has changed since their read began,
     * and counted by where each answer came from ({@code montage.answers}).
     */
    private final class KeptWhileUnchanged<K, V> {

        private final Cache<K, Kept<V>> kept;
        private final Counter fromMemory;
        private final Counter fromDatabase;

        KeptWhileUnchanged(int capacity, MeterRegistry registry, String answer) {
            this.kept = Caffeine.newBuilder().maximumSize(capacity).build();
            this.fromMemory = counter(registry, answer, "memory");
            this.fromDatabase = counter(registry, answer, "database");
        }

        /** The value kept under {@code key}, or else {@code read}'s, then kept when {@code keep} says so. */
        V get(UUID accountId, K key, Supplier<V> read, Predicate<V> keep) {
            Kept<V> entry = kept.getIfPresent(key);
            if (entry != null && changes.isCurrent(accountId, entry.stamp())) {
                fromMemory.increment();
                return entry.value();
            }
            fromDatabase.increment();
            Stamp stamp = changes.stamp(accountId); // before the read: a change committed during it renews the account
            V value = read.get();
            if (stamp != null && keep.test(value)) {
                kept.put(key, new Kept<>(stamp, value));
            }
            return value;
        }

        private static Counter counter(MeterRegistry registry, String answer, String source) {
            return Counter.builder("montage.answers")
                    .description("List pages (their ids and versions) and compositions by id, by where they were read")
                    .tag("answer", answer)
                    .tag("source", source)
                    .register(registry);
        }
    }

    private record Kept<V>(Stamp stamp, V value) {
    }

    /** Encoded now, once: a {@link SerializedString} encodes on first use and keeps the bytes. */
    private static SerializedString encoded(String text) {
        SerializedString encoded = new SerializedString(text);
        encoded.asUnquotedUTF8();
        return encoded;
    }

    /**
     * A composition's answer text, with its link left out when it has one.
     *
     * @param blobKey its file, which the link is signed for
     * @param finished whether it is completed or failed, which it stays
     * @param before  the text up to the link, or all of it when {@code after} is null (no link)
     * @param after   the text after the link
     */
    record Answer(UUID id, String blobKey, Instant updatedAt, boolean finished, SerializedString before,
            SerializedString after) {

        boolean hasLink() {
            return after != null;
        }

        /** The text as one value of the answer, with the link in its place (null: it has none). */
        JacksonSerializable withLink(String link) {
            return new AnswerText(this, link == null ? null : JsonStringEncoder.getInstance().quoteAsCharArray(link));
        }
    }

    /** Written as raw JSON: the kept bytes, and the quoted link between them. */
    private static final class AnswerText extends JacksonSerializable.Base {

        private final Answer answer;
        private final char[] quotedLink;

        AnswerText(Answer answer, char[] quotedLink) {
            this.answer = answer;
            this.quotedLink = quotedLink;
        }

        @Override
        public void serialize(JsonGenerator gen, SerializationContext context) {
            gen.writeRawValue(answer.before()); // the separator before the value, then its bytes as they are
            if (answer.hasLink()) {
                gen.writeRaw('"');
                gen.writeRaw(quotedLink, 0, quotedLink.length);
                gen.writeRaw('"');
                gen.writeRaw(answer.after());
            }
        }

        @Override
        public void serializeWithType(JsonGenerator gen, SerializationContext context, TypeSerializer type) {
            serialize(gen, context); // raw text: no type information to add
        }
    }
}
