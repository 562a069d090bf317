/**
 * Which reader reads a directory: Terraform, Ansible or HAProxy, found by the files it holds, and the snapshot of
 * several roots read together. It sits above the readers so that they, which share {@code dev.lbguard.source}'s
 * trees, never depend on the package that chooses among them. May import every {@code dev.lbguard.source}
 * package and the model.
 */
package dev.lbguard.source.dispatch;
