package dev.montage.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The README's Configuration table cannot drift from the settings that exist: every {@code montage.*} property in
 * the configuration metadata (written by spring-boot-configuration-processor from the settings records, plus
 * {@code additional-spring-configuration-metadata.json}) has a row, and every {@code montage.*} name in the table
 * is a property.
 *
 * <p>The table's first column names one or more settings in backticks. A name starting with a dot is shorthand for
 * a sibling of the name before it: "{@code montage.rate-limits.reads.requests}, {@code .period}, {@code .burst}"
 * names three. Names outside {@code montage.*} (Spring's own, environment variables) are not checked.
 *
 * <p>Settings meant only for tests ({@code montage.jobs.auto-start}) are documented like the others, so that an
 * operator who meets one knows what it does; their record's javadoc starts with "for tests" and their row's text
 * with "*for tests*", which this test checks too.
 */
class SettingsTableTest {

    private static final Path README = Path.of("README.md");
    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final String TEST_ONLY = "for tests";
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    @Test
    void everyMontageSettingHasARowAndEveryRowASetting() throws IOException {
        Map<String, String> settings = montageSettingsInMetadata();
        Map<String, String> rows = montageSettingsInReadme(Files.readString(README));

        Set<String> undocumented = new TreeSet<>(settings.keySet());
        undocumented.removeAll(rows.keySet());
        Set<String> unknown = new TreeSet<>(rows.keySet());
        unknown.removeAll(settings.keySet());

        SoftAssertions.assertSoftly(softly -> {
            softly.assertThat(undocumented).as("settings with no row in the README's Configuration table (add one)")
                    .isEmpty();
            softly.assertThat(unknown).as("README rows naming no setting (remove them, or fix the name)").isEmpty();
        });
    }

    @Test
    void settingsForTestsSayItInTheirRow() throws IOException {
        Map<String, String> rows = montageSettingsInReadme(Files.readString(README));
        List<String> unmarked = new ArrayList<>();
        montageSettingsInMetadata().forEach((name, description) -> {
            if (description.toLowerCase(Locale.ROOT).startsWith(TEST_ONLY) && rows.containsKey(name)
                    && !rows.get(name).startsWith("*" + TEST_ONLY + "*")) {
                unmarked.add(name);
            }
        });
        assertThat(unmarked).as("rows of settings meant for tests that do not start with *for tests*").isEmpty();
    }

    @Test
    void theShorthandOfTheTableNamesSiblings() {
        String table = """
                ## Configuration

                | setting | default | what |
                |---|---|---|
                | `MONTAGE_DB_URL`, `MONTAGE_DB_USER` | H2 | not a montage.* property |
                | `montage.rate-limits.reads.requests`, `.period`, `.burst` | `100`, `1s`, `200` | reads |
                | `server.forward-headers-strategy` | `none` | Spring's own |
                | `montage.jobs.auto-start` | `true` | *for tests*: no jobs |

                ## Benchmarks

                | `montage.not-in-the-section` | | |
                """;
        assertThat(montageSettingsInReadme(table)).containsOnlyKeys("montage.rate-limits.reads.requests",
                "montage.rate-limits.reads.period", "montage.rate-limits.reads.burst", "montage.jobs.auto-start");
        assertThat(montageSettingsInReadme(table).get("montage.jobs.auto-start")).startsWith("*for tests*");
    }

    /** Name → description of every {@code montage.*} property in the metadata on the classpath. */
    private static Map<String, String> montageSettingsInMetadata() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        Map<String, String> settings = new LinkedHashMap<>();
        for (URL url : Collections.list(SettingsTableTest.class.getClassLoader().getResources(METADATA))) {
            try (InputStream in = url.openStream()) {
                for (JsonNode property : json.readTree(in).path("properties")) {
                    String name = property.path("name").asString();
                    if (name.startsWith("montage.")) {
                        settings.put(name, property.path("description").asString(""));
                    }
                }
            }
        }
        // no metadata at all would make every row look unknown, never a setting look undocumented
        assertThat(settings).as("montage.* settings in " + METADATA + " (is the configuration processor on?)")
                .containsKey("montage.data-dir");
        return settings;
    }

    /** Name → the row's last column, for every {@code montage.*} name in the table of the Configuration section. */
    static Map<String, String> montageSettingsInReadme(String readme) {
        Map<String, String> settings = new LinkedHashMap<>();
        boolean inSection = false;
        for (String line : readme.lines().toList()) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## Configuration");
                continue;
            }
            if (!inSection || !line.startsWith("|")) {
                continue;
            }
            String[] cells = line.split("(?<!\\\\)\\|", -1); // "| a | b | c |" → "", a, b, c, ""
            if (cells.length < 4) {
                continue;
            }
            String what = cells[cells.length - 2].strip();
            String previous = null;
            Matcher names = NAME.matcher(cells[1]);
            while (names.find()) {
                String name = names.group(1);
                if (name.startsWith(".") && previous != null) {
                    name = previous.substring(0, previous.lastIndexOf('.')) + name;
                }
                if (name.startsWith("montage.")) {
                    settings.put(name, what);
                }
                previous = name;
            }
        }
        return settings;
    }
}
