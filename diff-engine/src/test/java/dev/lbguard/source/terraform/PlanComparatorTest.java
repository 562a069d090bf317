package dev.lbguard.source.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The oracle's comparison must itself be right, or a broken evaluator would pass it. */
class PlanComparatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> compare(String type, String lbguard, String planned, String unknown) throws Exception {
        List<PlanComparator.Mismatch> out = new ArrayList<>();
        PlanComparator.compare("r", type, json(lbguard), json(planned), json(unknown), out);
        return out.stream().map(m -> m.path() + ": " + m.problem()).toList();
    }

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void referencesMustBeUnknownToTerraformAndBack() throws Exception {
        assertThat(compare("aws_lb_listener", "{'load_balancer_arn': {'ref': 'aws_lb.x', 'attribute': 'arn'}}",
                "{}", "{'load_balancer_arn': true}")).isEmpty();
        assertThat(compare("aws_lb_listener", "{'load_balancer_arn': {'ref': 'aws_lb.x', 'attribute': 'arn'}}",
                "{'load_balancer_arn': 'arn:x'}", "{}")).hasSize(1);
        assertThat(compare("aws_lb_listener", "{'load_balancer_arn': 'arn:x'}", "{}", "{'load_balancer_arn': true}"))
                .hasSize(1);
        assertThat(compare("aws_lb", "{'subnets': [{'ref': 'aws_subnet.a', 'attribute': 'id'}, 'subnet-1']}",
                "{}", "{'subnets': true}")).isEmpty();
        assertThat(compare("aws_lb", "{'name': {'unknown': 'no such function'}}", "{'name': 'x'}", "{}"))
                .hasSize(1);
    }

    @Test
    void nullMayStandForAComputedDefault() throws Exception {
        assertThat(compare("aws_lb_listener", "{'ssl_policy': null}", "{}", "{'ssl_policy': true}")).isEmpty();
        assertThat(compare("aws_lb_listener", "{'port': null}", "{}", "{'port': true}")).hasSize(1);
        assertThat(compare("aws_lb_target_group", "{'health_check': [{'timeout': null}]}",
                "{'health_check': [{}]}", "{'health_check': [{'timeout': true}]}")).isEmpty();
    }

    @Test
    void schemaConversionsCompareEqual() throws Exception {
        assertThat(compare("aws_lb_target_group", "{'deregistration_delay': 30, 'port': '8080'}",
                "{'deregistration_delay': '30', 'port': 8080}", "{}")).isEmpty();
        assertThat(compare("aws_lb_target_group", "{'deregistration_delay': 31}",
                "{'deregistration_delay': '30'}", "{}")).hasSize(1);
        assertThat(compare("aws_lb_target_group", "{'preserve_client_ip': true}",
                "{'preserve_client_ip': 'true'}", "{}")).isEmpty();
    }

    @Test
    void setsAreUnorderedListsAreOrdered() throws Exception {
        String rule = "{'condition': [{'path_pattern': [{'values': ['/b', '/a']}]}, {'host_header': [{'values': ['h']}]}]}";
        String planned = "{'condition': [{'host_header': [{'values': ['h']}], 'path_pattern': []},"
                + " {'host_header': [], 'path_pattern': [{'values': ['/a', '/b']}]}]}";
        assertThat(compare("aws_lb_listener_rule", rule, planned, "{}")).isEmpty();
        assertThat(compare("aws_alb_listener_rule", rule, planned, "{}")).isEmpty();
        String listener = "{'default_action': [{'type': 'forward'}, {'type': 'authenticate-oidc'}]}";
        String plannedListener = "{'default_action': [{'type': 'authenticate-oidc'}, {'type': 'forward'}]}";
        assertThat(compare("aws_lb_listener", listener, plannedListener, "{}")).hasSize(2);
    }

    @Test
    void setElementsWithUnknownsPairUp() throws Exception {
        String lb = "{'action': [{'forward': [{'target_group': [{'arn': {'ref': 'aws_lb_target_group.a', 'attribute': 'arn'},"
                + " 'weight': 90}, {'arn': {'ref': 'aws_lb_target_group.b', 'attribute': 'arn'}, 'weight': 10}]}]}]}";
        String planned = "{'action': [{'forward': [{'target_group': [{'weight': 10}, {'weight': 90}]}]}]}";
        String unknown = "{'action': [{'forward': [{'target_group': [{'arn': true}, {'arn': true}]}]}]}";
        assertThat(compare("aws_lb_listener_rule", lb, planned, unknown)).isEmpty();
        assertThat(compare("aws_lb_listener_rule", lb.replace("90", "80"), planned, unknown)).hasSize(1);
    }

    @Test
    void mapsMustHaveTheSameKeysBlocksMayOmitDefaults() throws Exception {
        assertThat(compare("aws_lb", "{'tags': {'a': '1'}}", "{'tags': {'a': '1', 'b': '2'}}", "{}")).hasSize(1);
        assertThat(compare("aws_lb_target_group", "{'health_check': [{'path': '/'}]}",
                "{'health_check': [{'path': '/', 'interval': 30}], 'stickiness': []}", "{}")).isEmpty();
        assertThat(compare("aws_lb_target_group", "{'health_check': [{'path': '/'}], 'stickiness': []}",
                "{'health_check': [{'path': '/x'}], 'stickiness': []}", "{}")).containsExactly(
                "health_check[0].path: values differ");
        assertThat(compare("aws_lb", "{'nonsense': 1}", "{}", "{}")).hasSize(1);
    }
}
