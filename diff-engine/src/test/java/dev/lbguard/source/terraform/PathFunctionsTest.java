package dev.lbguard.source.terraform;

import static dev.lbguard.source.terraform.V.call;
import static dev.lbguard.source.terraform.V.nul;
import static dev.lbguard.source.terraform.V.ref;
import static dev.lbguard.source.terraform.V.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lbguard.source.value.Value;
import org.junit.jupiter.api.Test;

class PathFunctionsTest {

    @Test
    void basenameIsTheLastElement() throws Exception {
        assertThat(call("basename", s("foo/bar/baz.txt"))).isEqualTo(s("baz.txt"));
        assertThat(call("basename", s("foo/bar/"))).isEqualTo(s("bar"));
        assertThat(call("basename", s("/"))).isEqualTo(s("/"));
        assertThat(call("basename", s("///"))).isEqualTo(s("/"));
        assertThat(call("basename", s(""))).isEqualTo(s("."));
        assertThat(call("basename", s("a"))).isEqualTo(s("a"));
    }

    @Test
    void dirnameIsEverythingBeforeItCleaned() throws Exception {
        assertThat(call("dirname", s("foo/bar/baz.txt"))).isEqualTo(s("foo/bar"));
        assertThat(call("dirname", s("foo"))).isEqualTo(s("."));
        assertThat(call("dirname", s(""))).isEqualTo(s("."));
        assertThat(call("dirname", s("/"))).isEqualTo(s("/"));
        assertThat(call("dirname", s("/foo"))).isEqualTo(s("/"));
        assertThat(call("dirname", s("foo/"))).isEqualTo(s("foo"));
        assertThat(call("dirname", s("a//b/../c/"))).isEqualTo(s("a/c"));
        assertThat(call("dirname", s("../../x"))).isEqualTo(s("../.."));
        assertThat(call("dirname", s("/../a/b"))).isEqualTo(s("/a"));
        assertThat(call("dirname", s("a/../../b/c"))).isEqualTo(s("../b"));
    }

    @Test
    void pathexpandLeavesPathsWithoutTildeAndCannotKnowTheHomeDirectory() throws Exception {
        assertThat(call("pathexpand", s("foo/bar"))).isEqualTo(s("foo/bar"));
        assertThat(call("pathexpand", s(""))).isEqualTo(s(""));
        assertThat(call("pathexpand", s("/etc/~x"))).isEqualTo(s("/etc/~x"));
        assertThat(call("pathexpand", s("~/.ssh/id_rsa"))).isInstanceOfSatisfying(Value.Unknown.class,
                u -> assertThat(u.reason()).contains("home directory"));
        assertThat(call("pathexpand", s("~"))).isInstanceOf(Value.Unknown.class);
        assertThatThrownBy(() -> call("pathexpand", s("~alice/x")))
                .hasMessage("Call to function \"pathexpand\" failed: cannot expand user-specific home dir");
    }

    @Test
    void argumentsAreStringsAndUnknownsStayUnknown() throws Exception {
        assertThat(call("basename", V.n(8080))).isEqualTo(s("8080"));
        assertThatThrownBy(() -> call("dirname", nul())).hasMessage("Invalid function argument: Invalid value for"
                + " \"path\" parameter: argument must not be null.");
        assertThat(call("basename", ref("aws_s3_object.o", "key"))).isEqualTo(ref("aws_s3_object.o", "key"));
    }
}
