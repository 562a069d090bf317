/**
 * Risk policy: the rule interface and catalog, findings, and the review that runs both diffs and every
 * rule and scores the risk. Sees the model, the diffs and the route evaluator; never a source or JGit.
 */
package dev.lbguard.policy;
