package dev.lbguard.source.terraform.eval;

/** A declaration of a module that one value may read: what reuse compares (see {@link Reuse}). */
record Dep(Kind kind, String name) {
    enum Kind { VARIABLE, LOCAL, OUTPUT, RESOURCE, DATA, MODULE }
}
