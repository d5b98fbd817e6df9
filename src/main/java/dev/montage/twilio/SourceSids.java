package dev.montage.twilio;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import dev.montage.api.Ids;

/**
 * A composition's sources in both directions. Twilio names sources by track name or glob ({@code "student*"}, kept
 * as they are: Montage reads them the same way); Montage also takes recording and participant ids, which under
 * {@code /v1} are {@code RT…} and {@code PA…} SIDs.
 */
final class SourceSids {

    private SourceSids() {
    }

    /** A Twilio source as the /v2 body names it; a malformed RT or PA SID is a 400 at {@code parameter}. */
    static String toMontage(String source, String parameter) {
        for (TwilioSid kind : List.of(TwilioSid.RECORDING, TwilioSid.PARTICIPANT)) {
            if (kind.looksLike(source)) {
                return kind.parse(source).map(UUID::toString).orElseThrow(() -> TwilioException.badParameter(
                        parameter, "'" + source + "' is not a " + kind.prefix() + " SID: " + kind.prefix()
                                + " and 32 lower-case hex digits"));
            }
        }
        return source;
    }

    /**
     * Stored sources as Twilio names them: the ids of recordings as RT SIDs, of participants as PA SIDs, the rest
     * (track names, globs, {@code "*"}) as they are. The session's recording ids are read only when an id is there.
     */
    static List<String> toTwilio(List<String> sources, Supplier<Set<UUID>> recordingIds) {
        if (sources.stream().allMatch(source -> uuid(source).isEmpty())) {
            return sources;
        }
        Set<UUID> recordings = recordingIds.get();
        return sources.stream().map(source -> uuid(source)
                .map(id -> (recordings.contains(id) ? TwilioSid.RECORDING : TwilioSid.PARTICIPANT).of(id))
                .orElse(source)).collect(Collectors.toList());
    }

    private static Optional<UUID> uuid(String source) {
        try {
            return Optional.of(Ids.uuid(source));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
