package dev.montage.layout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The layout package is pure (STYLE.md rule 2): it may import only java.* and must not do I/O. */
class LayoutPackagePurityTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "dev", "montage", "layout");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(?:static\\s+)?([\\w.]+)", Pattern.MULTILINE);
    private static final Pattern FORBIDDEN = Pattern.compile("\\b(org\\.springframework|java\\.io|java\\.nio|java\\.sql)\\.");

    @Test
    void layoutSourcesImportOnlyTheJavaStandardLibraryWithoutIo() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(SOURCES)) {
            files = listing.filter(path -> path.toString().endsWith(".java")).sorted().toList();
        }
        assertThat(files).as("layout sources under %s", SOURCES.toAbsolutePath()).isNotEmpty();

        List<String> problems = new ArrayList<>();
        for (Path file : files) {
            String source = Files.readString(file);
            Matcher imports = IMPORT.matcher(source);
            while (imports.find()) {
                String imported = imports.group(1);
                if (!imported.startsWith("java.") || FORBIDDEN.matcher(imported + ".").find()) {
                    problems.add(file.getFileName() + " imports " + imported);
                }
            }
            Matcher qualified = FORBIDDEN.matcher(source);
            while (qualified.find()) {
                problems.add(file.getFileName() + " names " + qualified.group(1));
            }
        }
        assertThat(problems).isEmpty();
    }
}
