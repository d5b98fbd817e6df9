package dev.montage.rooms;

import java.util.UUID;

import dev.montage.api.AccountId;

/** Published inside the transaction that ended a session, once per session. */
public record RoomSessionEnded(AccountId account, UUID sessionId) {
}
