package dev.montage.twilio;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
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
import dev.montage.api.PublicBaseUrl;
import dev.montage.hooks.CompositionHook;
import dev.montage.hooks.CompositionHookService;
import dev.montage.hooks.CompositionHookService.HookRequest;
import dev.montage.twilio.CompositionForm.Callback;
import dev.montage.webhooks.CallbackTokens;
import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /v1/CompositionHooks}: Twilio's composition hooks over the store of {@code /v2/room_composition_hooks}, so
 * a hook is one resource under both APIs. Create and update take Twilio's form; an update replaces the composition
 * parameters when {@code VideoLayout} or {@code AudioSources} is sent, and keeps them otherwise.
 */
@RestController
@RequestMapping("/v1/CompositionHooks")
class TwilioCompositionHookController {

    private static final Set<String> BOOLEANS = Set.of("true", "false");
    private static final Set<String> COMPOSITION_PARAMETERS = Set.of("VideoLayout", "AudioSources",
            "AudioSourcesExcluded", "Resolution", "Format", "Trim");

    private final CompositionHookService hooks;
    private final PublicBaseUrl baseUrl;
    private final JsonMapper json;
    private final CallbackTokens tokens;

    TwilioCompositionHookController(CompositionHookService hooks, PublicBaseUrl baseUrl, JsonMapper json,
            CallbackTokens tokens) {
        this.hooks = hooks;
        this.baseUrl = baseUrl;
        this.json = json;
        this.tokens = tokens;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    TwilioCompositionHook create(AccountId account, @RequestParam MultiValueMap<String, String> form,
            HttpServletRequest request) {
        String name = friendlyName(form);
        boolean enabled = enabled(form).orElse(true);
        ObjectNode template = CompositionForm.template(form, json);
        // checked as a composition's: the hook's compositions send their callbacks there
        String callback = CompositionForm.statusCallback(form).map(Callback::url).orElse(null);
        String method = Optional.ofNullable(CompositionForm.single(form, "StatusCallbackMethod"))
                .orElse(CompositionHook.DEFAULT_CALLBACK_METHOD);
        String sealed = callback == null ? null : sealedKey(request);
        return view(hooks.create(account, new HookRequest(name, enabled, template, callback, method, sealed)));
    }

    @GetMapping
    Map<String, Object> list(AccountId account, HttpServletRequest request,
            @RequestParam(name = "Enabled", required = false) String enabled,
            @RequestParam(name = "FriendlyName", required = false) String friendlyName) {
        if (enabled != null && !BOOLEANS.contains(enabled)) {
            throw TwilioException.badParameter("Enabled", "must be true or false, not '" + enabled + "'");
        }
        TwilioPage page = TwilioPage.of(request);
        var rows = hooks.list(account, Optional.ofNullable(enabled).map(Boolean::parseBoolean),
                Optional.ofNullable(friendlyName), page.request()).map(this::view);
        return page.answer("composition_hooks", rows, baseUrl.forCurrentRequest(), request);
    }

    @GetMapping("/{sid}")
    TwilioCompositionHook get(AccountId account, @PathVariable String sid, HttpServletRequest request) {
        return view(find(account, sid, request));
    }

    @PostMapping("/{sid}")
    TwilioCompositionHook update(AccountId account, @PathVariable String sid,
            @RequestParam MultiValueMap<String, String> form, HttpServletRequest request) {
        CompositionHook hook = find(account, sid, request);
        String name = friendlyName(form);
        boolean enabled = enabled(form).orElse(hook.enabled());
        ObjectNode template = form.keySet().stream().anyMatch(COMPOSITION_PARAMETERS::contains)
                ? CompositionForm.template(form, json) : hooks.template(hook);
        Optional<Callback> sent = CompositionForm.statusCallback(form);
        boolean callbackSent = form.containsKey("StatusCallback"); // an empty one removes the callback
        String callback = callbackSent ? sent.map(Callback::url).orElse(null) : hook.statusCallback();
        String method = Optional.ofNullable(CompositionForm.single(form, "StatusCallbackMethod"))
                .orElse(hook.statusCallbackMethod());
        // a StatusCallback sent now is signed with the key sending it; otherwise the callbacks keep their key
        String sealed = callback == null ? null : callbackSent ? sealedKey(request) : hook.sealedCallbackToken();
        return view(hooks.update(account, hook, new HookRequest(name, enabled, template, callback, method, sealed)));
    }

    @DeleteMapping("/{sid}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(AccountId account, @PathVariable String sid, HttpServletRequest request) {
        hooks.delete(account, find(account, sid, request).id());
    }

    /**
     * The API key of this request, sealed: the token the hook's status callbacks are signed with, as for a
     * composition created under /v1. Sealed before the service's transaction: the first seal may create the
     * installation's key ({@link CallbackTokens}).
     */
    private String sealedKey(HttpServletRequest request) {
        return tokens.seal(((TwilioCredentials) new BasicCredentialsConverter().convert(request)).password());
    }

    /** Required on create and on update, as Twilio's. */
    private static String friendlyName(MultiValueMap<String, String> form) {
        String name = CompositionForm.single(form, "FriendlyName");
        if (name == null || name.isBlank()) {
            throw TwilioException.badParameter("FriendlyName", "is required: the name of the hook");
        }
        if (name.length() > CompositionHookService.MAX_FRIENDLY_NAME) {
            throw TwilioException.badParameter("FriendlyName", "is longer than "
                    + CompositionHookService.MAX_FRIENDLY_NAME + " characters");
        }
        return name;
    }

    private static Optional<Boolean> enabled(MultiValueMap<String, String> form) {
        String raw = CompositionForm.single(form, "Enabled");
        if (raw != null && !BOOLEANS.contains(raw)) {
            throw TwilioException.badParameter("Enabled", "must be true or false, not '" + raw + "'");
        }
        return Optional.ofNullable(raw).map(Boolean::parseBoolean);
    }

    /** A malformed SID names nothing, as an unknown or another account's one: 404. */
    private CompositionHook find(AccountId account, String sid, HttpServletRequest request) {
        UUID id = TwilioSid.HOOK.parse(sid).orElseThrow(() -> TwilioException.notFound(request.getRequestURI()));
        try {
            return hooks.get(account, id);
        } catch (ApiException e) {
            throw TwilioException.notFound(request.getRequestURI());
        }
    }

    private TwilioCompositionHook view(CompositionHook hook) {
        return TwilioCompositionHook.of(hook, hooks.template(hook), baseUrl.forCurrentRequest());
    }
}
