package dev.lbguard.source.terraform.eval;

import dev.lbguard.source.SourceTree;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The tree one evaluation reads, watched for what reuse needs to know (see {@link Reuse}): a value computed while
 * the tree was read depends on files, so it is never reused; and what was read outside every value (the root
 * module's files, its {@code .tfvars}) is logged with its answer, so that a later evaluation reuses values only
 * when all of it reads the same, the root module's own {@code .tf} files aside (their blocks are compared one by
 * one instead).
 */
final class WatchedTree implements SourceTree {
    /** One question asked of the tree outside every value, and its answer then. */
    record Access(String op, String path, Object answer) {
    }

    private final SourceTree tree;
    private final EvalState state;
    private final List<Access> unframed = new ArrayList<>();

    WatchedTree(SourceTree tree, EvalState state) {
        this.tree = tree;
        this.state = state;
    }

    /** The tree watched. */
    SourceTree inner() {
        return tree;
    }

    /** What was asked outside every value, in order. */
    List<Access> unframed() {
        return unframed;
    }

    /**
     * Whether {@code tree} answers every logged question as this tree did, leaving out the Terraform files directly
     * in {@code rootDir}: their blocks are compared one by one (see {@link Reuse}).
     */
    static boolean sameAnswers(List<Access> accesses, SourceTree tree, String rootDir) {
        for (Access a : accesses) {
            if (a.op().equals("files") && a.path().equals(rootDir)) {
                @SuppressWarnings("unchecked")
                List<String> before = (List<String>) a.answer();
                if (!others(before).equals(others(tree.files(rootDir)))) {
                    return false;
                }
            } else if (!rootFile(a.path(), rootDir) && !a.answer().equals(answer(tree, a.op(), a.path()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean rootFile(String path, String rootDir) {
        String name = rootDir.isEmpty() ? path : path.startsWith(rootDir + "/") ? path.substring(rootDir.length() + 1)
                : null;
        return name != null && name.indexOf('/') < 0 && (name.endsWith(".tf") || name.endsWith(".tf.json"));
    }

    private static List<String> others(List<String> names) {
        return names.stream().filter(n -> !n.endsWith(".tf") && !n.endsWith(".tf.json")).toList();
    }

    private static Object answer(SourceTree tree, String op, String path) {
        return switch (op) {
            case "files" -> tree.files(path);
            case "directories" -> tree.directories(path);
            case "isFile" -> tree.isFile(path);
            case "isDirectory" -> tree.isDirectory(path);
            case "follow" -> tree.follow(path);
            // A file's content by its id; a tree without ids (files on disk) can never be compared.
            default -> tree.contentId(path).<Object>map(id -> id).orElseGet(Object::new);
        };
    }

    private void asked(String op, String path) {
        if (state.readingTree()) {
            unframed.add(new Access(op, path, answer(tree, op, path)));
        }
    }

    @Override
    public List<String> files(String dir) {
        asked("files", dir);
        return tree.files(dir);
    }

    @Override
    public List<String> directories(String dir) {
        asked("directories", dir);
        return tree.directories(dir);
    }

    @Override
    public boolean isFile(String path) {
        asked("isFile", path);
        return tree.isFile(path);
    }

    @Override
    public boolean isDirectory(String path) {
        asked("isDirectory", path);
        return tree.isDirectory(path);
    }

    @Override
    public byte[] read(String path) throws IOException {
        asked("content", path);
        return tree.read(path);
    }

    @Override
    public Optional<String> contentId(String path) {
        asked("content", path);
        return tree.contentId(path);
    }

    @Override
    public Followed follow(String path) {
        asked("follow", path);
        return tree.follow(path);
    }

    @Override
    public String revision() {
        return tree.revision();
    }
}
