package dev.lbguard.source.ansible;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The hosts a play runs on, as the inventory knows them: their groups, the single host when there is one, and the
 * variables the inventory, {@code group_vars} and {@code host_vars} give them.
 */
final class PlayHosts {
    private final AnsibleFiles files;
    private final Inventory inventory;
    private final AnsibleOptions options;
    private final String dir;

    PlayHosts(AnsibleFiles files, Inventory inventory, AnsibleOptions options, String dir) {
        this.files = files;
        this.inventory = inventory;
        this.options = options;
        this.dir = dir;
    }

    /** The groups whose variables apply: the chosen group, or the play's hosts' groups, with their parents. */
    List<String> groupsFor(String hosts) {
        Set<String> out = new LinkedHashSet<>();
        if (options.group().isPresent()) {
            out.addAll(inventory.withAncestors(options.group().get()));
            return new ArrayList<>(out);
        }
        for (String pattern : hosts.split("[:,]")) {
            String h = pattern.strip();
            if (inventory.isGroup(h) && !h.equals("all")) {
                out.addAll(inventory.withAncestors(h));
            } else if (inventory.isHost(h)) {
                inventory.groupsOf(h).forEach(g -> out.addAll(inventory.withAncestors(g)));
            }
        }
        return new ArrayList<>(out);
    }

    /** The one host the play runs on, when there is exactly one, since host_vars are per host. */
    Optional<String> singleHost(String hosts) {
        String group = options.group().orElse(hosts);
        if (inventory.isGroup(group)) {
            Set<String> hs = inventory.hostsOf(group);
            return hs.size() == 1 ? Optional.of(hs.iterator().next()) : Optional.empty();
        }
        return inventory.isHost(group) || group.equals("localhost") ? Optional.of(group) : Optional.empty();
    }

    /** {@code scope} with the inventory's, group_vars' and host_vars' variables of the play's hosts. */
    VarScope hostScope(VarScope scope, String hosts, String pbDir) {
        List<String> groups = new ArrayList<>();
        groups.add("all");
        groups.addAll(groupsFor(hosts));
        List<String> varDirs = new ArrayList<>();
        varDirs.add(inventory.dir);
        if (!pbDir.equals(inventory.dir)) {
            varDirs.add(pbDir);
        }
        if (!dir.equals(pbDir) && !dir.equals(inventory.dir)) {
            varDirs.add(1, dir);
        }
        VarScope s = scope;
        for (String g : groups) {
            s = s.with(VarScope.Level.INVENTORY_GROUP, inventory.groupVars.getOrDefault(g, Map.of()));
        }
        for (String d : varDirs) {
            for (String g : groups) {
                s = s.with(VarScope.Level.GROUP_VARS, files.namedVars(d, "group_vars", g));
            }
        }
        Optional<String> host = singleHost(hosts);
        if (host.isPresent()) {
            s = s.with(VarScope.Level.INVENTORY_HOST, inventory.hostVars.getOrDefault(host.get(), Map.of()));
            for (String d : varDirs) {
                s = s.with(VarScope.Level.HOST_VARS, files.namedVars(d, "host_vars", host.get()));
            }
        }
        return s;
    }
}
