/**
 * The route evaluator: the single home of the load balancer's routing semantics (rule priority order,
 * AND across conditions, OR within one, wildcards and case rules, default action last), and the checks
 * built directly on them such as unreachable rules.
 */
package dev.lbguard.route;
