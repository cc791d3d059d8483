package io.github.cnnlstm.base;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

/**
 * What the course's notebook kernel does when it starts and when it is asked to shut down: an
 * extension of the Java kernel (JJava), which finds it on the kernel's classpath through {@code
 * META-INF/services/org.dflib.jjava.jupyter.Extension} and calls it.
 *
 * <p>An extension rather than a start-up script, because the kernel compiles every statement of its
 * start-up script before it answers its first request, which costs the student about 0.4 s at every
 * start; an extension is called without compiling anything. The kernel loads it with the classes
 * the notebook's cells see, so the ND4J it starts loading is the cells' ND4J.
 */
public final class KernelExtension implements Extension {
    /** Called by the kernel (through {@link java.util.ServiceLoader}). */
    public KernelExtension() {}

    /**
     * Chooses the BLAS set-up and loads ND4J in the background ({@link
     * Numerics#configureInBackground()}) and makes the kernel exit with the process that started it
     * ({@link KernelParent#exitWithParent()}).
     */
    @Override
    public void install(BaseKernel kernel) {
        Numerics.configureInBackground();
        KernelParent.exitWithParent();
    }

    /**
     * Called by the kernel on the thread that handles a shutdown request (JupyterLab's restart or
     * shutdown), before the kernel answers it and closes its connection: the JVM exits as soon as
     * that thread has ended ({@link KernelParent#exitAfter(Thread)}), by when the answer has been
     * sent.
     */
    @Override
    public void uninstall(BaseKernel kernel) {
        KernelParent.exitAfter(Thread.currentThread());
    }
}
