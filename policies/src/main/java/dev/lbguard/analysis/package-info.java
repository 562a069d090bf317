/**
 * Routing over a window of git history, shared by {@code timeline} and {@code rollback}: snapshots built only
 * where load-balancer definitions changed, each commit reviewed, one request followed through.
 */
package dev.lbguard.analysis;
