package io.github.cnnlstm.base;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Ends the notebook kernel's JVM when the process that started it is gone, as Python's kernel does.
 *
 * <p>Jupyter starts a kernel with the environment variable {@code JPY_PARENT_PID}, the process id
 * of the server (or other client) that started it. Python's kernel watches that process and exits
 * with it; the Java kernel does not, so a server that is killed, or stopped by a JupyterHub's idle
 * culler, would leave its Java kernels running, each holding hundreds of megabytes. The kernel's
 * start-up ({@link KernelExtension}) calls {@link #exitWithParent()}, which waits for the parent in
 * the background and then exits.
 *
 * <p>On Windows {@code JPY_PARENT_PID} holds a process handle, not an id, which Java cannot wait on:
 * there, and wherever the variable is missing or not a number, nothing is watched.
 *
 * <p>A kernel asked to shut down (JupyterLab's restart or shutdown) answers at once, but its JVM
 * then lives on for a minute: JJava's code executor keeps an idle thread that is not a daemon for
 * that long (docs/kernel.md has a reproduction), and the kernel's main thread ends only after the
 * heartbeat loop's half-second sleep. {@link KernelExtension} calls {@link #exitAfter(Thread)} with
 * the thread that handles the request, which ends within 50 ms of closing the connection.
 */
public final class KernelParent {
    /** How long {@code System.exit} may take (shutdown hooks) before the JVM is halted. */
    static final long EXIT_GRACE_MILLIS = 2_000;

    private KernelParent() {}

    /**
     * Exits this JVM, in the background, as soon as the process named by {@code JPY_PARENT_PID} has
     * ended. Returns what it watches, in words, for the start-up log.
     */
    public static String exitWithParent() {
        OptionalLong pid = parentPid(System.getenv("JPY_PARENT_PID"), System.getProperty("os.name", ""));
        if (pid.isEmpty()) {
            return "no parent process to watch";
        }
        Optional<ProcessHandle> parent = ProcessHandle.of(pid.getAsLong());
        if (parent.isEmpty() || !parent.get().isAlive()) {
            exit(); // started by a process that is already gone
        }
        parent.get().onExit().thenRun(KernelParent::exit);
        return "exits with its parent, process " + pid.getAsLong();
    }

    /**
     * Exits this JVM, in the background, as soon as {@code thread} has ended. The kernel's thread
     * that answers a shutdown request ends once it has sent the answer and closed the kernel's
     * connection: no cell can run after that.
     */
    public static void exitAfter(Thread thread) {
        afterEnd(thread, KernelParent::exit);
    }

    /** Runs {@code then} on a daemon thread as soon as {@code thread} has ended; returns that daemon. */
    static Thread afterEnd(Thread thread, Runnable then) {
        Thread watcher = new Thread(
                () -> {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        return;
                    }
                    then.run();
                },
                "kernel-main-exit");
        watcher.setDaemon(true);
        watcher.start();
        return watcher;
    }

    /**
     * The id of the process to watch, from the value of {@code JPY_PARENT_PID}: empty on Windows
     * (a handle, not an id), when missing or not a number, and for ids 0 and 1 (init adopts orphans,
     * so it says nothing about who started the kernel).
     */
    static OptionalLong parentPid(String value, String osName) {
        if (value == null || osName.toLowerCase(Locale.ROOT).startsWith("windows")) {
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(value.trim());
            return id > 1 ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static void exit() {
        // System.exit runs the shutdown hooks; should one of them hang, halt after a grace period
        Thread halt = new Thread(
                () -> {
                    try {
                        Thread.sleep(EXIT_GRACE_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    Runtime.getRuntime().halt(0);
                },
                "kernel-parent-exit");
        halt.setDaemon(true);
        halt.start();
        System.exit(0);
    }
}
