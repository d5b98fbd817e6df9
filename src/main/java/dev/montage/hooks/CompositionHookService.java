package dev.montage.hooks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.IdGenerator;

import dev.montage.api.AccountId;
import dev.montage.api.ApiError;
import dev.montage.api.ApiException;
import dev.montage.api.ErrorCode;
import dev.montage.api.Ids;
import dev.montage.api.JsonBody;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.Timestamps;
import dev.montage.compositions.CompositionService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creates, reads, changes and deletes composition hooks. A hook's composition template is checked by the same rules
 * as {@code POST /v2/room_compositions} (less the session), so a hook that saves is one whose compositions can be
 * made; what its sources match is known only when a session ends. Public for the Twilio protocol.
 */
@Service
public class CompositionHookService {

    /** As long as the column holds; the same under /v1 and /v2. */
    public static final int MAX_FRIENDLY_NAME = 256;
    /** The hook's own fields; everything else in a body is the composition template. */
    static final List<String> HOOK_FIELDS = List.of("friendly_name", "enabled", "session_id");

    private final CompositionHookRepository hooks;
    private final CompositionService compositions;
    private final JsonMapper json;
    private final Clock clock;
    private final IdGenerator ids;

    CompositionHookService(CompositionHookRepository hooks, CompositionService compositions, JsonMapper json,
            Clock clock, IdGenerator ids) {
        this.hooks = hooks;
        this.compositions = compositions;
        this.json = json;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * What a client asks a hook to be. {@code template} is a composition body without {@code session_id};
     * {@code sealedCallbackToken} signs the {@code statusCallback}s (null without one).
     */
    public record HookRequest(String friendlyName, boolean enabled, ObjectNode template, String statusCallback,
            String statusCallbackMethod, String sealedCallbackToken) {
    }

    /** {@code POST /v2/room_composition_hooks}: {@code friendly_name}, {@code enabled} and the composition body. */
    @Transactional
    public CompositionHook create(AccountId account, JsonBody body) {
        return insert(account, fromBody(account, body, Optional.empty()));
    }

    @Transactional
    public CompositionHook create(AccountId account, HookRequest request) {
        checkTemplate(account, request.template(), List.of());
        return insert(account, request);
    }

    private CompositionHook insert(AccountId account, HookRequest request) {
        Instant now = Timestamps.now(clock);
        CompositionHook hook = new CompositionHook(ids.generateId(), account.value(), request.friendlyName(),
                request.enabled(), json.writeValueAsString(request.template()), request.statusCallback(),
                request.statusCallbackMethod(), request.sealedCallbackToken(), now, now);
        hooks.insert(hook);
        return hook;
    }

    /**
     * {@code PATCH}: the fields present replace the hook's; a composition field set to {@code null} goes back to its
     * default. The result is checked as a whole, as a create would be.
     */
    @Transactional
    public CompositionHook update(AccountId account, UUID id, JsonBody body) {
        CompositionHook hook = get(account, id);
        return save(hook, fromBody(account, body, Optional.of(hook)));
    }

    @Transactional
    public CompositionHook update(AccountId account, CompositionHook hook, HookRequest request) {
        checkTemplate(account, request.template(), List.of());
        return save(hook, request);
    }

    private CompositionHook save(CompositionHook hook, HookRequest request) {
        CompositionHook changed = hook.changed(request.friendlyName(), request.enabled(),
                json.writeValueAsString(request.template()), request.statusCallback(), request.statusCallbackMethod(),
                request.sealedCallbackToken(), Timestamps.now(clock));
        hooks.update(changed);
        return changed;
    }

    public CompositionHook get(AccountId account, UUID id) {
        return hooks.find(account.value(), id).orElseThrow(() -> Ids.notFound("Room composition hook", id));
    }

    public ListResponse<CompositionHook> list(AccountId account, Optional<Boolean> enabled,
            Optional<String> friendlyName, PageRequest page) {
        return hooks.list(account.value(), enabled, friendlyName, page);
    }

    /** Compositions the hook made stay as they are. */
    public void delete(AccountId account, UUID id) {
        if (!hooks.delete(account.value(), id)) {
            throw Ids.notFound("Room composition hook", id);
        }
    }

    /** The stored template, as an object the caller may change. */
    public ObjectNode template(CompositionHook hook) {
        return (ObjectNode) json.readTree(hook.compositionBody());
    }

    /**
     * Reads a /v2 body over {@code base} (a PATCH) or over nothing (a create, where {@code friendly_name} is
     * required), and answers 422 with every problem of the hook's fields and of the template at once.
     */
    private HookRequest fromBody(AccountId account, JsonBody body, Optional<CompositionHook> base) {
        List<ApiError> problems = new ArrayList<>();
        JsonNode root = body.root();
        if (!root.isObject()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, ApiError.atPointer(ErrorCode.WRONG_TYPE, "",
                    "the body must be a JSON object"));
        }
        ObjectNode template = base.map(this::template).orElseGet(json::createObjectNode);
        root.properties().forEach(field -> {
            if (!HOOK_FIELDS.contains(field.getKey())) {
                if (field.getValue().isNull()) {
                    template.remove(field.getKey());
                } else {
                    template.set(field.getKey(), field.getValue());
                }
            }
        });
        String friendlyName = base.map(CompositionHook::friendlyName).orElse(null);
        JsonNode name = root.get("friendly_name");
        if (name != null && !name.isNull()) {
            if (!name.isString() || name.asString().isBlank() || name.asString().length() > MAX_FRIENDLY_NAME) {
                problems.add(ApiError.atPointer(ErrorCode.BAD_REQUEST, "/friendly_name",
                        "friendly_name must be a non-blank string of at most " + MAX_FRIENDLY_NAME + " characters"));
            } else {
                friendlyName = name.asString();
            }
        } else if (friendlyName == null) {
            problems.add(ApiError.atPointer(ErrorCode.MISSING_PARAMETER, "/friendly_name",
                    "friendly_name is required: the name of the hook"));
        }
        boolean enabled = base.map(CompositionHook::enabled).orElse(true);
        JsonNode flag = root.get("enabled");
        if (flag != null && !flag.isNull()) {
            if (!flag.isBoolean()) {
                problems.add(ApiError.atPointer(ErrorCode.WRONG_TYPE, "/enabled", "enabled must be true or false"));
            } else {
                enabled = flag.asBoolean();
            }
        }
        checkTemplate(account, template, problems);
        return new HookRequest(friendlyName, enabled, template, base.map(CompositionHook::statusCallback).orElse(null),
                base.map(CompositionHook::statusCallbackMethod).orElse(CompositionHook.DEFAULT_CALLBACK_METHOD),
                base.map(CompositionHook::sealedCallbackToken).orElse(null));
    }

    /** 422 with {@code earlier} problems and the template's, when there are any. */
    private void checkTemplate(AccountId account, ObjectNode template, List<ApiError> earlier) {
        List<ApiError> all = new ArrayList<>(earlier);
        try {
            compositions.checkTemplate(account, new JsonBody(template));
        } catch (ApiException e) {
            all.addAll(e.errors());
        }
        if (!all.isEmpty()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, all);
        }
    }
}
