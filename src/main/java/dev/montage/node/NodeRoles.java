package dev.montage.node;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The roles of this node, from {@code montage.roles}: {@code api}, {@code worker} or both ({@code api,worker},
 * the default). Every node delivers webhooks whatever its roles (docs/deployment.md says why).
 *
 * @param roles never empty
 */
public record NodeRoles(Set<NodeRole> roles) {

    public static final String SETTING = "montage.roles";

    public NodeRoles {
        if (roles.isEmpty()) {
            throw new InvalidRolesException(SETTING + " is empty: a node needs at least one role");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
    }

    /** Parses a comma-separated list such as {@code "api, worker"}; an unknown or missing role is refused. */
    public static NodeRoles parse(String setting) {
        List<String> unknown = new ArrayList<>();
        Set<NodeRole> roles = EnumSet.noneOf(NodeRole.class);
        for (String name : setting.split(",")) {
            String trimmed = name.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            Optional<NodeRole> role = NodeRole.named(trimmed);
            role.ifPresentOrElse(roles::add, () -> unknown.add(trimmed));
        }
        if (!unknown.isEmpty()) {
            throw new InvalidRolesException(SETTING + "=" + setting + ": unknown role " + String.join(", ", unknown));
        }
        if (roles.isEmpty()) {
            throw new InvalidRolesException(
                    SETTING + " is empty (\"" + setting + "\"): a node needs at least one role");
        }
        return new NodeRoles(roles);
    }

    public boolean api() {
        return roles.contains(NodeRole.API);
    }

    public boolean worker() {
        return roles.contains(NodeRole.WORKER);
    }

    @Override
    public String toString() {
        return String.join(",", roles.stream().sorted().map(NodeRole::wireName).toList());
    }
}
