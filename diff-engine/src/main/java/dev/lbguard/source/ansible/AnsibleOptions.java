package dev.lbguard.source.ansible;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How to read an Ansible tree.
 *
 * @param group the inventory group whose {@code group_vars} apply ({@code --ansible-group}); empty: the
 *              groups of each play's {@code hosts}
 * @param extraVars {@code --extra-vars key=value}, the highest precedence
 * @param playbook the playbook to read, relative to the tree's directory; empty: every playbook there
 */
public record AnsibleOptions(Optional<String> group, Map<String, String> extraVars, Optional<String> playbook) {
    public AnsibleOptions {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(playbook, "playbook");
        extraVars = Collections.unmodifiableSortedMap(new TreeMap<>(extraVars));
    }

    /** No group, no extra variables, every playbook. */
    public static AnsibleOptions defaults() {
        return new AnsibleOptions(Optional.empty(), Map.of(), Optional.empty());
    }

    public AnsibleOptions withGroup(String name) {
        return new AnsibleOptions(Optional.of(name), extraVars, playbook);
    }

    public AnsibleOptions withPlaybook(String path) {
        return new AnsibleOptions(group, extraVars, Optional.of(path));
    }

    public AnsibleOptions withExtraVars(Map<String, String> vars) {
        return new AnsibleOptions(group, vars, playbook);
    }
}
