package dev.lbguard.source.live.dispatch;

import dev.lbguard.source.SourceException;
import dev.lbguard.source.live.LiveSource;
import dev.lbguard.source.live.PlanSource;
import dev.lbguard.source.live.SnapshotFileSource;
import dev.lbguard.source.live.TfShowSource;
import dev.lbguard.source.live.TfStateSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opens a live source from its command-line spelling {@code SCHEME:ARGUMENT} (CONTRACT.md): {@code tfstate:PATH},
 * {@code tfshow:PATH}, {@code plan:PATH}, {@code snapshot:FILE}, {@code aws:REGION[?endpoint=URL]},
 * {@code haproxy:SOCKET} or {@code haproxy:HOST:PORT}. Each scheme is a factory in a registry, so sources that live
 * in other packages are added in {@link #standard} without this class knowing them.
 */
public final class LiveSources {
    /** Schemes CONTRACT.md names, for a useful message when a build does not (yet) register one. */
    private static final List<String> DOCUMENTED = List.of("tfstate:PATH", "tfshow:PATH", "plan:PATH",
            "aws:REGION[?endpoint=URL]", "haproxy:SOCKET|HOST:PORT", "snapshot:FILE");

    private final Map<String, Function<String, LiveSource>> factories;

    private LiveSources(Map<String, Function<String, LiveSource>> factories) {
        this.factories = Collections.unmodifiableMap(new LinkedHashMap<>(factories));
    }

    /** No schemes at all; {@link #register} adds them. */
    public static LiveSources empty() {
        return new LiveSources(Map.of());
    }

    /** Every live source this build has, reading credentials and settings from {@code env}. */
    public static LiveSources standard(Map<String, String> env) {
        LiveSources sources = empty()
                .register("tfstate", arg -> TfStateSource.of(path("tfstate", arg)))
                .register("tfshow", arg -> TfShowSource.of(path("tfshow", arg)))
                .register("plan", arg -> PlanSource.of(path("plan", arg)))
                .register("snapshot", arg -> new SnapshotFileSource(path("snapshot", arg), "snapshot:" + arg));
        sources = sources
                .register("aws", arg -> {
                    AwsSpec aws = AwsSpec.parse(arg);
                    return new dev.lbguard.source.live.aws.AwsLiveSource(aws.region(), aws.endpoint(), env);
                })
                .register("haproxy", dev.lbguard.source.live.haproxy.HaproxyLiveSource::new);
        return sources;
    }

    /** Opens {@code spec} with the standard sources. */
    public static LiveSource open(String spec, Map<String, String> env) throws SourceException {
        return standard(env).open(spec);
    }

    /**
     * A registry that also knows {@code scheme}. A factory gets what follows {@code scheme:} and throws
     * {@link IllegalArgumentException} with a one-sentence message when it cannot use it.
     */
    public LiveSources register(String scheme, Function<String, LiveSource> factory) {
        Map<String, Function<String, LiveSource>> all = new LinkedHashMap<>(factories);
        all.put(scheme, factory);
        return new LiveSources(all);
    }

    /** The registered schemes, in registration order. */
    public List<String> schemes() {
        return List.copyOf(factories.keySet());
    }

    public LiveSource open(String spec) throws SourceException {
        int colon = spec.indexOf(':');
        String scheme = colon < 0 ? "" : spec.substring(0, colon);
        String argument = colon < 0 ? "" : spec.substring(colon + 1);
        Function<String, LiveSource> factory = factories.get(scheme);
        if (factory == null) {
            boolean documented = DOCUMENTED.stream().anyMatch(d -> d.startsWith(scheme + ":")) && !scheme.isEmpty();
            throw new SourceException(documented
                    ? "live source " + scheme + ": is not available in this build of lbguard; use one of "
                            + String.join(", ", available())
                    : "unknown live source '" + spec + "'; expected one of " + String.join(", ", available()));
        }
        if (argument.isEmpty()) {
            throw new SourceException("live source " + scheme + ": needs an argument, e.g. " + example(scheme));
        }
        try {
            return factory.apply(argument);
        } catch (IllegalArgumentException e) {
            throw new SourceException("live source " + spec + ": " + e.getMessage());
        }
    }

    private List<String> available() {
        return DOCUMENTED.stream().filter(d -> factories.containsKey(d.substring(0, d.indexOf(':')))).toList();
    }

    private static String example(String scheme) {
        return DOCUMENTED.stream().filter(d -> d.startsWith(scheme + ":")).findFirst().orElse(scheme + ":ARGUMENT");
    }

    private static Path path(String scheme, String arg) {
        try {
            return Path.of(arg);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("not a file path: " + arg);
        }
    }

    /**
     * The argument of {@code aws:REGION[?endpoint=URL]}: a region such as {@code eu-west-1}, and an endpoint that
     * replaces AWS's own (a local emulator).
     */
    public record AwsSpec(String region, Optional<URI> endpoint) {
        public static AwsSpec parse(String argument) {
            int q = argument.indexOf('?');
            String region = q < 0 ? argument : argument.substring(0, q);
            if (!region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
                throw new IllegalArgumentException("'" + region + "' is not an AWS region name such as eu-west-1");
            }
            if (q < 0) {
                return new AwsSpec(region, Optional.empty());
            }
            String query = argument.substring(q + 1);
            if (!query.startsWith("endpoint=")) {
                throw new IllegalArgumentException("the only option is ?endpoint=URL");
            }
            try {
                URI uri = new URI(query.substring("endpoint=".length()));
                if (uri.getScheme() == null || uri.getHost() == null) {
                    throw new IllegalArgumentException("endpoint " + uri + " is not an http(s) URL");
                }
                return new AwsSpec(region, Optional.of(uri));
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("endpoint is not a URL: " + e.getInput());
            }
        }
    }
}
