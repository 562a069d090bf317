package dev.lbguard.source.live.aws;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.RoutingSnapshot;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.TargetGroup;
import dev.lbguard.source.SourceException;
import dev.lbguard.source.live.LiveSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.services.elasticloadbalancingv2.ElasticLoadBalancingV2Client;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Action;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Certificate;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.DescribeListenerCertificatesResponse;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Listener;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.Rule;
import software.amazon.awssdk.services.elasticloadbalancingv2.model.TargetHealthDescription;

/**
 * Reads the live load balancers of one AWS region through the ELBv2 API ({@code aws:REGION[?endpoint=URL]}).
 *
 * <p>Only read calls are made: DescribeLoadBalancers, DescribeListeners, DescribeListenerCertificates,
 * DescribeRules, DescribeTargetGroups and DescribeTargetHealth, in pages of 400 (the API's maximum) through
 * the SDK paginators. Throttling and transient failures are retried with exponential backoff.
 *
 * <p>Ids are ARNs, so that a state file, which records each resource's ARN, can be matched to them: load
 * balancers, listeners, rules and target groups use their own ARN; a registered target uses
 * {@code <target group ARN>/target/<target id>[:<port>]}. Everything points at the source
 * {@code aws:REGION} (the API has no file or line). A rule's {@code default} priority is not a rule: it is
 * the listener's default action. Credentials come from {@code environment} when it sets
 * {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}, or names {@code AWS_PROFILE} (with optional
 * {@code AWS_SHARED_CREDENTIALS_FILE} / {@code AWS_CONFIG_FILE}); otherwise from the SDK's default chain.
 */
public final class AwsLiveSource implements LiveSource {
    /** The largest page DescribeRules, DescribeListeners, DescribeLoadBalancers and DescribeTargetGroups allow. */
    static final int PAGE_SIZE = 400;

    private final String region;
    private final Optional<URI> endpoint;
    private final Map<String, String> environment;
    private final List<ExecutionInterceptor> interceptors;

    /**
     * @param region the region to read, e.g. {@code eu-west-1}
     * @param endpoint an endpoint to use instead of AWS's (a local emulator, a VPC endpoint)
     * @param environment the process environment, for credentials and profile settings
     */
    public AwsLiveSource(String region, Optional<URI> endpoint, Map<String, String> environment) {
        this(region, endpoint, environment, List.of());
    }

    /** As the public constructor, with SDK interceptors that observe the calls (tests count them). */
    AwsLiveSource(String region, Optional<URI> endpoint, Map<String, String> environment,
                  List<ExecutionInterceptor> interceptors) {
        this.region = Objects.requireNonNull(region, "region");
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.environment = new TreeMap<>(environment);
        this.interceptors = List.copyOf(interceptors);
    }

    @Override
    public String label() {
        return "aws:" + region;
    }

    @Override
    public RoutingSnapshot read() throws SourceException {
        if (region.isBlank()) {
            throw new SourceException("aws: names no region; write aws:REGION, e.g. aws:eu-west-1.");
        }
        if (endpoint.isEmpty() && !Region.regions().contains(Region.of(region))) {
            throw new SourceException(label() + ": unknown AWS region \"" + region
                    + "\"; name a region such as eu-west-1, or add ?endpoint=URL for a private endpoint.");
        }
        AwsCredentialsProvider credentials = credentials();
        try (ElasticLoadBalancingV2Client client = client(credentials)) {
            return readAll(client);
        } catch (SdkException e) {
            throw AwsErrors.translate(label(), endpoint, e);
        } catch (RuntimeException e) {
            // The SDK sometimes wraps a failure it did not classify (a malformed reply): still one sentence.
            throw new SourceException(label() + ": the ELBv2 API answer could not be read (" + e.getMessage()
                    + "); check the endpoint and try again.", e);
        } finally {
            if (credentials instanceof AutoCloseable c) {
                closeQuietly(c);
            }
        }
    }

    private RoutingSnapshot readAll(ElasticLoadBalancingV2Client client) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        AwsMapping mapping = new AwsMapping(label(), diagnostics);
        TargetGroupMapping groupMapping = new TargetGroupMapping(label());

        List<TargetGroup> targetGroups = new ArrayList<>();
        client.describeTargetGroupsPaginator(b -> b.pageSize(PAGE_SIZE)).targetGroups().forEach(tg -> {
            // DescribeTargetHealth has no paginator: it answers every target of the group at once.
            List<TargetHealthDescription> health = client.describeTargetHealth(
                    b -> b.targetGroupArn(tg.targetGroupArn())).targetHealthDescriptions();
            targetGroups.add(groupMapping.targetGroup(tg, health));
        });

