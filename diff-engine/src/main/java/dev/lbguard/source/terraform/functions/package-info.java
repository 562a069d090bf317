/**
 * Terraform's built-in function library, by name ({@link dev.lbguard.source.terraform.functions.Functions}):
 * strings, formatting, regular expressions (RE2), collections, sets, numbers, encodings, hashes, networks, types,
 * paths, time (Go's layouts and durations), CSV, YAML, text encodings and UUIDs, each with Terraform's messages.
 * The functions take evaluated values and read nothing else; those that read the configuration's files are bound
 * to the tree by {@code terraform.eval}. It may import only {@code source.value} and libraries; never the
 * evaluator, modules or Terragrunt.
 */
package dev.lbguard.source.terraform.functions;
