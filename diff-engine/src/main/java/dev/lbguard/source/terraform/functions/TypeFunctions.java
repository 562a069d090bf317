package dev.lbguard.source.terraform.functions;

import dev.lbguard.source.value.Convert;
import dev.lbguard.source.value.EvalException;
import dev.lbguard.source.value.TypeConstraint;
import dev.lbguard.source.value.Value;
import java.util.List;

/**
 * The type conversion functions ({@code tostring}, {@code tolist}...), the sensitivity markers lbguard ignores,
 * stand-ins for the file functions (the evaluator reads files through {@code eval.FileFunctions}), and the functions
 * lbguard cannot evaluate: {@code abspath} and functions whose value is only known at apply time.
 */
final class TypeFunctions {
    private static final List<String> APPLY_TIME_FUNCTIONS = List.of("timestamp", "plantimestamp", "uuid",
            "bcrypt");

    private TypeFunctions() {
    }

    static void register(Functions.Registry r) {
        conversion(r, "tostring", new TypeConstraint.Primitive(TypeConstraint.Primitive.Kind.STRING));
        conversion(r, "tonumber", new TypeConstraint.Primitive(TypeConstraint.Primitive.Kind.NUMBER));
        conversion(r, "tobool", new TypeConstraint.Primitive(TypeConstraint.Primitive.Kind.BOOL));
        conversion(r, "tolist", new TypeConstraint.Collection(TypeConstraint.Collection.Kind.LIST,
                new TypeConstraint.Any()));
        conversion(r, "toset", new TypeConstraint.Collection(TypeConstraint.Collection.Kind.SET,
                new TypeConstraint.Any()));
        conversion(r, "tomap", new TypeConstraint.Collection(TypeConstraint.Collection.Kind.MAP,
                new TypeConstraint.Any()));
        // The value stays as it is for routing; the evaluator notes it sensitive (FunctionCalls), so that reports
        // hide it wherever it appears.
        r.lenient("sensitive", 1, 1, args -> args.get(0));
        r.lenient("nonsensitive", 1, 1, args -> args.get(0));
        // The evaluator calls FileFunctions, which reads the tree; without a tree there is nothing to read.
        for (String name : Functions.FILE_FUNCTIONS) {
            r.lenient(name, 0, Functions.Registry.VARIADIC, args -> {
                throw new EvalException(name + " reads the configuration's files, so only the evaluator can call it");
            });
        }
        // abspath gives a path on the machine that runs terraform, which lbguard cannot know.
        r.lenient("abspath", 1, 1, args -> {
            throw new EvalException("lbguard cannot know the absolute path Terraform would give: it depends on the"
                    + " machine and directory terraform runs in; the value of abspath(...) is not evaluated.");
        });
        for (String name : APPLY_TIME_FUNCTIONS) {
            r.lenient(name, 0, Functions.Registry.VARIADIC,
                    args -> Value.Unknown.unevaluable(name + "() is known only at apply time"));
        }
    }

    private static void conversion(Functions.Registry r, String name, TypeConstraint type) {
        r.lenient(name, 1, 1, args -> {
            try {
                return type.convert(args.get(0));
            } catch (EvalException e) {
                throw new EvalException("Invalid value for \"v\" parameter: cannot convert "
                        + Convert.typeName(args.get(0)) + " to " + type + ": " + e.getMessage() + ".");
            }
        });
    }
}
