/**
 * The {@code aws:REGION} live source: the ELBv2 API read through the AWS SDK for Java v2, read-only, with
 * pagination and throttling retries, mapped to the same model the Terraform sources produce.
 */
package dev.lbguard.source.live.aws;
