package dev.montage.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** SIDs name UUIDs one-to-one: every UUID has one SID of each kind, and every SID that parses is that one. */
class TwilioSidTest {

    @Test
    void aSidIsThePrefixAndTheUuidWithoutDashes() {
        UUID id = UUID.fromString("3f2a1c4e-0b5d-4e6f-8a7b-9c0d1e2f3a4b");
        assertThat(TwilioSid.COMPOSITION.of(id)).isEqualTo("CJ3f2a1c4e0b5d4e6f8a7b9c0d1e2f3a4b");
        assertThat(TwilioSid.ROOM.of(id)).isEqualTo("RM3f2a1c4e0b5d4e6f8a7b9c0d1e2f3a4b");
        assertThat(TwilioSid.COMPOSITION.parse("CJ3f2a1c4e0b5d4e6f8a7b9c0d1e2f3a4b")).contains(id);
    }

    @Test
    void everyUuidRoundTripsThroughItsSidOfEveryKind() {
        qt().forAll(longs().all(), longs().all()).checkAssert((high, low) -> {
            UUID id = new UUID(high, low);
            for (TwilioSid kind : TwilioSid.values()) {
                String sid = kind.of(id);
                assertThat(sid).matches(kind.prefix() + "[0-9a-f]{32}");
                assertThat(kind.parse(sid)).contains(id);
            }
        });
    }

    @Test
    void everyStringThatParsesIsTheSidOfWhatItParsesTo() {
        // 32 characters of lower-case hex with now and then an upper-case F, which no SID of ours has
        String alphabet = "0123456789abcdefF";
        qt().forAll(lists().of(integers().between(0, alphabet.length() - 1)).ofSize(32)).checkAssert(picks -> {
            StringBuilder candidate = new StringBuilder("CJ");
            picks.forEach(i -> candidate.append(alphabet.charAt(i)));
            boolean wellFormed = candidate.indexOf("F") < 0;
            assertThat(TwilioSid.COMPOSITION.parse(candidate.toString())).as(candidate.toString()).matches(
                    parsed -> parsed.isPresent() == wellFormed);
            TwilioSid.COMPOSITION.parse(candidate.toString())
                    .ifPresent(id -> assertThat(TwilioSid.COMPOSITION.of(id)).isEqualTo(candidate.toString()));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "CJ", "CJ3f2a1c4e0b5d4e6f8a7b9c0d1e2f3a4", "CJ3f2a1c4e0b5d4e6f8a7b9c0d1e2f3a4b0",
            "CJ3F2A1C4E0B5D4E6F8A7B9C0D1E2F3A4B", "RM3f2a1c4e0b5d4e6f8a7b9c0d1e2f3a4b",
            "cj3f2a1c4e0b5d4e6f8a7b9c0d1e2f3a4b", "CJ3f2a1c4e-0b5d-4e6f-8a7b-9c0d1e2f3a", "CJ3g2a1c4e0b5d4e6f8a7b9c0d1e2f3a4b",
            "3f2a1c4e-0b5d-4e6f-8a7b-9c0d1e2f3a4b"})
    void malformedOrOtherKindsNameNothing(String sid) {
        assertThat(TwilioSid.COMPOSITION.parse(sid)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(TwilioSid.class)
    void prefixesAreTwilios(TwilioSid kind) {
        assertThat(kind.prefix()).isIn("AC", "SK", "CJ", "RM", "RT", "PA", "HK");
        assertThat(kind.parse(null)).isEmpty();
    }
}
