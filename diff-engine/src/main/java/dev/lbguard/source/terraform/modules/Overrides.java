package dev.lbguard.source.terraform.modules;

import dev.lbguard.source.hcl.Attribute;
import dev.lbguard.source.hcl.Block;
import dev.lbguard.source.hcl.Body;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Terraform's merge of {@code override.tf} and {@code *_override.tf} blocks into the blocks they override: an
 * argument replaces the argument of the same name, and nested blocks of a type replace all nested blocks of
 * that type (a {@code dynamic "x"} block counts as type {@code x}).
 */
public final class Overrides {
    private Overrides() {
    }

    public static Block merge(Block original, Block override) {
        return new Block(original.type(), original.labels(), merge(original.body(), override.body()),
                original.range());
    }

    private static Body merge(Body original, Body override) {
        Set<String> names = new HashSet<>();
        override.attributes().forEach(a -> names.add(a.name()));
        List<Attribute> attributes = new ArrayList<>();
        original.attributes().stream().filter(a -> !names.contains(a.name())).forEach(attributes::add);
        attributes.addAll(override.attributes());

        Set<String> types = new HashSet<>();
        override.blocks().forEach(b -> types.add(blockType(b)));
        List<Block> blocks = new ArrayList<>();
        original.blocks().stream().filter(b -> !types.contains(blockType(b))).forEach(blocks::add);
        blocks.addAll(override.blocks());
        return new Body(attributes, blocks, original.range());
    }

    private static String blockType(Block b) {
        return b.type().equals("dynamic") && !b.labels().isEmpty() ? b.labels().get(0) : b.type();
    }
}
