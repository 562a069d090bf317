package dev.lbguard.source.hcl;

import java.util.List;

/** {@code type "label" label2 { body }}; labels are given unquoted. */
public record Block(String type, List<String> labels, Body body, Range range) implements Node {
    public Block {
        labels = List.copyOf(labels);
    }
}
