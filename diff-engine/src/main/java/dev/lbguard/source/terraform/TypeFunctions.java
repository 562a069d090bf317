package dev.lbguard.source.terraform;

import java.util.List;

/**
 * The type conversion functions ({@code tostring}, {@code tolist}...), the sensitivity markers lbguard ignores, and
 * the functions lbguard cannot evaluate: file readers (it reads no files from functions) and functions whose value
 * is only known at apply time.
 */
final class TypeFunctions {
    private static final List<String> FILE_FUNCTIONS = List.of("file", "filebase64", "filebase64sha256",
            "filebase64sha512", "fileexists", "filemd5", "fileset", "filesha1", "filesha256", "filesha512",
            "templatefile", "abspath");
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
        r.lenient("sensitive", 1, 1, args -> args.get(0));
        r.lenient("nonsensitive", 1, 1, args -> args.get(0));
        for (String name : FILE_FUNCTIONS) {
            r.lenient(name, 0, Functions.Registry.VARIADIC, args -> {
                throw new EvalException("lbguard does not read files from functions; the value of " + name
                        + "(...) is not evaluated.");
            });
        }
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
