package dev.montage.hooks;

import java.time.Instant;
import java.util.UUID;

import dev.montage.compositions.Composition;

/**
 * Told what became of a hook's firing, in the transaction that decided it, so what it records (the Twilio status
 * callbacks) commits exactly when the firing does. An interface here, implemented by the Twilio protocol, because
 * that protocol already depends on the hooks.
 */
public interface HookOutcomeListener {

    /** The hook made {@code composition} for the session it was fired for. */
    void made(CompositionHook hook, Composition composition);

    /** The hook could make no composition for the room session {@code sessionId}, for {@code reason}. */
    void couldNotMake(CompositionHook hook, UUID sessionId, String reason, Instant at);
}
