package dev.lbguard.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.diagnostic.SourceRef;
import dev.lbguard.model.Secrets;
import dev.lbguard.source.SourceTree;
import dev.lbguard.source.resources.ResourceInstance;
import dev.lbguard.source.resources.TerraformEvaluation;
import dev.lbguard.source.terraform.eval.TerraformEvaluator;
import dev.lbguard.source.terraform.eval.TerraformInputs;
import dev.lbguard.source.terraform.terragrunt.TerragruntUnits;
import dev.lbguard.source.value.ValueJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Terraform resource instances lbguard evaluated in each root module ({@code resources}, for seeing what it
 * read), as plain data: attribute values as JSON trees, with the line of each attribute and what was left
 * unevaluated.
 */
public record EvaluatedResources(List<Module> modules) {
    public EvaluatedResources {
        modules = List.copyOf(modules);
    }

    /** One root module: its directory ({@code ""} for the repository root), problems and resources. */
    public record Module(String dir, boolean complete, List<Diagnostic> diagnostics, List<Resource> resources,
                         Secrets secrets) {
        public Module {
            diagnostics = List.copyOf(diagnostics);
            resources = List.copyOf(resources);
        }
    }

    /**
     * @param attributes the evaluated attributes, in the order Terraform's schema has them
     * @param attributeLines the line each top-level attribute is written on
     */
    public record Resource(String address, String type, SourceRef source, Map<String, JsonNode> attributes,
                           Map<String, Integer> attributeLines, List<Unevaluated> unevaluated) {
        public Resource {
            attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
            attributeLines = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributeLines));
            unevaluated = List.copyOf(unevaluated);
        }
    }

    /** A value lbguard could not evaluate, and why. */
    public record Unevaluated(String path, String reason) {
    }

    public boolean complete() {
        return modules.stream().allMatch(Module::complete);
    }

    /** The values the evaluations learnt are sensitive: hidden wherever they appear. */
    public Secrets secrets() {
        return Secrets.union(modules.stream().map(Module::secrets).toList());
    }

    public List<Diagnostic> diagnostics() {
        return modules.stream().flatMap(m -> m.diagnostics().stream()).toList();
    }

    /** Evaluates each root module; {@code allTypes} keeps every resource, not only the load-balancer ones. */
    public static EvaluatedResources evaluate(SourceTree tree, List<String> dirs, TerraformInputs inputs,
                                              boolean allTypes) {
        TerraformEvaluator evaluator = new TerraformEvaluator();
        List<Module> modules = new ArrayList<>();
        for (String dir : dirs) {
            // A Terragrunt unit is read as routes reads it: its module, run with the unit's inputs.
            TerraformEvaluation e = TerragruntUnits.hasConfig(tree, dir)
                    ? TerragruntUnits.evaluate(tree, dir, inputs, inputs.processEnvironment()).evaluation()
                    : evaluator.evaluate(tree, dir, inputs);
            List<Resource> resources = new ArrayList<>();
            for (ResourceInstance r : allTypes ? e.resources() : e.loadBalancerResources()) {
                resources.add(resource(r));
            }
            modules.add(new Module(e.moduleDir(), e.complete(), e.diagnostics(), resources, e.secrets()));
        }
        return new EvaluatedResources(modules);
    }

    private static Resource resource(ResourceInstance r) {
        Map<String, JsonNode> attributes = new LinkedHashMap<>();
        r.attributes().fields().forEach((k, v) -> attributes.put(k, ValueJson.toJson(v)));
        Map<String, Integer> lines = new LinkedHashMap<>();
        r.attributeSources().forEach((k, v) -> lines.put(k, v.line()));
        List<Unevaluated> unevaluated = ValueJson.unevaluated(r.attributes()).stream()
                .map(p -> new Unevaluated(p.path(), p.reason())).toList();
        return new Resource(r.address(), r.type(), r.source(), attributes, lines, unevaluated);
    }
}
