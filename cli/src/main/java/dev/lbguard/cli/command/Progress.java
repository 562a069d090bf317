package dev.lbguard.cli.command;

import java.io.PrintStream;
import java.util.function.IntConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on standard error for long walks, only when standard error is a terminal (and not
 * {@code --quiet}): a pipe or a CI log gets nothing, so the report and logs stay clean.
 */
final class Progress implements AutoCloseable {
    /** Short walks finish before a bar would be read; drawing one only flickers. */
    private static final int MINIMUM = 200;

    private final java.util.Optional<ProgressBar> bar;

    private Progress(java.util.Optional<ProgressBar> bar) {
        this.bar = bar;
    }

    static Progress of(String task, int total, boolean quiet) {
        boolean terminal = System.console() != null && !quiet && total >= MINIMUM;
        if (!terminal) {
            return new Progress(java.util.Optional.empty());
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(
                        new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true)))
                .clearDisplayOnFinish().setUpdateIntervalMillis(200).build();
        return new Progress(java.util.Optional.of(bar));
    }

    IntConsumer listener() {
        return done -> bar.ifPresent(b -> b.stepTo(done));
    }

    @Override
    public void close() {
        bar.ifPresent(ProgressBar::close);
    }
}
