package io.github.cnnlstm.base;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The numerical set-up that makes training give the same bits on every x86-64 CPU with AVX2.
 *
 * <p>Two things decide the bits of a trained model besides the seeds. The first is the BLAS kernel:
 * ND4J's bundled OpenBLAS picks its matrix kernels from the CPU when it loads, and it knows neither
 * every new CPU nor what the others would have picked. {@link #configure()} therefore chooses the
 * Haswell kernels (AVX2 and FMA, which every Intel CPU since 2013 and every AMD Zen has) before
 * OpenBLAS loads, instead of letting it detect. The second is the thread count: OpenBLAS splits a
 * product between its threads in a way that changes the rounding, so it runs on one thread. The
 * course's own layers run examples in parallel on Java's common pool, but each example's work and
 * the order of every sum are fixed, so their results do not depend on the number of threads.
 *
 * <p>Every JVM of the project calls {@code configure()} first: the JUnit run and the benchmarks; the
 * notebook kernel calls {@link #configureInBackground()} when it starts. {@code
 * training.Fingerprint} then digests a short seeded training run, so that a machine can tell
 * whether it computes exactly like the one the notebooks' outputs were recorded on.
 *
 * <p>The choice can be overridden with the environment variable {@code CNN_LSTM_BLAS_CORETYPE}:
 * an OpenBLAS core name such as {@code Prescott} (the generic SSE3 kernels) runs the course as a
 * CPU without AVX2 would, or {@code auto} leaves the choice to OpenBLAS.
 */
public final class Numerics {
    private Numerics() {}

    /** The OpenBLAS kernels chosen on every x86-64 CPU that has AVX2 and FMA. */
    public static final String REFERENCE_CORE = "Haswell";

    private static final String OVERRIDE = "CNN_LSTM_BLAS_CORETYPE";
    /** Set in the kernel's environment: ND4J then leaves OpenBLAS's thread count as it finds it. */
    static final String SKIP_BLAS_THREADS = "ND4J_SKIP_BLAS_THREADS";

    private static String summary;
    /** How the BLAS kernel was chosen; set once the choice is made (also when ND4J still loads). */
    private static String how;

    private static Throwable failure;

    /**
     * Chooses the BLAS kernel and the thread count, once per JVM; later calls return the same
     * summary. Call it before anything touches ND4J: the kernel can be chosen only before OpenBLAS
     * loads (if it has loaded already, the summary says which kernel it runs).
     *
     * @return one line: the OpenBLAS kernel in use, how it was chosen, and the BLAS threads
     */
    public static synchronized String configure() {
        if (summary != null) {
            return summary;
        }
        if (failure != null) {
            throw new IllegalStateException("ND4J failed to load at the kernel's start: " + failure, failure);
        }
        if (how == null) {
            how = choose();
        }
        // loads ND4J and OpenBLAS; one BLAS thread keeps every product's rounding fixed
        Nd4j.factory().blas().setMaxThreads(1);
        summary = String.format(
                Locale.ROOT,
                "OpenBLAS kernel %s (%s), %d BLAS thread",
                blasCore(),
                how,
                Nd4j.factory().blas().getMaxThreads());
        return summary;
    }

    /**
     * {@link #configure()} for the notebook kernel's start-up, without making the kernel wait for
     * ND4J to load (about a second): the BLAS kernel and one BLAS thread are chosen at once, and
     * ND4J loads on a background thread. A cell that uses ND4J before the load has ended waits for
     * it, as it would for a load of its own.
     *
     * <p>OpenBLAS then runs one thread from the moment it loads, whichever thread loads it: it
     * reads {@code OPENBLAS_NUM_THREADS}, set here first, and ND4J leaves the count alone when the
     * environment variable {@value #SKIP_BLAS_THREADS} is set, as the course's kernelspec does
     * (ND4J would otherwise raise it to the number of cores while it loads). Without that variable
     * this is {@code configure()}, waited for. Should the load fail, a later {@code configure()}
     * throws its error again.
     */
    public static synchronized void configureInBackground() {
        if (how != null) {
            return; // chosen already: configured, or loading
        }
        String skip = System.getenv(SKIP_BLAS_THREADS);
        if (skip == null || skip.isBlank()) {
            configure();
            return;
        }
        how = choose();
        Thread loading = new Thread(
                () -> {
                    try {
                        configure();
                    } catch (RuntimeException | LinkageError e) {
                        failed(e);
                    }
                },
                "cnn-lstm-nd4j-load");
        loading.setDaemon(true);
        loading.start();
    }

    private static synchronized void failed(Throwable e) {
        failure = e;
    }

    /**
     * The BLAS kernel (OPENBLAS_CORETYPE) and one BLAS thread (OPENBLAS_NUM_THREADS), set in this
     * process's environment for OpenBLAS to read when it loads; returns how the kernel was chosen.
     */
    static String choose() {
        if (blasLoaded()) {
            return "OpenBLAS had loaded before the choice";
        }
        setenv("OPENBLAS_NUM_THREADS", "1");
        String override = System.getenv(OVERRIDE);
        String wanted = override != null && !override.isBlank() ? override.trim() : defaultCore();
        if (wanted == null || wanted.equalsIgnoreCase("auto")) {
            return override != null ? OVERRIDE + "=auto" : "no AVX2 and FMA found: OpenBLAS's own choice";
        } else if (setenv("OPENBLAS_CORETYPE", wanted)) {
            return override != null ? "chosen by " + OVERRIDE : "chosen for this CPU (AVX2, FMA)";
        } else {
            return "OPENBLAS_CORETYPE could not be set here: OpenBLAS's own choice";
        }
    }

    /**
     * The name of the kernel OpenBLAS runs, as OpenBLAS reports it ({@code "Haswell"},
     * {@code "Prescott"}, …), or {@code "unknown"} where it cannot be asked.
     */
    public static String blasCore() {
        Function f = openBlasFunction("openblas_get_corename");
        try {
            return f == null ? "unknown" : f.invokeString(new Object[0], false).trim();
        } catch (RuntimeException | LinkageError e) {
            return "unknown";
        }
    }

    /**
     * The number of threads OpenBLAS runs, as OpenBLAS itself reports it, or -1 where it cannot be
     * asked (OpenBLAS not loaded yet).
     */
    public static int blasThreads() {
        Function f = openBlasFunction("openblas_get_num_threads");
        try {
            return f == null ? -1 : f.invokeInt(new Object[0]);
        } catch (RuntimeException | LinkageError e) {
            return -1;
        }
    }

    /** A function of the loaded OpenBLAS, or null when OpenBLAS has not loaded or lacks it. */
    private static Function openBlasFunction(String name) {
        String path = loadedLibrary("openblas");
        if (path == null) {
            return null;
        }
        try {
            return NativeLibrary.getInstance(path).getFunction(name);
        } catch (RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Haswell where the CPU has AVX2 and FMA (x86-64 Linux or macOS), otherwise null. */
    static String defaultCore() {
        String arch = System.getProperty("os.arch", "");
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return null;
        }
        String flags = cpuFlags().toLowerCase(Locale.ROOT);
        return flags.contains("avx2") && flags.contains("fma") ? REFERENCE_CORE : null;
    }

    private static String cpuFlags() {
        try {
            Path cpuinfo = Path.of("/proc/cpuinfo");
            if (Files.isReadable(cpuinfo)) {
                return Files.readAllLines(cpuinfo, StandardCharsets.US_ASCII).stream()
                        .filter(l -> l.startsWith("flags"))
                        .findFirst()
                        .orElse("");
            }
            if (Platform.isMac()) {
                Process p = new ProcessBuilder("sysctl", "-n", "machdep.cpu.features", "machdep.cpu.leaf7_features")
                        .redirectErrorStream(true)
                        .start();
                return new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            }
        } catch (IOException e) {
            // no flags: OpenBLAS chooses
        }
        return "";
    }

    private static boolean setenv(String name, String value) {
        if (Platform.isWindows()) {
            return false; // OpenBLAS reads its C runtime's copy of the environment there
        }
        try {
            Function f = NativeLibrary.getInstance(Platform.C_LIBRARY_NAME).getFunction("setenv");
            return f.invokeInt(new Object[] {name, value, 1}) == 0;
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static boolean blasLoaded() {
        return loadedLibrary("openblas") != null;
    }

    /** The path of a loaded JavaCPP library whose name starts with {@code prefix}, or null. */
    private static String loadedLibrary(String prefix) {
        for (Map.Entry<String, String> e : Loader.getLoadedLibraries().entrySet()) {
            String name = Path.of(e.getValue()).getFileName().toString();
            if (name.startsWith("lib" + prefix) || name.startsWith(prefix)) {
                return e.getValue();
            }
        }
        return null;
    }
}
