package dev.lbguard.source.terraform.functions;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.lbguard.source.value.EvalException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An RE2 pattern (Go's regexp syntax, which Terraform uses), compiled by RE2/J: the same syntax, and matching in
 * time linear in the input, so that no pattern can hang an evaluation ({@code (x+x+)+y} backtracks exponentially
 * in {@code java.util.regex}). Look-around, atomic groups and back-references are refused, as RE2 refuses them.
 *
 * @param groupNames one entry per capture group in order, {@code ""} for an unnamed group
 */
record Re2(Pattern pattern, List<String> groupNames) {
    Re2 {
        groupNames = List.copyOf(groupNames);
    }

    static Re2 compile(String re2) throws EvalException {
        Pattern p;
        try {
            p = Pattern.compile(re2);
        } catch (PatternSyntaxException e) {
            throw new EvalException("invalid regular expression pattern: " + e.getMessage());
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < p.groupCount(); i++) {
            names.add("");
        }
        for (Map.Entry<String, Integer> named : p.namedGroups().entrySet()) {
            names.set(named.getValue() - 1, named.getKey());
        }
        return new Re2(p, names);
    }
}
