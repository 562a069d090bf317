/**
 * The provider-neutral routing model: immutable records that every source produces and every diff reads.
 * Imports only the JDK and {@code dev.lbguard.diagnostic}. Collections are unmodifiable and sorted by
 * identity so that two snapshots of the same configuration print byte-identically; nothing is null.
 */
package dev.lbguard.model;
