package dev.lbguard.source.hcl;

import java.util.List;

/**
 * The content of a file or of a block: attributes and nested blocks in file order.
 */
public record Body(List<Attribute> attributes, List<Block> blocks, Range range) implements Node {
    public Body {
        attributes = List.copyOf(attributes);
        blocks = List.copyOf(blocks);
    }

    public java.util.Optional<Attribute> attribute(String name) {
        return attributes.stream().filter(a -> a.name().equals(name)).findFirst();
    }

    public List<Block> blocks(String type) {
        return blocks.stream().filter(b -> b.type().equals(type)).toList();
    }
}
