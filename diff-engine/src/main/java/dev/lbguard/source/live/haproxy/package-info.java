/**
 * The {@code haproxy:SOCKET} and {@code haproxy:HOST:PORT} live source: backends and servers read over the
 * HAProxy Runtime API, with each server's operational and administrative state and current weight.
 */
package dev.lbguard.source.live.haproxy;
