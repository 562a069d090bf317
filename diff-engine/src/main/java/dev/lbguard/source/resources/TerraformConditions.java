package dev.lbguard.source.resources;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Condition;
import dev.lbguard.model.ConditionType;
import dev.lbguard.model.QueryPair;
import dev.lbguard.source.value.AttributesMemo;
import dev.lbguard.source.value.Value;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads the {@code condition} blocks of an {@code aws_lb_listener_rule} into model conditions, and says where the
 * AWS provider would refuse them: a condition without values, or the provider-2 {@code field}/{@code values} form
 * where the provider terraform installs is 3.0 or later.
 */
public final class TerraformConditions {
    /** The condition blocks of the AWS provider, one test each; also the schema of a condition in JSON syntax. */
    public static final List<String> BODIES = List.of(
            "host_header", "http_header", "http_request_method", "path_pattern", "query_string", "source_ip");
    /** The bodies whose {@code values} the provider (5.100, checked) requires to hold one item at least, at plan. */
    private static final Set<ConditionType> AT_LEAST_ONE_VALUE = Set.of(ConditionType.HOST_HEADER,
            ConditionType.PATH_PATTERN);

    private final Supplier<AwsProviderVersion> provider;
    private final AttributesMemo<List<Condition>> known;
    private int providerAsked;

    /** @param verdict what the root module says of the AWS provider's version; asked only for provider-2 syntax */
    TerraformConditions(Supplier<AwsProviderVersion> verdict) {
        this(verdict, new AttributesMemo<>());
    }

    /** @param known the conditions the previous build of the same root module read, by rule attributes */
    TerraformConditions(Supplier<AwsProviderVersion> verdict, AttributesMemo<List<Condition>> known) {
        this.known = known;
        known.next();
        this.provider = new Supplier<>() {
            private AwsProviderVersion verdictRead;

            @Override
            public AwsProviderVersion get() {
                providerAsked++;
                verdictRead = verdictRead == null ? verdict.get() : verdictRead;
                return verdictRead;
            }
        };
    }

    /** How many times a reading has asked the provider's version so far (reading it reads the tree). */
    int providerAsked() {
        return providerAsked;
    }

    /** Keeps the conditions known for a rule whose load balancer was taken whole, for the build after this one. */
    void carry(ResourceInstance rule) {
        known.get(rule.attributes());
    }

    List<Condition> read(ResourceInstance rule, List<Diagnostic> diagnostics) {
        List<Condition> before = known.get(rule.attributes());
        if (before != null) {
            return before;
        }
        int said = diagnostics.size();
        int asked = providerAsked;
        List<Condition> read = readAnew(rule, diagnostics);
        if (diagnostics.size() == said && providerAsked == asked) {
            known.put(rule.attributes(), read);
        }
        return read;
    }

    /** One rule's reading: its address, where its conditions are, and the errors already said of its conditions. */
    private record Reading(ResourceInstance rule, SourceRef at, List<Diagnostic> diagnostics, Set<Condition> reported) {
        void error(String code, String message, Condition c) {
            diagnostics.add(Diagnostic.error(code, rule.address() + ": " + message, at));
            reported.add(c);
        }
    }

