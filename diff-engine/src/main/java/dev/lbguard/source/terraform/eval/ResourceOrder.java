package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.resources.ResourceInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A root module's resource instances sorted by address, as {@link dev.lbguard.source.resources.TerraformEvaluation}
 * holds them, with the permutation of the last evaluation kept for the next: its instances mostly come in the same
 * addresses in the same order (the addresses of instances taken over are the very same strings), and sorting 4,000
 * of them, interleaved by file, was a twentieth of a commit's walk on a root of 2,000 rules.
 */
final class ResourceOrder {
    private String[] addresses = new String[0];
    private int[] order = new int[0];

    /** {@code resources} sorted by address, stably, as a sort gives them. */
    List<ResourceInstance> sorted(List<ResourceInstance> resources) {
        if (!sameAddresses(resources)) {
            Integer[] byAddress = new Integer[resources.size()];
            Arrays.setAll(byAddress, i -> i);
            Arrays.sort(byAddress, Comparator.comparing(i -> resources.get(i).address()));
            addresses = resources.stream().map(ResourceInstance::address).toArray(String[]::new);
            order = Arrays.stream(byAddress).mapToInt(Integer::intValue).toArray();
        }
        List<ResourceInstance> out = new ArrayList<>(order.length);
        for (int i : order) {
            out.add(resources.get(i));
        }
        return out;
    }

    private boolean sameAddresses(List<ResourceInstance> resources) {
        if (resources.size() != addresses.length) {
            return false;
        }
        for (int i = 0; i < addresses.length; i++) {
            if (!addresses[i].equals(resources.get(i).address())) {
                return false;
            }
        }
        return true;
    }
}
