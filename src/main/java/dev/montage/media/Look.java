package dev.montage.media;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How a composition looks beyond its layout: the colour behind and between the pictures, and which regions draw
 * name labels with which text (issue 11, "Labels and look").
 *
 * <p>The {@link dev.montage.layout.CompositionPlan plan} decides where and when each picture shows; the look only
 * paints: it never moves a picture. {@code labelledRegions} names the regions (by their plan name) whose cells show
 * their participant's label; {@code participantLabels} gives a participant's label by participant id. A participant
 * without one has no label drawn.
 *
 * <pre>{@code
 * new Look(Colour.parse("#202830").orElseThrow(), Set.of("main"), Map.of("9b1c…", "Alice Martin"));
 * }</pre>
 */
public record Look(Colour background, Set<String> labelledRegions, Map<String, String> participantLabels) {

    /** What a plain Telnyx request gets: black, and no labels. */
    public static final Look PLAIN = new Look(Colour.BLACK, Set.of(), Map.of());

    public Look {
        Objects.requireNonNull(background, "background must not be null (Colour.BLACK is the default)");
        labelledRegions = Set.copyOf(labelledRegions);
        participantLabels = Map.copyOf(participantLabels);
    }

    /** The label of a participant, when that participant has one. */
    public Optional<String> labelOf(String participantId) {
        return Optional.ofNullable(participantLabels.get(participantId));
    }
}
