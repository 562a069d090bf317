/**
 * Terraform's values as cty has them (strings, numbers, booleans, lists, sets, maps, objects, tuples, null and
 * unknowns known only after apply), their JSON form, set order, conversions and type constraints. It owns what a
 * value is and how one converts to another, nothing about where values come from: the Terraform evaluator
 * ({@code source.terraform}) and the live sources ({@code source.live}, which read values from state and plan
 * JSON) both build them without depending on each other. It may import only the JDK, Jackson and
 * {@code source.hcl} (for the limit on a number literal's digits); never {@code source.terraform}, {@code live}
 * or {@code resources}.
 */
package dev.lbguard.source.value;
