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
    private int unwatched; // above zero while reads are neither logged nor marked (see #unwatched)

    WatchedTree(SourceTree tree, EvalState state) {
        this.tree = tree;
        this.state = state;
    }

    @Override
    public SourceTree unrecorded() {
        return tree.unrecorded();
    }

    /** Runs {@code reads} without watching them: what they read is compared otherwise. */
    <T> T unwatched(java.util.function.Supplier<T> reads) {
        unwatched++;
        try {
            return reads.get();
        } finally {
            unwatched--;
        }
    }

    /** Whether a read is logged: outside every value, and watched. Inside a value, marks it as reading the tree. */
    private boolean logged() {
        return unwatched == 0 && state.readingTree();
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

    /**
     * Logs a question asked outside every value with its answer; the root module's own Terraform files are left
     * out (see {@link #sameAnswers}), which are most of what an evaluation reads.
     */
    private <T> T asked(String op, String path, T answer) {
        if (logged() && !rootFile(path, state.rootDir)) {
            unframed.add(new Access(op, path, answer));
        }
        return answer;
    }

    @Override
    public List<String> files(String dir) {
        return asked("files", dir, tree.files(dir));
    }

    @Override
    public List<String> directories(String dir) {
        return asked("directories", dir, tree.directories(dir));
    }

    @Override
    public boolean isFile(String path) {
        return asked("isFile", path, tree.isFile(path));
    }

    @Override
    public boolean isDirectory(String path) {
        return asked("isDirectory", path, tree.isDirectory(path));
    }

    @Override
    public byte[] read(String path) throws IOException {
        byte[] bytes = tree.read(path);
        if (logged() && !rootFile(path, state.rootDir)) {
            unframed.add(new Access("content", path, answer(tree, "content", path)));
        }
        return bytes;
    }

    @Override
    public Optional<String> contentId(String path) {
        Optional<String> id = tree.contentId(path);
        // Without an id the content cannot be compared later: the answer then equals nothing.
        asked("content", path, id.<Object>map(i -> i).orElseGet(Object::new));
        return id;
    }

    @Override
    public Followed follow(String path) {
        return asked("follow", path, tree.follow(path));
    }

    @Override
    public String revision() {
        return tree.revision();
    }
}
