package dev.montage.compositions;

import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.AccountId;
import dev.montage.api.DataResponse;
import dev.montage.api.DateFilter;
import dev.montage.api.Ids;
import dev.montage.api.JsonBody;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.PublicBaseUrl;
import dev.montage.api.QueryParams;
import dev.montage.storage.DownloadLinks;
import tools.jackson.databind.JacksonSerializable;

@RestController
@RequestMapping("/v2/room_compositions")
class CompositionController {

    private final CompositionService compositions;
    private final DownloadLinks links;
    private final PublicBaseUrl baseUrl;
    private final CompositionJsonTexts json;
    private final AnsweredCompositions answered;

    CompositionController(CompositionService compositions, DownloadLinks links, PublicBaseUrl baseUrl,
            CompositionJsonTexts json, AnsweredCompositions answered) {
        this.compositions = compositions;
        this.links = links;
        this.baseUrl = baseUrl;
        this.json = json;
        this.answered = answered;
    }

    /** Each row as the text of its view ({@link AnsweredCompositions}), the same bytes as {@link #view} writes. */
    @GetMapping
    ListResponse<JacksonSerializable> list(AccountId account, QueryParams query) {
        DateFilter created = query.dateFilter("date_created_at");
        Optional<UUID> sessionId = query.uuid("filter[session_id]");
        Optional<String> status = query.oneOf("filter[status]", CompositionStatus.wireNames());
        PageRequest page = query.page();
        query.throwIfInvalid();
        String base = baseUrl.forCurrentRequest(); // once per answer, not once per row
        return answered.page(account.value(), new CompositionQuery(sessionId, status, created), page)
                .map(answer -> withLink(answer, base));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    DataResponse<CompositionView> create(AccountId account, JsonBody body) {
        return new DataResponse<>(view(compositions.create(account, body), baseUrl.forCurrentRequest()));
    }

    /** The text of its view ({@link AnsweredCompositions}), the same bytes as {@link #view} writes. */
    @GetMapping("/{compositionId}")
    DataResponse<JacksonSerializable> get(AccountId account, @PathVariable String compositionId) {
        return new DataResponse<>(withLink(answered.one(account.value(), Ids.parse(compositionId, "Room composition")),
                baseUrl.forCurrentRequest()));
    }

    @DeleteMapping("/{compositionId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(AccountId account, @PathVariable String compositionId) {
        compositions.delete(account, Ids.parse(compositionId, "Room composition"));
    }

    /** A kept answer with a fresh signed link in its place, when it has one. */
    private JacksonSerializable withLink(AnsweredCompositions.Answer answer, String base) {
        return answer.withLink(answer.hasLink() ? links.link(base, answer.id(), answer.blobKey()) : null);
    }

    /** A completed composition carries a fresh signed link, valid for an hour; before that, none. */
    private CompositionView view(Composition composition, String base) {
        String downloadUrl = composition.status() == CompositionStatus.COMPLETED
                ? links.link(base, composition.id(), composition.blobKey()) : null;
        return CompositionView.of(composition, downloadUrl, json);
    }
}
