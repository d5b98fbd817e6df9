package dev.montage.hooks;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.montage.api.AccountId;
import dev.montage.api.DataResponse;
import dev.montage.api.Ids;
import dev.montage.api.JsonBody;
import dev.montage.api.ListResponse;
import dev.montage.api.PageRequest;
import dev.montage.api.QueryParams;
import dev.montage.api.Timestamps;
import tools.jackson.databind.node.ObjectNode;

/** {@code /v2/room_composition_hooks} (extension): compositions that start themselves when a session ends. */
@RestController
@RequestMapping("/v2/room_composition_hooks")
class CompositionHookController {

    private static final String RESOURCE = "Room composition hook";

    private final CompositionHookService hooks;

    CompositionHookController(CompositionHookService hooks) {
        this.hooks = hooks;
    }

    @GetMapping
    ListResponse<ObjectNode> list(AccountId account, QueryParams query) {
        Optional<Boolean> enabled = query.bool("filter[enabled]");
        Optional<String> friendlyName = query.string("filter[friendly_name]");
        PageRequest page = query.page();
        query.throwIfInvalid();
        return hooks.list(account, enabled, friendlyName, page).map(this::view);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    DataResponse<ObjectNode> create(AccountId account, JsonBody body) {
        return new DataResponse<>(view(hooks.create(account, body)));
    }

    @GetMapping("/{hookId}")
    DataResponse<ObjectNode> get(AccountId account, @PathVariable String hookId) {
        return new DataResponse<>(view(hooks.get(account, Ids.parse(hookId, RESOURCE))));
    }

    @PatchMapping("/{hookId}")
    DataResponse<ObjectNode> update(AccountId account, @PathVariable String hookId, JsonBody body) {
        return new DataResponse<>(view(hooks.update(account, Ids.parse(hookId, RESOURCE), body)));
    }

    @DeleteMapping("/{hookId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(AccountId account, @PathVariable String hookId) {
        hooks.delete(account, Ids.parse(hookId, RESOURCE));
    }

    /** The hook's own fields, then its composition template as it was given (defaults are filled in when it fires). */
    private ObjectNode view(CompositionHook hook) {
        ObjectNode view = hooks.template(hook);
        ObjectNode answer = view.objectNode();
        answer.put("id", hook.id().toString());
        answer.put("record_type", "composition_hook");
        answer.put("friendly_name", hook.friendlyName());
        answer.put("enabled", hook.enabled());
        answer.setAll(view);
        answer.put("created_at", Timestamps.format(hook.createdAt()));
        answer.put("updated_at", Timestamps.format(hook.updatedAt()));
        return answer;
    }
}
