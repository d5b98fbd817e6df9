package dev.montage.layout;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The order in which regions are planned: a region that names others in {@code exclude_shown_in} or
 * {@code expand_into} reads their finished plans, so it comes after them.
 *
 * <p>The order is the request order wherever the references allow it (a stable topological sort:
 * each step takes the first region in request order whose references are all planned), so a request
 * without references plans exactly in request order, as before these extensions.
 *
 * <pre>{@code
 * // request order strip, main; strip excludes those shown in main
 * planningOrder({strip=[main], main=[]})   == [main, strip]
 * cycle({a=[b], b=[a]})                    == Optional[[a, b, a]]
 * }</pre>
 */
public final class RegionOrder {

    private RegionOrder() {
    }

    /**
     * The region names in planning order.
     *
     * @param dependsOn per region in request order, the regions it names
     * @throws IllegalArgumentException when a region names one that does not exist, or the references form a cycle
     */
    public static List<String> planningOrder(Map<String, Set<String>> dependsOn) {
        for (Map.Entry<String, Set<String>> entry : dependsOn.entrySet()) {
            for (String named : entry.getValue()) {
                if (!dependsOn.containsKey(named)) {
                    throw new IllegalArgumentException("region " + entry.getKey() + " names region '" + named
                            + "', which the request does not have");
                }
            }
        }
        cycle(dependsOn).ifPresent(cycle -> {
            throw new IllegalArgumentException("regions must not name each other in a cycle: " + String.join(" -> ", cycle));
        });
        List<String> order = new ArrayList<>();
        Set<String> planned = new LinkedHashSet<>();
        while (order.size() < dependsOn.size()) {
            for (Map.Entry<String, Set<String>> entry : dependsOn.entrySet()) {
                if (!planned.contains(entry.getKey()) && planned.containsAll(entry.getValue())) {
                    planned.add(entry.getKey());
                    order.add(entry.getKey());
                    break;
                }
            }
        }
        return List.copyOf(order);
    }

    /**
     * A cycle of references, starting and ending with the same region, or empty when there is none.
     * References to regions missing from the map are ignored here.
     */
    public static Optional<List<String>> cycle(Map<String, Set<String>> dependsOn) {
        Map<String, Boolean> done = new LinkedHashMap<>();
        for (String start : dependsOn.keySet()) {
            List<String> path = new ArrayList<>();
            Optional<List<String>> found = visit(start, dependsOn, done, path);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Depth-first search; {@code done} holds regions fully explored (true) or on the current path (false). */
    private static Optional<List<String>> visit(String region, Map<String, Set<String>> dependsOn,
            Map<String, Boolean> done, List<String> path) {
        Boolean state = done.get(region);
        if (Boolean.TRUE.equals(state)) {
            return Optional.empty();
        }
        if (Boolean.FALSE.equals(state)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(region), path.size()));
            cycle.add(region);
            return Optional.of(List.copyOf(cycle));
        }
        done.put(region, false);
        path.add(region);
        for (String named : dependsOn.getOrDefault(region, Set.of())) {
            if (dependsOn.containsKey(named)) {
                Optional<List<String>> found = visit(named, dependsOn, done, path);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        path.remove(path.size() - 1);
        done.put(region, true);
        return Optional.empty();
    }
}
