package dev.lbguard.source.hcl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TerraformAlbFileTest {

    private static Body body;

    static String sample() throws IOException {
        try (InputStream in = TerraformAlbFileTest.class.getResourceAsStream("alb.tf")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @BeforeAll
    static void parse() throws Exception {
        body = HclParser.parse("alb.tf", sample()).body();
    }

    static Block resource(String type, String name) {
        return body.blocks("resource").stream()
                .filter(b -> b.labels().equals(java.util.List.of(type, name)))
                .findFirst().orElseThrow();
    }

    static String value(Body b, String attribute) {
        return Show.of(b.attribute(attribute).orElseThrow().expression());
    }

    @Test
    void topLevelBlocksInFileOrder() {
        assertThat(body.attributes()).isEmpty();
        assertThat(body.blocks()).extracting(b -> b.type() + b.labels())
                .containsExactly("terraform[]", "locals[]", "module[vpc]", "resource[aws_lb, main]",
                        "resource[aws_lb_target_group, svc]", "resource[aws_lb_listener, https]",
                        "resource[aws_lb_listener_rule, svc]", "resource[aws_lb_listener_rule, redirect_http]",
                        "moved[]", "output[target_group_arns]", "output[rule_arns]");
    }

    @Test
    void locals() {
        Body locals = body.blocks("locals").get(0).body();
        assertThat(value(locals, "enabled_services"))
                .isEqualTo("(for name,svc local.services name => svc if (> svc.port 0) obj)");
        assertThat(value(locals, "by_port")).isEqualTo("(for name,svc local.services svc.port => name... obj)");
        assertThat(value(locals, "all_hosts")).isEqualTo("flatten((for svc values(local.services) svc.hosts))");
        assertThat(value(locals, "env")).isEqualTo("(? (== terraform.workspace \"prod\") \"prod\" \"stage\")");
        Expression.ObjectCons services = (Expression.ObjectCons) locals.attribute("services").orElseThrow().expression();
        assertThat(services.items()).extracting(i -> i.key().literalName().orElseThrow()).containsExactly("api", "web");
        assertThat(Show.span(services.items().get(1))).isEqualTo("11:5-11:101");
    }

    @Test
    void listenerRuleWithForEachDynamicBlockAndTags() {
        Block rule = resource("aws_lb_listener_rule", "svc");
        assertThat(rule.range().startLine()).isEqualTo(67);
        assertThat(value(rule.body(), "for_each")).isEqualTo("local.enabled_services");
        assertThat(value(rule.body().blocks("action").get(0).body(), "target_group_arn"))
                .isEqualTo("aws_lb_target_group.svc[each.key].arn");
        Block dynamic = rule.body().blocks("dynamic").get(0);
        assertThat(dynamic.labels()).containsExactly("condition");
        assertThat(value(dynamic.body(), "for_each"))
                .isEqualTo("(? (> length(each.value.paths) 0) [each.value.paths] [])");
        Block pathPattern = dynamic.body().blocks("content").get(0).body().blocks("path_pattern").get(0);
        assertThat(value(pathPattern.body(), "values")).isEqualTo("condition.value");
        assertThat(pathPattern.range().startLine()).isEqualTo(86);
        assertThat(value(rule.body(), "tags")).isEqualTo("merge(var.tags, {Name=\"rule-${each.key}\", <\"Owner\">=\"platform\"})");
        assertThat(rule.body().blocks()).extracting(Block::type).containsExactly("action", "condition", "dynamic");
    }

    @Test
    void heredocInsideNestedBlock() {
        Block listener = resource("aws_lb_listener", "https");
        Body fixed = listener.body().blocks("default_action").get(0).body().blocks("fixed_response").get(0).body();
        assertThat(value(fixed, "message_body")).isEqualTo("\"Not found.\\nTry ${local.all_hosts[0]}.\\n\"");
        assertThat(fixed.attribute("status_code").orElseThrow().range().startLine()).isEqualTo(62);
    }

    @Test
    void oneLineBlockModuleMovedAndOutputs() {
        Block tg = resource("aws_lb_target_group", "svc");
        assertThat(value(tg.body().blocks("health_check").get(0).body(), "path")).isEqualTo("\"/health\"");
        assertThat(value(tg.body(), "name")).isEqualTo("\"tg-${each.key}\"");
        assertThat(value(body.blocks("module").get(0).body(), "source")).isEqualTo("\"terraform-aws-modules/vpc/aws\"");
        Body moved = body.blocks("moved").get(0).body();
        assertThat(value(moved, "from")).isEqualTo("aws_lb_listener_rule.api");
        assertThat(value(moved, "to")).isEqualTo("aws_lb_listener_rule.svc[\"api\"]");
        assertThat(value(body.blocks("output").get(1).body(), "value"))
                .isEqualTo("(splat values(aws_lb_listener_rule.svc) @.arn)");
        Body terraform = body.blocks("terraform").get(0).body();
        assertThat(value(terraform.blocks("required_providers").get(0).body(), "aws"))
                .isEqualTo("{source=\"hashicorp/aws\", version=\"~> 5.0\"}");
    }
}
