package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.V.call;
import static dev.lbguard.source.terraform.V.list;
import static dev.lbguard.source.terraform.V.obj;
import static dev.lbguard.source.terraform.V.ref;
import static dev.lbguard.source.terraform.V.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CsvFunctionsTest {

    @Test
    void csvdecodeDocumentedExample() throws Exception {
        assertThat(call("csvdecode", s("a,b,c\n1,2,3\n4,5,6"))).isEqualTo(list(
                obj("a", s("1"), "b", s("2"), "c", s("3")), obj("a", s("4"), "b", s("5"), "c", s("6"))));
    }

    @Test
    void quotedFieldsLineEndingsAndBlankLinesAsGoReadsThem() throws Exception {
        assertThat(call("csvdecode", s("a,b\n\"1,5\",\"say \"\"hi\"\"\"\n\"multi\r\nline\",x"))).isEqualTo(list(
                obj("a", s("1,5"), "b", s("say \"hi\"")), obj("a", s("multi\nline"), "b", s("x"))));
        assertThat(call("csvdecode", s("a,b\r\n1,2\r\n\r\n\n3,4\r"))).isEqualTo(list(
                obj("a", s("1"), "b", s("2")), obj("a", s("3"), "b", s("4"))));
        assertThat(call("csvdecode", s("a,b"))).isEqualTo(list());
        assertThat(call("csvdecode", s("a\n \n"))).isEqualTo(list(obj("a", s(" "))));
    }

    @Test
    void errorsNameTheLineGoReports() {
        assertFails("", "missing header line");
        assertFails("\n\n", "missing header line");
        assertFails("a,a\n1,2", "duplicate column name \"a\"");
        assertFails("a,b\n1", "CSV parse error on line 2: wrong number of fields");
        assertFails("a,b\n1,\"2", "CSV parse error on line 2: extraneous or missing \" in quoted-field");
        assertFails("a,b\n1,x\"y", "CSV parse error on line 2: bare \" in non-quoted-field");
        assertFails("a,b\n\"1\n\n2\"x,2", "CSV parse error on line 4: extraneous or missing \" in quoted-field");
    }

    @Test
    void unknownTextIsUnknown() throws Exception {
        assertThat(call("csvdecode", ref("aws_s3_object.o", "content"))).isEqualTo(ref("aws_s3_object.o", "content"));
    }

    private static void assertFails(String csv, String message) {
        assertThatThrownBy(() -> call("csvdecode", s(csv)))
                .hasMessage("Call to function \"csvdecode\" failed: " + message);
    }
}
