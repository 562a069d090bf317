/**
 * The two diffs of two routing snapshots: {@link dev.lbguard.diff.ResourceDiff} (element by element,
 * attribute by attribute) and {@link dev.lbguard.diff.RouteDiff} (which requests reach a different
 * destination). Uses the model and the route evaluator; never a source.
 */
package dev.lbguard.diff;
