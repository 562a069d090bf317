/**
 * The Ansible source: an Ansible tree at a revision (playbooks, roles, inventory, {@code group_vars},
 * {@code host_vars}) run on paper with Ansible's variable precedence and Jinja (Jinjava), and the
 * load-balancer tasks it leaves (the AWS ELB modules, templated or copied HAProxy configurations,
 * {@code community.general.haproxy} changes) turned into a {@code RoutingSnapshot}. What is only known when
 * the play runs (lookups, facts, registered results, undefined variables) becomes an error diagnostic with
 * its file and line, never an empty string. Entry point: {@link dev.lbguard.source.ansible.AnsibleSource}.
 */
package dev.lbguard.source.ansible;
