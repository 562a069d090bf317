package dev.lbguard.source.hcl;

/** Every node of the HCL syntax tree knows where it stands in its file. */
public interface Node {
    Range range();
}
