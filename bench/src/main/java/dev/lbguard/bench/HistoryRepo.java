package dev.lbguard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/**
 * Generates the timeline benchmark's history: {@code lbs} load balancers with {@code rulesPerLb} rules each, and
 * {@code commits} commits of which about one in {@code lbEvery} edits one rule of one load balancer (its target
 * group) and the rest edit application files, as in real repositories. Objects go straight into one pack, without
 * a work tree. Three shapes: a root module per load balancer, one big edge root of a file per load balancer, or a
 * root module of data handed to a tree of modules.
 */
public final class HistoryRepo {
    private static final int APP_FILES = 500;

    /** Where the load balancers live. */
    public enum Shape {
        /** {@code infra/lb-NN/main.tf}: a root module each. */
        ROOT_PER_LB,
        /** {@code infra/edge/lb-NN.tf}: one root module of them all, each rule with tags as teams write them. */
        ONE_BIG_ROOT,
        /**
         * {@code infra/live/prod/lb-NN.tf}: each load balancer's rules as data in one root module, which hands them to
         * a module tree three deep (edge, a load balancer per key, a rule per key), as module-based teams write it.
         */
        DEEP_MODULES
    }

    private HistoryRepo() {
    }

    /** Generates the repository with a root module per load balancer; returns the id of its first commit. */
    public static String generate(Path dir, int commits, int lbs, int rulesPerLb, int lbEvery) throws IOException {
        return generate(dir, commits, lbs, rulesPerLb, lbEvery, Shape.ROOT_PER_LB);
    }

