package dev.lbguard.source.ansible;

import dev.lbguard.diagnostic.SourceRef;
import java.util.List;

/**
 * One run of a module task after includes, roles, loops and {@code when} are resolved: what the walker hands
 * to the module readers. Arguments are still raw; the reader renders them with {@link #scope}.
 *
 * @param module the module name as written ({@code amazon.aws.elb_application_lb})
 * @param args the raw arguments (free-form strings already split into {@code key=value})
 * @param source the task's file and line
 * @param name the task's {@code name}, {@code ""} if unnamed
 * @param scope the variables the task sees, loop variable included
 * @param searchDirs where a {@code template} or {@code copy} task looks for its {@code src}, in order
 */
record TaskCall(String module, Y.Map args, SourceRef source, String name, VarScope scope, List<String> searchDirs) {
    /** The module's short name: {@code elb_application_lb} for {@code amazon.aws.elb_application_lb}. */
    String shortName() {
        return shortName(module);
    }

    static String shortName(String module) {
        int dot = module.lastIndexOf('.');
        return dot < 0 ? module : module.substring(dot + 1);
    }
}
