package dev.montage.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.montage.support.RawHttp;
import dev.montage.support.ApiClient.Response;

/**
 * One read of {@code /actuator/prometheus}, parsed from the text format: samples by name and labels.
 *
 * <pre>{@code
 * Scrape.of(port).value("montage_compositions_ended_total", "status", "completed")
 * }</pre>
 */
record Scrape(String text, List<Sample> samples) {

    private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    record Sample(String name, Map<String, String> labels, double value) {
    }

    static Scrape of(int port) {
        // generous: the first scrape of a context builds every meter, on a machine other tests keep busy
        Response response = RawHttp.to(port).timeoutMillis(60_000).send("GET", "/actuator/prometheus");
        if (response.status() != 200) {
            throw new AssertionError("scrape answered " + response);
        }
        List<Sample> samples = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            Matcher m = LINE.matcher(line.strip());
            if (line.startsWith("#") || !m.matches()) {
                continue;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (m.group(2) != null) {
                Matcher label = LABEL.matcher(m.group(2));
                while (label.find()) {
                    labels.put(label.group(1), label.group(2));
                }
            }
            samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
        }
        return new Scrape(response.body(), samples);
    }

    /** The samples named {@code name} whose labels include {@code labelPairs} (name, value, name, value ...). */
    List<Sample> find(String name, String... labelPairs) {
        return samples.stream().filter(s -> s.name().equals(name) && has(s, labelPairs)).toList();
    }

    /** The one sample named so, 0 when there is none yet (a counter not yet incremented). */
    double value(String name, String... labelPairs) {
        List<Sample> found = find(name, labelPairs);
        if (found.size() > 1) {
            throw new AssertionError(found.size() + " samples match " + name + " " + List.of(labelPairs) + ": " + found);
        }
        return found.isEmpty() ? 0 : found.get(0).value();
    }

    private static boolean has(Sample sample, String... labelPairs) {
        for (int i = 0; i < labelPairs.length; i += 2) {
            if (!labelPairs[i + 1].equals(sample.labels().get(labelPairs[i]))) {
                return false;
            }
        }
        return true;
    }
}
