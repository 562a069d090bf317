package dev.lbguard.source.terraform.eval;

import java.util.List;
import java.util.Set;

/** A value and the errors it met. */
record Traced<T>(T value, Set<List<Object>> errors) {
}
