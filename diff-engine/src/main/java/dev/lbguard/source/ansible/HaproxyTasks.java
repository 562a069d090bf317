package dev.lbguard.source.ansible;

import dev.lbguard.diagnostic.Diagnostic;
import dev.lbguard.model.LoadBalancer;
import dev.lbguard.model.SnapshotOrigin;
import dev.lbguard.model.TargetGroup;
import java.util.List;

/**
 * HAProxy configurations an Ansible tree deploys: a {@code template} task whose {@code dest} ends in
 * {@code haproxy.cfg} (its {@code .j2} source rendered with the task's variables), a {@code copy} of a
 * committed {@code haproxy.cfg}, and {@code community.general.haproxy} runtime changes on top.
 */
final class HaproxyTasks {
    private final AnsibleFiles files;
    private final List<Diagnostic> diagnostics;

    HaproxyTasks(AnsibleFiles files, List<Diagnostic> diagnostics) {
        this.files = files;
        this.diagnostics = diagnostics;
    }

    boolean wants(String module, Y.Map rawArgs) {
        return false;
    }

    void apply(TaskCall call) {
    }

    void build(List<LoadBalancer> lbs, List<TargetGroup> tgs, SnapshotOrigin origin) {
    }
}
