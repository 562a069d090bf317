/**
 * Reads HAProxy configuration files ({@code haproxy.cfg}) into the routing model: frontends and listens become
 * listeners with HAProxy rule semantics, backends become target groups, servers their targets.
 */
package dev.lbguard.source.haproxy;
