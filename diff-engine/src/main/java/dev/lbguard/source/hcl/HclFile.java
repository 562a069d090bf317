package dev.lbguard.source.hcl;

/** A parsed HCL file (native syntax). */
public record HclFile(String path, Body body) {
}
