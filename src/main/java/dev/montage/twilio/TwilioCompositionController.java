package dev.montage.twilio;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.AccountId;
import dev.montage.api.ApiException;
import dev.montage.api.DateFilter;
import dev.montage.api.JsonBody;
import dev.montage.api.ListResponse;
import dev.montage.api.PageMeta;
import dev.montage.api.PublicBaseUrl;
import dev.montage.compositions.Composition;
import dev.montage.compositions.CompositionQuery;
import dev.montage.compositions.CompositionService;
import dev.montage.compositions.CompositionStatus;
import dev.montage.recordings.RecordingService;
import dev.montage.recordings.RoomRecording;
import dev.montage.storage.DownloadLinks;
import dev.montage.webhooks.CallbackTokens;
import dev.montage.webhooks.StatusCallbackTarget;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's Compositions under {@code /v1/Compositions}: each call translated into the one {@link CompositionService}
 * call that {@code /v2/room_compositions} makes, so a composition is the same resource under both.
 */
@RestController
@RequestMapping(value = "/v1/Compositions", produces = MediaType.APPLICATION_JSON_VALUE)
class TwilioCompositionController {

    /** Twilio's longest media URL: an hour, which is also its default. */
    static final int MAX_TTL_SECONDS = 3600;
    private static final Set<String> STATUSES = Set.of("enqueued", "processing", "completed", "deleted", "failed");

    private final CompositionService compositions;
    private final RecordingService recordings;
    private final DownloadLinks links;
    private final PublicBaseUrl baseUrl;
    private final JsonMapper json;
    private final StatusCallbacks callbacks;
    private final CompositionCreation creation;
    private final CallbackTokens tokens;

    TwilioCompositionController(CompositionService compositions, RecordingService recordings, DownloadLinks links,
            PublicBaseUrl baseUrl, JsonMapper json, StatusCallbacks callbacks, CompositionCreation creation,
            CallbackTokens tokens) {
        this.callbacks = callbacks;
        this.creation = creation;
        this.tokens = tokens;
        this.compositions = compositions;
        this.recordings = recordings;
        this.links = links;
        this.baseUrl = baseUrl;
        this.json = json;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TwilioComposition create(AccountId account, @RequestParam MultiValueMap<String, String> form,
            HttpServletRequest request) {
        JsonBody body = CompositionForm.toBody(form, json);
        // sealed before the transaction: the first seal of an installation may create its key (CallbackTokens)
        Optional<StatusCallbackTarget> target = CompositionForm.statusCallback(form).map(callback ->
                new StatusCallbackTarget(callback.url(), callback.method(), tokens.seal(token(request))));
        Composition created = creation.create(account, body, target);
        return view(account, created, target, baseUrl.forCurrentRequest());
    }

    /** The key this request authenticated with: the auth token its status callbacks are signed with. */
    private static String token(HttpServletRequest request) {
        return ((TwilioCredentials) new BasicCredentialsConverter().convert(request)).password();
    }

    @GetMapping
    Map<String, Object> list(AccountId account, HttpServletRequest request,
            @RequestParam(name = "Status", required = false) String status,
            @RequestParam(name = "RoomSid", required = false) String roomSid,
            @RequestParam(name = "DateCreatedAfter", required = false) String after,
            @RequestParam(name = "DateCreatedBefore", required = false) String before) {
        if (status != null && !STATUSES.contains(status)) {
            throw TwilioException.badParameter("Status", "must be one of " + String.join(", ", STATUSES.stream()
                    .sorted().toList()) + ", not '" + status + "'");
        }
        Optional<UUID> session = Optional.ofNullable(roomSid).map(sid -> TwilioSid.ROOM.parse(sid).orElseThrow(
                () -> TwilioException.badParameter("RoomSid", "'" + sid + "' is not a room SID")));
        Optional<Instant> from = TwilioDates.parse("DateCreatedAfter", after);
        Optional<Instant> until = TwilioDates.parse("DateCreatedBefore", before);
        TwilioPage page = TwilioPage.of(request);
        String base = baseUrl.forCurrentRequest();
        if ("deleted".equals(status)) {
            // a deleted composition is gone (404), so none is ever "deleted"
            return page.answer("compositions", new ListResponse<>(List.of(), PageMeta.of(page.request(), 0)), base,
                    request);
        }
        DateFilter anyDay = new DateFilter(Optional.empty(), Optional.empty(), Optional.empty());
        var rows = compositions.list(account, new CompositionQuery(session, Optional.ofNullable(status), anyDay, from,
                until), page.request()).map(c -> view(account, c, base));
        return page.answer("compositions", rows, base, request);
    }

    @GetMapping("/{sid}")
    TwilioComposition get(AccountId account, @PathVariable String sid, HttpServletRequest request) {
        return view(account, find(account, sid, request), baseUrl.forCurrentRequest());
    }

    @DeleteMapping("/{sid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(AccountId account, @PathVariable String sid, HttpServletRequest request) {
        compositions.delete(account, find(account, sid, request).id());
    }

    /**
     * A 302 to a signed link to the file, valid for {@code Ttl} seconds (1 to 3600, default 3600), with the link
     * also in the body as {@code redirect_to}, as Twilio answers (its documentation reads it there).
     */
    @GetMapping("/{sid}/Media")
    ResponseEntity<Map<String, String>> media(AccountId account, @PathVariable String sid,
            @RequestParam(name = "Ttl", required = false) String ttl, HttpServletRequest request) {
        Composition composition = find(account, sid, request);
        int seconds = ttlSeconds(ttl);
        if (composition.status() != CompositionStatus.COMPLETED || composition.blobKey() == null) {
            throw TwilioException.notFound(request.getRequestURI());
        }
        String link = links.link(baseUrl.forCurrentRequest(), composition.id(), composition.blobKey(),
                Duration.ofSeconds(seconds));
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create(link))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("redirect_to", link));
    }

    private static int ttlSeconds(String raw) {
        if (raw == null) {
            return MAX_TTL_SECONDS;
        }
        try {
            int seconds = Integer.parseInt(raw);
            if (seconds >= 1 && seconds <= MAX_TTL_SECONDS) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw TwilioException.badParameter("Ttl", "must be a whole number of seconds from 1 to " + MAX_TTL_SECONDS
                + ", not '" + raw + "'");
    }

    /** A malformed SID names nothing, as an unknown or another account's one: 404. */
    private Composition find(AccountId account, String sid, HttpServletRequest request) {
        UUID id = TwilioSid.COMPOSITION.parse(sid).orElseThrow(() -> TwilioException.notFound(request.getRequestURI()));
        try {
            return compositions.get(account, id);
        } catch (ApiException e) { // not found: said in Twilio's words
            throw TwilioException.notFound(request.getRequestURI());
        }
    }

    private TwilioComposition view(AccountId account, Composition composition, String base) {
        return view(account, composition, callbacks.of(account, composition.id()), base);
    }

    private TwilioComposition view(AccountId account, Composition composition,
            Optional<StatusCallbackTarget> callback, String base) {
        Supplier<Set<UUID>> recordingIds = () -> recordings.ofSession(account, composition.sessionId()).stream()
                .map(RoomRecording::id).collect(Collectors.toSet());
        return TwilioComposition.of(composition, callback, base, recordingIds);
    }
}
