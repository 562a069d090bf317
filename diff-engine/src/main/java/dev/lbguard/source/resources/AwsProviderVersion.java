package dev.lbguard.source.resources;

/**
 * Whether the AWS provider terraform would install is older than 3.0, and the configuration's words that decide
 * it: the 2.x provider reads a listener rule's condition in another syntax ({@code field}, {@code values}).
 */
public record AwsProviderVersion(boolean before3, String because) {
    /** What a root module that says nothing of the provider's version gets: the newest provider. */
    public static final AwsProviderVersion UNSAID = new AwsProviderVersion(false,
            "the root module sets no version for the aws provider, so terraform installs the newest");
}