    /** Generates the repository; returns the id of its first commit. */
    public static String generate(Path dir, int commits, int lbs, int rulesPerLb, int lbEvery, Shape shape)
            throws IOException {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Repository repo = git.getRepository();
            Random random = new Random(42);
            Map<String, ObjectId> files = new TreeMap<>();
            int[][] targets = new int[lbs][rulesPerLb];
            String first = "";
            ObjectId parent = null;
            try (ObjectInserter ins = ((org.eclipse.jgit.internal.storage.file.ObjectDirectory) repo.getObjectDatabase()).newPackInserter()) {
                for (int lb = 0; lb < lbs; lb++) {
                    files.put(lbPath(lb, shape), blob(ins, lbFile(lb, targets[lb], shape)));
                }
                if (shape == Shape.DEEP_MODULES) {
                    for (Map.Entry<String, String> m : moduleTree(lbs).entrySet()) {
                        files.put(m.getKey(), blob(ins, m.getValue()));
                    }
                }
                for (int f = 0; f < APP_FILES; f++) {
                    files.put(appPath(f), blob(ins, "class F" + f + " { int v = 0; }\n"));
                }
                for (int c = 0; c < commits; c++) {
                    String message;
                    if (c > 0 && c % lbEvery == 0) {
                        int lb = random.nextInt(lbs);
                        int rule = random.nextInt(rulesPerLb);
                        targets[lb][rule] = (targets[lb][rule] + 1 + random.nextInt(3)) % 4;
                        files.put(lbPath(lb, shape), blob(ins, lbFile(lb, targets[lb], shape)));
                        message = "lb" + lb + ": rule " + rule + " to another target group";
                    } else if (c > 0) {
                        int f = random.nextInt(APP_FILES);
                        files.put(appPath(f), blob(ins, "class F" + f + " { int v = " + c + "; }\n"));
                        message = "app: change " + f;
                    } else {
                        message = "initial";
                    }
                    parent = commit(ins, tree(ins, files), parent, message, c);
                    if (c == 0) {
                        first = parent.name();
                    }
                }
                ins.flush();
            }
            RefUpdate u = repo.updateRef("refs/heads/main");
            u.setNewObjectId(parent);
            u.forceUpdate();
            return first;
        } catch (GitAPIException e) {
            throw new IOException(e);
        }
    }

    private static String lbPath(int lb, Shape shape) {
        return String.format(Locale.ROOT, switch (shape) {
            case ROOT_PER_LB -> "infra/lb-%02d/main.tf";
            case ONE_BIG_ROOT -> "infra/edge/lb-%02d.tf";
            case DEEP_MODULES -> "infra/live/prod/lb-%02d.tf";
        }, lb);
    }

    /** The deep shape's files that no commit edits: the root's module call and the three modules. */
    private static Map<String, String> moduleTree(int lbs) {
        StringBuilder given = new StringBuilder();
        for (int lb = 0; lb < lbs; lb++) {
            given.append(String.format(Locale.ROOT, "    lb%1$02d = local.lb%1$02d%n", lb));
        }
        Map<String, String> files = new TreeMap<>();
        files.put("infra/live/prod/main.tf", """
                module "edge" {
                  source = "../../modules/edge"
                  load_balancers = {
                %s  }
                }
                """.formatted(given));
        files.put("infra/modules/edge/main.tf", """
                variable "load_balancers" {
                  type = any
                }

                module "alb" {
                  for_each = var.load_balancers
                  source   = "../alb"
                  name     = each.key
                  rules    = each.value.rules
                }
                """);
        files.put("infra/modules/alb/main.tf", """
                variable "name" {
                  type = string
                }

                variable "rules" {
                  type = any
                }

                %s
                module "rule" {
                  for_each         = { for i, r in var.rules : tostring(i) => r }
                  source           = "../rule"
                  listener_arn     = aws_lb_listener.this.arn
                  priority         = tonumber(each.key) + 1
                  host             = each.value.host
                  paths            = each.value.paths
                  target_group_arn = aws_lb_target_group.this[each.value.target].arn
                  tags = {
                    Service   = each.value.service
                    Team      = each.value.team
                    ManagedBy = "terraform"
                  }
                }
                """.formatted(lbResources("this", "${var.name}")));
        files.put("infra/modules/rule/main.tf", """
                variable "listener_arn" {
                  type = string
                }

                variable "priority" {
                  type = number
                }

                variable "host" {
                  type = string
                }

                variable "paths" {
                  type = list(string)
                }

                variable "target_group_arn" {
                  type = string
                }

                variable "tags" {
                  type = map(string)
                }

                resource "aws_lb_listener_rule" "this" {
                  listener_arn = var.listener_arn
                  priority     = var.priority
                  action {
                    type             = "forward"
                    target_group_arn = var.target_group_arn
                  }
                  condition {
                    host_header {
                      values = [var.host]
                    }
                  }
                  condition {
                    path_pattern {
                      values = var.paths
                    }
                  }
                  tags = var.tags
                }
                """);
        return files;
    }

    private static String appPath(int f) {
        return String.format(Locale.ROOT, "app/src/m%02d/F%d.java", f % 20, f);
    }

    private static ObjectId blob(ObjectInserter ins, String text) throws IOException {
        return ins.insert(Constants.OBJ_BLOB, text.getBytes(StandardCharsets.UTF_8));
    }

    private static ObjectId tree(ObjectInserter ins, Map<String, ObjectId> files) throws IOException {
        DirCache dc = DirCache.newInCore();
        DirCacheBuilder b = dc.builder();
        files.forEach((path, id) -> {
            DirCacheEntry e = new DirCacheEntry(path);
            e.setFileMode(FileMode.REGULAR_FILE);
            e.setObjectId(id);
            b.add(e);
        });
        b.finish();
        return dc.writeTree(ins);
    }

    private static ObjectId commit(ObjectInserter ins, ObjectId tree, ObjectId parent, String message, int n)
            throws IOException {
        PersonIdent who = new PersonIdent("dev" + (n % 7), "dev" + (n % 7) + "@bench.test",
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * n), ZoneOffset.UTC);
        CommitBuilder cb = new CommitBuilder();
        cb.setTreeId(tree);
        if (parent != null) {
            cb.setParentId(parent);
        }
        cb.setAuthor(who);
        cb.setCommitter(who);
        cb.setMessage(message + "\n");
        return ins.insert(cb);
    }

    /**
     * A load balancer, its four target groups and its HTTPS listener, as resources labelled {@code label}, named
     * after {@code name} (a literal or an interpolation): one root module's, or the load-balancer module's.
     */
    private static String lbResources(String label, String name) {
        return String.format(Locale.ROOT, """
                resource "aws_lb" "%1$s" {
                  name               = "bench-%2$s"
                  load_balancer_type = "application"
                  subnets            = ["subnet-a", "subnet-b"]
                }

                resource "aws_lb_target_group" "%1$s" {
                  for_each = toset(["web", "api", "static", "canary"])
                  name     = "%2$s-${each.key}"
                  port     = 8080
                  protocol = "HTTP"
                  vpc_id   = "vpc-1"
                }

                resource "aws_lb_listener" "%1$s" {
                  load_balancer_arn = aws_lb.%1$s.arn
                  port              = 443
                  protocol          = "HTTPS"
                  certificate_arn   = "arn:aws:acm:eu-west-1:123456789012:certificate/bench"
                  default_action {
                    type             = "forward"
                    target_group_arn = aws_lb_target_group.%1$s["web"].arn
                  }
                }
                """, label, name);
    }

    /** The deep shape's data of one load balancer: its rules, for the module tree. */
    private static String rulesData(int lb, int[] targets) {
        String[] tgs = {"web", "api", "static", "canary"};
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "locals {%n  lb%02d = {%n    rules = [%n", lb));
        for (int r = 0; r < targets.length; r++) {
            s.append(String.format(Locale.ROOT, """
                          {
                            host    = "svc%2$d.lb%1$02d.example.com"
                            paths   = ["/v%3$d/*", "/svc%2$d/*"]
                            target  = "%4$s"
                            service = "svc%2$d"
                            team    = "team-%5$d"
                          },
                    """, lb, r, r % 3, tgs[targets[r]], r % 9));
        }
        return s.append("    ]\n  }\n}\n").toString();
    }

    /** One load balancer's root module; {@code targets} picks each rule's target group. */
    static String lbFile(int lb, int[] targets) {
        return lbFile(lb, targets, Shape.ROOT_PER_LB);
    }

    static String lbFile(int lb, int[] targets, Shape shape) {
        if (shape == Shape.DEEP_MODULES) {
            return rulesData(lb, targets);
        }
        String n = String.format(Locale.ROOT, "lb%02d", lb);
        StringBuilder s = new StringBuilder(lbResources(n, n)).append('\n');
        String[] tgs = {"web", "api", "static", "canary"};
        for (int r = 0; r < targets.length; r++) {
            s.append(String.format(Locale.ROOT, """
                    resource "aws_lb_listener_rule" "%1$s_r%2$d" {
                      listener_arn = aws_lb_listener.%1$s.arn
                      priority     = %3$d
                      action {
                        type             = "forward"
                        target_group_arn = aws_lb_target_group.%1$s["%4$s"].arn
                      }
                      condition {
                        host_header {
                          values = ["svc%2$d.%1$s.example.com"]
                        }
                      }
                      condition {
                        path_pattern {
                          values = ["/v%5$d/*", "/svc%2$d/*"]
                        }
                      }
                    %6$s}

                    """, n, r, r + 1, tgs[targets[r]], r % 3, shape == Shape.ROOT_PER_LB ? "" : String.format(
                    Locale.ROOT, """
                      tags = {
                        Service     = "svc%2$d"
                        Team        = "team-%3$d"
                        Environment = "production"
                        CostCenter  = "cc-%4$04d"
                        ManagedBy   = "terraform"
                        Owner       = "team-%3$d@example.com"
                        Runbook     = "https://runbooks.example.com/edge/%1$s/svc%2$d"
                        Repository  = "https://git.example.com/platform/edge-infrastructure"
                        Description = "Routes svc%2$d.%1$s.example.com to its service; changes need review"
                      }
                    """, n, r, r % 9, lb * 100 + r)));
        }
        return s.toString();
    }
}