        List<LoadBalancer> loadBalancers = new ArrayList<>();
        client.describeLoadBalancersPaginator(b -> b.pageSize(PAGE_SIZE)).loadBalancers().forEach(lb -> {
            List<dev.lbguard.model.Listener> listeners = new ArrayList<>();
            client.describeListenersPaginator(b -> b.loadBalancerArn(lb.loadBalancerArn()).pageSize(PAGE_SIZE))
                    .listeners().forEach(l -> listeners.add(listener(client, mapping, l)));
            loadBalancers.add(mapping.loadBalancer(lb, listeners));
        });
        SnapshotOrigin origin = new SnapshotOrigin(SnapshotOrigin.Kind.LIVE,
                endpoint.map(URI::toString).orElse(region), label());
        return new RoutingSnapshot(origin, loadBalancers, targetGroups, diagnostics);
    }

    private dev.lbguard.model.Listener listener(ElasticLoadBalancingV2Client client, AwsMapping mapping, Listener l) {
        List<Rule> rules = new ArrayList<>();
        client.describeRulesPaginator(b -> b.listenerArn(l.listenerArn()).pageSize(PAGE_SIZE)).rules()
                .forEach(rules::add);
        List<String> certificates = new ArrayList<>();
        l.certificates().stream().map(Certificate::certificateArn).filter(Objects::nonNull).forEach(certificates::add);
        if (!l.certificates().isEmpty()) {
            // Only the default certificate is in DescribeListeners; the others (SNI) need their own call.
            String marker = null;
            do {
                String m = marker;
                DescribeListenerCertificatesResponse page = client.describeListenerCertificates(
                        b -> b.listenerArn(l.listenerArn()).pageSize(PAGE_SIZE).marker(m));
                page.certificates().stream().map(Certificate::certificateArn).filter(Objects::nonNull)
                        .forEach(certificates::add);
                marker = page.nextMarker();
            } while (marker != null && !marker.isEmpty());
        }
        List<Action> defaultActions = l.defaultActions();
        return mapping.listener(l, certificates, defaultActions, rules);
    }

    private ElasticLoadBalancingV2Client client(AwsCredentialsProvider credentials) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                // Stated here rather than left to the SDK's defaults so that what a scheduled audit does
                // under throttling does not change with the SDK version: 6 attempts, exponential backoff
                // with jitter, longer waits when AWS says it is throttling.
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(6)
                        .backoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(100), Duration.ofSeconds(5)))
                        .throttlingBackoffStrategy(BackoffStrategy.exponentialDelay(Duration.ofMillis(500),
                                Duration.ofSeconds(20)))
                        .build())
                .apiCallTimeout(Duration.ofMinutes(2));
        interceptors.forEach(override::addExecutionInterceptor);
        var builder = ElasticLoadBalancingV2Client.builder()
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .overrideConfiguration(override.build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** Credentials as the environment names them, else the SDK's default chain (which also reads the real environment). */
    private AwsCredentialsProvider credentials() {
        String key = environment.getOrDefault("AWS_ACCESS_KEY_ID", "");
        String secret = environment.getOrDefault("AWS_SECRET_ACCESS_KEY", "");
        String token = environment.getOrDefault("AWS_SESSION_TOKEN", "");
        if (!key.isEmpty() && !secret.isEmpty()) {
            return StaticCredentialsProvider.create(token.isEmpty()
                    ? AwsBasicCredentials.create(key, secret)
                    : AwsSessionCredentials.create(key, secret, token));
        }
        String profile = environment.getOrDefault("AWS_PROFILE", "");
        if (!profile.isEmpty()) {
            ProfileFile.Aggregator files = ProfileFile.aggregator();
            addProfileFile(files, "AWS_CONFIG_FILE", ProfileFile.Type.CONFIGURATION);
            addProfileFile(files, "AWS_SHARED_CREDENTIALS_FILE", ProfileFile.Type.CREDENTIALS);
            ProfileCredentialsProvider.Builder b = ProfileCredentialsProvider.builder().profileName(profile);
            if (environment.containsKey("AWS_CONFIG_FILE") || environment.containsKey("AWS_SHARED_CREDENTIALS_FILE")) {
                b.profileFile(files.build());
            }
            return b.build();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    private void addProfileFile(ProfileFile.Aggregator files, String variable, ProfileFile.Type type) {
        String path = environment.getOrDefault(variable, "");
        if (!path.isEmpty() && Path.of(path).toFile().isFile()) {
            files.addFile(ProfileFile.builder().content(Path.of(path)).type(type).build());
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            // Closing a credentials cache cannot affect what was read; nothing to report.
        }
    }
}
