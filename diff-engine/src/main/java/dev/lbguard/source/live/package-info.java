/**
 * Sources of the live side of drift: Terraform state, show and plan JSON, the AWS ELBv2 API and the HAProxy
 * Runtime API. Each produces the same {@link dev.lbguard.model.RoutingSnapshot} as the configuration sources.
 */
package dev.lbguard.source.live;
