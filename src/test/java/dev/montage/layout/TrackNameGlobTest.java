package dev.montage.layout;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Twilio's track-name patterns: {@code *} any run, {@code ?} one character, case-sensitive, whole name. */
class TrackNameGlobTest {

    @ParameterizedTest(name = "''{0}'' ~ ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            # pattern      | name          | matches
            screen*        | screen-1      | true
            screen*        | screen        | true
            screen*        | my-screen     | false
            *screen*       | my-screen-2   | true
            *              | ""            | true
            ""             | ""            | true
            ""             | a             | false
            cam-?          | cam-1         | true
            cam-?          | cam-12        | false
            cam-?          | cam-          | false
            ??             | ab            | true
            a*b*c          | aXXbYYc       | true
            a*b*c          | aXXbYYcZ      | false
            a*b            | abab          | true
            *a*a*a*a*a*b   | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa | false
            Screen*        | screen-1      | false
            screen-1       | screen-1      | true
            screen-1       | screen-10     | false
            """)
    void matchesTheWholeName(String pattern, String name, boolean matches) {
        assertThat(TrackNameGlob.matches(pattern, name)).isEqualTo(matches);
    }

    @Test
    void questionMarkIsOneCodePointNotOneCharOfUtf16() {
        assertThat(TrackNameGlob.matches("?-cam", "\uD83C\uDFA5-cam")).isTrue();
    }

    /** No escape, as in Twilio: a literal * in a name is matched by the wildcard, which matches more. */
    @Test
    void wildcardsInANameAreMatchedByTheWildcards() {
        assertThat(TrackNameGlob.matches("a*", "a*")).isTrue();
        assertThat(TrackNameGlob.matches("a*", "ab")).isTrue();
    }
}
