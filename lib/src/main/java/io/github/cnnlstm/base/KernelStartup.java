package io.github.cnnlstm.base;

/**
 * What the course's notebook kernel does before its first cell, in one call: the kernelspec's
 * start-up script is {@code io.github.cnnlstm.base.KernelStartup.run();}, a single statement
 * because the kernel compiles every statement of it before it is ready.
 */
public final class KernelStartup {
    private KernelStartup() {}

    /**
     * Chooses the BLAS set-up and loads ND4J in the background ({@link
     * Numerics#configureInBackground()}), and makes the kernel exit with the process that started
     * it ({@link KernelParent#exitWithParent()}) and as soon as a shutdown request has ended its
     * main thread ({@link KernelParent#exitWhenMainEnds()}).
     */
    public static void run() {
        Numerics.configureInBackground();
        KernelParent.exitWithParent();
        KernelParent.exitWhenMainEnds();
    }
}
