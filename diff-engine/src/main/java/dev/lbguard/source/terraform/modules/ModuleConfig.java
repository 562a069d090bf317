package dev.lbguard.source.terraform.modules;

import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declarations of one module directory, keyed as references name them, in file order.
 *
 * @param dir the module directory, relative to the tree root ({@code ""} for the root)
 * @param resources managed resources keyed {@code TYPE.NAME}
 * @param dataSources data resources keyed {@code TYPE.NAME}
 * @param hasFiles false when the directory holds no readable Terraform file
 */
public record ModuleConfig(String dir, Map<String, Block> variables, Map<String, Attribute> locals,
                    Map<String, Block> outputs, Map<String, Block> resources, Map<String, Block> dataSources,
                    Map<String, Block> moduleCalls, List<Block> moved, boolean hasFiles) {
    public ModuleConfig {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        locals = Collections.unmodifiableMap(new LinkedHashMap<>(locals));
        outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        resources = Collections.unmodifiableMap(new LinkedHashMap<>(resources));
        dataSources = Collections.unmodifiableMap(new LinkedHashMap<>(dataSources));
        moduleCalls = Collections.unmodifiableMap(new LinkedHashMap<>(moduleCalls));
        moved = List.copyOf(moved);
    }
}
