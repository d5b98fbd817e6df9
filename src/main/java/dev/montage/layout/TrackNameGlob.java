package dev.montage.layout;

/**
 * Twilio's track-name patterns: {@code *} matches any run of characters (none too), {@code ?} exactly one, every
 * other character itself, case-sensitively. There is no escape: as in Twilio, a track name that holds {@code *}
 * or {@code ?} is matched by a pattern that holds them as wildcards, which matches it too.
 *
 * <pre>{@code
 * TrackNameGlob.matches("screen*", "screen-1");   // true
 * TrackNameGlob.matches("cam-?", "cam-12");       // false: ? is one character
 * TrackNameGlob.matches("Screen*", "screen-1");   // false: case counts
 * }</pre>
 */
public final class TrackNameGlob {

    private TrackNameGlob() {
    }

    /**
     * True when {@code pattern} matches the whole of {@code name}. Counts characters as code points, so {@code ?}
     * matches one emoji. Greedy with one backtracking point (the last {@code *}): at most pattern length times name
     * length steps, never exponential, whatever the pattern.
     */
    public static boolean matches(String pattern, String name) {
        int[] p = pattern.codePoints().toArray();
        int[] n = name.codePoints().toArray();
        int pi = 0;
        int ni = 0;
        int star = -1;
        int starMatchedUpTo = 0;
        while (ni < n.length) {
            if (pi < p.length && (p[pi] == '?' || (p[pi] != '*' && p[pi] == n[ni]))) {
                pi++;
                ni++;
            } else if (pi < p.length && p[pi] == '*') {
                star = pi++;
                starMatchedUpTo = ni;
            } else if (star >= 0) {
                // the last * takes one more character and the rest of the pattern tries again after it
                pi = star + 1;
                ni = ++starMatchedUpTo;
            } else {
                return false;
            }
        }
        while (pi < p.length && p[pi] == '*') {
            pi++;
        }
        return pi == p.length;
    }
}
