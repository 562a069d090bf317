package dev.lbguard.source.live.aws;

import dev.lbguard.source.SourceException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns what the SDK throws into one sentence that names the source and says what to do. */
final class AwsErrors {
    private AwsErrors() {
    }

    private static final Set<String> ACCESS_DENIED = Set.of("accessdenied", "accessdeniedexception",
            "unauthorizedoperation", "authfailure", "unrecognizedclientexception");
    private static final Set<String> BAD_CREDENTIALS = Set.of("invalidclienttokenid", "signaturedoesnotmatch",
            "incompletesignature", "missingauthenticationtoken", "invalidaccesskeyid");
    private static final Set<String> EXPIRED = Set.of("expiredtoken", "expiredtokenexception", "requestexpired",
            "tokenrefreshrequired");
    private static final Set<String> THROTTLED = Set.of("throttling", "throttlingexception", "requestlimitexceeded",
            "toomanyrequestsexception");

    static SourceException translate(String label, Optional<URI> endpoint, SdkException e) {
        String where = endpoint.map(u -> " at " + u).orElse("");
        if (e instanceof AwsServiceException s && s.awsErrorDetails() != null) {
            String code = Optional.ofNullable(s.awsErrorDetails().errorCode()).orElse("");
            String lower = code.toLowerCase(Locale.ROOT);
            String message = Optional.ofNullable(s.awsErrorDetails().errorMessage()).filter(m -> !m.isBlank())
                    .map(m -> ": " + m).orElse("");
            if (ACCESS_DENIED.contains(lower)) {
                return new SourceException(label + ": access denied (" + code + "); grant the caller read access to "
                        + "ELBv2 (elasticloadbalancing:Describe*), e.g. the ElasticLoadBalancingReadOnly policy.", e);
            }
            if (BAD_CREDENTIALS.contains(lower)) {
                return new SourceException(label + ": AWS rejected the credentials (" + code + "); check "
                        + "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY or AWS_PROFILE.", e);
            }
            if (EXPIRED.contains(lower)) {
                return new SourceException(label + ": the AWS credentials have expired (" + code + "); refresh them "
                        + "(e.g. aws sso login) and run again.", e);
            }
            if (THROTTLED.contains(lower)) {
                return new SourceException(label + ": AWS kept throttling the ELBv2 API after several retries ("
                        + code + "); run again later.", e);
            }
            if (lower.endsWith("notfound")) {
                return new SourceException(label + ": " + code + message + "; the load balancer changed while "
                        + "it was read, run again.", e);
            }
            return new SourceException(label + ": the ELBv2 API" + where + " answered " + (code.isEmpty()
                    ? "HTTP " + s.statusCode() : code) + message + "; check the region and endpoint.", e);
        }
        String text = Optional.ofNullable(e.getMessage()).orElse("");
        if (hasCause(e, ConnectException.class)) {
            return new SourceException(label + ": cannot connect to the ELBv2 API" + where
                    + "; check the endpoint, the network and any proxy.", e);
        }
        if (hasCause(e, UnknownHostException.class)) {
            return new SourceException(label + ": the ELBv2 API host" + where + " is unknown ("
                    + rootMessage(e) + "); check the region, the endpoint and DNS.", e);
        }
        if (text.contains("credentials") || text.contains("profile") || text.contains("Profile")) {
            return new SourceException(label + ": no usable AWS credentials (" + firstSentence(text)
                    + "); set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or log in (aws sso login).", e);
        }
        return new SourceException(label + ": reading the ELBv2 API" + where + " failed (" + firstSentence(text)
                + "); check the endpoint and try again.", e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return Optional.ofNullable(t.getMessage()).orElse(t.getClass().getSimpleName());
    }

    /** The SDK's messages run to several sentences and a list of providers; one sentence is what we promise. */
    private static String firstSentence(String text) {
        String t = text.strip();
        int dot = t.indexOf(". ");
        int colon = t.indexOf(": [");
        int cut = dot < 0 ? colon : colon < 0 ? dot : Math.min(dot, colon);
        return (cut < 0 ? t : t.substring(0, cut)).replaceAll("[.\\s]+$", "");
    }
}
