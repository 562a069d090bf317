package dev.lbguard.source.terraform.functions;

import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.Value;
import java.util.List;

/** A Terraform built-in function, called with already evaluated arguments. */
@FunctionalInterface
public interface TfFunction {
    Value call(List<Value> args) throws EvalException;
}
