/**
 * Invariants of the policy file judged on a snapshot ({@link dev.lbguard.policy.invariant.InvariantCheck}), how
 * much of the route table they exercise ({@link dev.lbguard.policy.invariant.Coverage}), and a starter policy
 * with one invariant per rule ({@link dev.lbguard.policy.invariant.StarterPolicy}).
 */
package dev.lbguard.policy.invariant;
