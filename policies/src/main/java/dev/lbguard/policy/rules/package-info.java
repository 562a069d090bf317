/**
 * The built-in risk rules, one final class each, named after the risk. Each documents its id, severity and
 * why, and has a page under {@code docs/rules/}.
 */
package dev.lbguard.policy.rules;