    private List<Condition> readAnew(ResourceInstance rule, List<Diagnostic> diagnostics) {
        SourceRef at = rule.attributeSources().getOrDefault("condition", rule.source());
        Reading reading = new Reading(rule, at, diagnostics, Collections.newSetFromMap(new IdentityHashMap<>()));
        Value all = rule.attributes().get("condition");
        List<Condition> out = new ArrayList<>();
        Optional<String> unknownBlock = TfValues.unknownIn(all);
        if (unknownBlock.isPresent()) {
            // We cannot tell what the condition tests; a typeless unknown condition still makes every
            // request that passes the other conditions unknown, which is the honest answer.
            out.add(Condition.pathPattern().withUnknown("condition blocks: " + unknownBlock.get()));
            diagnostics.add(Diagnostic.error("tf-unknown-condition",
                    rule.address() + ": a condition block could not be evaluated: " + unknownBlock.get(), at));
        }
        for (Value.Obj block : TfValues.blocks(all)) {
            List<Condition> read = readBlock(block, reading);
            if (read.isEmpty()) {
                diagnostics.add(Diagnostic.error("tf-empty-condition",
                        rule.address() + ": a condition block sets no condition", at));
                out.add(Condition.pathPattern().withUnknown("empty condition block"));
            } else if (read.stream().filter(c -> c.unknownReason().isEmpty()).count() > 1) {
                // Terraform plans it; the provider refuses it at apply, so the rule would not exist as read.
                diagnostics.add(Diagnostic.error("tf-condition-several", rule.address() + ": one condition block sets "
                        + String.join(" and ", read.stream().map(c -> c.type().label().replace('-', '_')).toList())
                        + "; the AWS "
                        + "provider refuses this when it applies (\"Only one of host_header, http_header, "
                        + "http_request_method, path_pattern, query_string or source_ip can be set in a condition "
                        + "block\"): give each its own condition block", at));
            }
            for (Condition c : read) {
                if (!reading.reported().contains(c)) {
                    c.unknownReason().ifPresent(why -> diagnostics.add(Diagnostic.error("tf-unknown-condition",
                            rule.address() + ": " + c.type().label() + " values could not be evaluated: " + why, at)));
                }
                out.add(c);
            }
        }
        if (out.isEmpty()) {
            // The provider's schema requires a condition block: terraform refuses the rule at plan ("Insufficient
            // condition blocks"), so it would not exist as read, least of all as a rule taking every request.
            diagnostics.add(Diagnostic.error("tf-no-condition", rule.address() + ": no condition block; the AWS "
                    + "provider requires at least one, and terraform refuses the rule without (a dynamic block over an "
                    + "empty collection gives none): give it a condition", at));
            out.add(Condition.pathPattern().withUnknown("no condition block"));
        }
        return out;
    }

    private List<Condition> readBlock(Value.Obj block, Reading reading) {
        List<Condition> out = new ArrayList<>();
        Optional<String> field = TfValues.str(block.get("field"));
        if (field.isPresent()) {
            out.add(provider2(field.get(), block.get("values"), reading));
        } else if (TfValues.isUnknown(block.get("field"))) {
            out.add(Condition.pathPattern().withUnknown("field " + TfValues.display(block.get("field")).orElse("")));
        }
        for (String body : BODIES) {
            Value v = block.get(body);
            ConditionType type = ConditionType.fromLabel(body).orElseThrow();
            Optional<String> unknown = TfValues.unknownIn(v);
            List<Value.Obj> inner = TfValues.blocks(v);
            if (type == ConditionType.QUERY_STRING) {
                if (!inner.isEmpty() || unknown.isPresent()) {
                    out.add(query(inner, unknown));
                }
                continue;
            }
            if (unknown.isPresent()) {
                out.add(typed(type, "?", List.of()).withUnknown(unknown.get()));
            }
            for (Value.Obj o : inner) {
                String header = type == ConditionType.HTTP_HEADER
                        ? TfValues.display(o.get("http_header_name")).filter(s -> !s.isEmpty()).orElse("?") : "";
                Condition c = values(type, header, o.get("values"));
                if (type == ConditionType.HTTP_HEADER && TfValues.isUnknown(o.get("http_header_name"))) {
                    c = c.withUnknown(Condition.UNKNOWN_HEADER_NAME + header);
                }
                if (!TfValues.strings(o.get("regex_values")).known().isEmpty()) {
                    // Newer providers accept regex_values; lbguard does not evaluate regexes yet.
                    // Added to an unknown header name's reason, which must stay first (Condition.headerNameKnown).
                    c = c.withUnknown(c.unknownReason().map(r -> r + "; ").orElse("")
                            + "regex_values are not supported");
                }
                out.add(withValues(c, body, reading));
            }
        }
        return out;
    }

