/**
 * Traffic sources: load-balancer request logs (ALB access logs, HAProxy HTTP logs, JSON lines) read into the
 * distinct requests routing decides, each with how often it was logged.
 */
package dev.lbguard.source.traffic;
