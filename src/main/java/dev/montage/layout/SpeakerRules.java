package dev.montage.layout;

/**
 * How an active-speaker region follows the conversation (see {@link ActiveSpeaker}).
 *
 * @param minDominanceMillis how long a speaker must hold the floor, without a break, before the region turns to
 *                           them; a shorter sound (a cough, a "yes") never switches. The switch itself is placed at
 *                           the start of that speech: Montage composes after the session and can look ahead.
 * @param minHoldMillis      how long a speaker who took the region by speaking keeps it at least, so the picture
 *                           does not flicker between two people trading short sentences
 *
 * <pre>{@code
 * SpeakerRules.DEFAULT;                   // SpeakerRules[minDominanceMillis=1000, minHoldMillis=2000]
 * new SpeakerRules(500, SpeakerRules.DEFAULT.minHoldMillis());
 * }</pre>
 */
public record SpeakerRules(long minDominanceMillis, long minHoldMillis) {

    /** The documented defaults: one second to take the region, two seconds held at least. */
    public static final SpeakerRules DEFAULT = new SpeakerRules(1000, 2000);

    public SpeakerRules {
        if (minDominanceMillis < 0 || minHoldMillis < 0) {
            throw new IllegalArgumentException("min_dominance_ms and min_hold_ms must not be negative, were "
                    + minDominanceMillis + " and " + minHoldMillis);
        }
    }
}