    /**
     * A condition block must hold a value: with none, the provider refuses host_header and path_pattern at plan
     * ("Not enough list items"), and for the other bodies terraform plans a condition whose matching AWS does not
     * document, so lbguard cannot say which requests it takes.
     */
    private static Condition withValues(Condition c, String body, Reading reading) {
        if (!c.values().isEmpty() || c.unknownReason().isPresent()) {
            return c;
        }
        Condition unknown = c.withUnknown("the " + body + Condition.WITHOUT_VALUES);
        String leaveOut = "; give it a value, or leave the condition out (a dynamic \"condition\" block over an empty "
                + "list writes none)";
        reading.error("tf-condition-without-values", AT_LEAST_ONE_VALUE.contains(c.type())
                ? "the " + body + " condition has no values, and the AWS provider requires at least one, so terraform "
                + "plan fails (Not enough list items)" + leaveOut
                : "the " + body + " condition has no values: terraform plans it, but which requests a condition "
                + "without values matches is not documented by AWS, so lbguard cannot say" + leaveOut, unknown);
        return unknown;
    }

    /**
     * The provider-2 form {@code condition { field = "host-header", values = [...] }}, which provider 3.0 removed: read
     * as its {@code host_header} or {@code path_pattern} block with a warning where terraform would still install a
     * 2.x provider, an error where it installs 3.0 or later (or has no constraint, and so installs the newest).
     */
    private Condition provider2(String field, Value values, Reading reading) {
        Optional<ConditionType> type = ConditionType.fromLabel(field)
                .filter(t -> t == ConditionType.HOST_HEADER || t == ConditionType.PATH_PATTERN)
                .filter(t -> t.label().equalsIgnoreCase(field));
        if (type.isEmpty()) {
            Condition c = Condition.pathPattern().withUnknown("unknown field " + field);
            reading.error("tf-provider2-condition", "condition field \"" + field + "\" is neither host-header nor "
                    + "path-pattern, the two the provider-2 syntax takes; write the condition as a "
                    + String.join(", ", BODIES) + " block", c);
            return c;
        }
        String body = type.get().label().replace('-', '_');
        Condition c = values(type.get(), "", values);
        AwsProviderVersion verdict = provider.get();
        String syntax = "condition { field = \"" + field + "\" } is the AWS provider 2 syntax, which provider 3.0 "
                + "removed";
        String instead = "write condition { " + body + " { values = [...] } }";
        if (verdict.before3()) {
            reading.diagnostics().add(Diagnostic.warning("tf-provider2-condition", reading.rule().address() + ": "
                    + syntax + "; read as " + body + ", since " + verdict.because() + "; " + instead
                    + " before upgrading the provider", reading.at()));
        } else {
            c = c.withUnknown("provider 2 syntax, which the provider terraform installs rejects");
            reading.error("tf-provider2-condition", syntax + ", and " + verdict.because() + ", so terraform rejects "
                    + "it (An argument named \"field\" is not expected here); " + instead, c);
            return c;
        }
        if (c.values().isEmpty() && c.unknownReason().isEmpty()) {
            c = c.withUnknown("no values");
            reading.error("tf-condition-without-values", "the " + field + " condition has no values, so lbguard "
                    + "cannot say which requests it matches; give it a value", c);
        }
        return c;
    }

    private static Condition values(ConditionType type, String header, Value values) {
        TfValues.Strings s = TfValues.strings(values);
        Condition c = typed(type, header, s.known());
        return s.unknown().map(c::withUnknown).orElse(c);
    }

    private static Condition typed(ConditionType type, String header, List<String> values) {
        return type == ConditionType.HTTP_HEADER
                ? Condition.httpHeader(header.isEmpty() ? "?" : header, values.toArray(String[]::new))
                : Condition.of(type, values);
    }

    private static Condition query(List<Value.Obj> pairs, Optional<String> unknownBlock) {
        List<QueryPair> known = new ArrayList<>();
        Optional<String> unknown = unknownBlock;
        for (Value.Obj p : pairs) {
            Value key = p.get("key");
            Value value = p.get("value");
            if (TfValues.isUnknown(key) || TfValues.isUnknown(value)) {
                unknown = unknown.or(() -> TfValues.display(TfValues.isUnknown(key) ? key : value));
                continue;
            }
            known.add(new QueryPair(TfValues.str(key), TfValues.str(value).orElse("")));
        }
        Condition c = Condition.queryString(known.toArray(QueryPair[]::new));
        return unknown.map(c::withUnknown).orElse(c);
    }
}
