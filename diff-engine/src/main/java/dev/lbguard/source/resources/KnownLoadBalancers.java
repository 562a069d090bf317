package dev.lbguard.source.resources;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Listener;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.Rule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The load balancers one build of a root module's snapshot read, for the next build of the same root module: a load
 * balancer whose resources (itself, its listeners, their rules and certificates) were all taken over from the
 * previous evaluation has the very same attributes objects, and while every reference resolves as before (the same
 * addresses of the same types, the same ARNs) its reading is the same but for the revision its sources name. Such a
 * load balancer is taken with its diagnostics, both re-stamped with the new revision, instead of being read again:
 * on a root of thousands of rules, where a commit edits one, reading every listener again was a third of a commit's
 * walk. Only readings that did not ask the provider's version are kept (that reads the tree). Holds what the last
 * build read, no more.
 */
final class KnownLoadBalancers {
    /** A load balancer's reading: the resources it was read from, in reading order, and what reading them gave. */
    record Reading(List<ResourceInstance> inputs, LoadBalancer loadBalancer, List<Diagnostic> diagnostics) {
    }

    private Map<String, Reading> before = new HashMap<>();
    private Map<String, Reading> now = new HashMap<>();
    private References referencesBefore;

    /** The references of a build's resources: the previous build's when those resolve alike (see {@link References#of}). */
    References references(List<ResourceInstance> resources) {
        return referencesBefore == null ? new References(resources) : referencesBefore.of(resources);
    }

    /** Starts a build whose references are {@code refs}: what the previous one read may be taken if they resolve alike. */
    void nextBuild(References refs) {
        before = referencesBefore != null && refs.resolvesAs(referencesBefore) ? now : new HashMap<>();
        now = new HashMap<>();
        referencesBefore = refs;
    }

    /**
     * The load balancer at {@code address} as the previous build read it from the same {@code inputs}, at the
     * revision of {@code inputs}' first (the load balancer's own resource), with its diagnostics re-stamped too.
     */
    Optional<Reading> take(String address, List<ResourceInstance> inputs) {
        Reading was = before.get(address);
        if (was == null || !sameInputs(was.inputs(), inputs)) {
            return Optional.empty();
        }
        String revision = inputs.get(0).source().revision();
        Reading here = new Reading(inputs, atRevision(was.loadBalancer(), revision),
                was.diagnostics().stream().map(d -> atRevision(d, revision)).toList());
        now.put(address, here);
        return Optional.of(here);
    }

    void put(String address, List<ResourceInstance> inputs, LoadBalancer loadBalancer, List<Diagnostic> diagnostics) {
        now.put(address, new Reading(inputs, loadBalancer, List.copyOf(diagnostics)));
    }

    /** The same resources, read the same: one attributes object each, at the same address and lines. */
    static boolean sameInputs(List<ResourceInstance> a, List<ResourceInstance> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            ResourceInstance x = a.get(i);
            ResourceInstance y = b.get(i);
            if (x.attributes() != y.attributes() || !x.address().equals(y.address()) || !x.type().equals(y.type())
                    || !samePlace(x.source(), y.source()) || !samePlaces(x.attributeSources(), y.attributeSources())) {
                return false;
            }
        }
        return true;
    }

    private static boolean samePlaces(Map<String, SourceRef> a, Map<String, SourceRef> b) {
        if (a instanceof AttributeSources x && b instanceof AttributeSources y && x.sameLines(y)) {
            return true;
        }
        if (a.size() != b.size()) {
            return false;
        }
        // Both sorted by name (ResourceInstance keeps them in a tree map).
        Iterator<Map.Entry<String, SourceRef>> i = a.entrySet().iterator();
        Iterator<Map.Entry<String, SourceRef>> j = b.entrySet().iterator();
        while (i.hasNext()) {
            Map.Entry<String, SourceRef> x = i.next();
            Map.Entry<String, SourceRef> y = j.next();
            if (!x.getKey().equals(y.getKey()) || !samePlace(x.getValue(), y.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static boolean samePlace(SourceRef a, SourceRef b) {
        return a.line() == b.line() && a.column() == b.column() && a.path().equals(b.path());
    }

    private static LoadBalancer atRevision(LoadBalancer lb, String revision) {
        List<Listener> listeners = new ArrayList<>(lb.listeners().size());
        for (Listener l : lb.listeners()) {
            List<Rule> rules = new ArrayList<>(l.rules().size());
            for (Rule r : l.rules()) {
                rules.add(new Rule(r.id(), r.source().atRevision(revision), r.priority(), r.match(), r.action()));
            }
            listeners.add(new Listener(l.id(), l.source().atRevision(revision), l.protocol(), l.port(), l.sslPolicy(),
                    l.certificates(), l.defaultAction(), rules, l.semantics()));
        }
        return new LoadBalancer(lb.id(), lb.source().atRevision(revision), lb.name(), lb.type(), lb.internal(),
                listeners);
    }

    private static Diagnostic atRevision(Diagnostic d, String revision) {
        return d.source().revision().equals(revision) ? d : new Diagnostic(d.severity(), d.code(), d.message(),
                d.source().atRevision(revision), d.affectsRouting(), d.unread());
    }
}
