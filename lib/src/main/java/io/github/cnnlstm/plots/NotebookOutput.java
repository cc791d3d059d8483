package io.github.cnnlstm.plots;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one place that talks to the JJava kernel's display API, by reflection, so that the library
 * compiles against JJava's extension interface only ({@code base.KernelExtension}) and a plain JVM
 * (JUnit, the benchmarks) runs without JJava: output bundles ({@code DisplayData}), and showing or
 * replacing them in the running notebook.
 *
 * <p>Seen with JJava 1.0a8: a cell's last value that is a {@code DisplayData} is sent exactly as
 * built (each MIME type's value as JSON: a string, or a map as a JSON object), and so is a bundle
 * given to the kernel's own {@code display(DisplayData)}. The notebook's {@code display(Object)} and
 * {@code updateDisplay(String, Object)} do not keep a bundle: they render it as its
 * {@code toString()}. So displays of bundles go through here.
 */
final class NotebookOutput {
    private static final String DISPLAY_DATA = "org.dflib.jjava.jupyter.kernel.display.DisplayData";
    private static final String STATICS = "org.dflib.jjava.kernel.JavaNotebookStatics";

    private NotebookOutput() {}

    /**
     * A JJava bundle with {@code text} as text/plain and each entry of {@code data} (MIME type →
     * content: a string, base64 for binary types, or a map for a JSON type) in it; outside JJava,
     * {@code fallback}.
     */
    static Object bundle(String text, Map<String, ?> data, Object fallback) {
        try {
            Class<?> type = Class.forName(DISPLAY_DATA, true, loader());
            Object bundle = type.getConstructor(String.class).newInstance(text);
            Method putData = type.getMethod("putData", String.class, Object.class);
            for (Map.Entry<String, ?> e : new TreeMap<>(data).entrySet()) {
                putData.invoke(bundle, e.getKey(), e.getValue());
            }
            return bundle;
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return fallback;
        }
    }

    /** Whether {@code output} is a JJava bundle (and so can be displayed). */
    static boolean isBundle(Object output) {
        return output != null && output.getClass().getName().equals(DISPLAY_DATA);
    }

    /**
     * Shows a bundle in the running notebook now, under the id {@code displayId} if not null (for
     * {@link #update}). Returns false, showing nothing, outside JJava or for anything but a bundle.
     */
    static boolean display(Object bundle, String displayId) {
        if (!isBundle(bundle)) {
            return false;
        }
        try {
            if (displayId != null) {
                bundle.getClass().getMethod("setDisplayId", String.class).invoke(bundle, displayId);
            }
            Object kernel = kernel();
            kernel.getClass().getMethod("display", bundle.getClass()).invoke(kernel, bundle);
            return true;
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return false;
        }
    }

    /**
     * Replaces what the display {@code displayId} shows by {@code bundle} (Jupyter's
     * update_display_data). Returns false, doing nothing, outside JJava or for anything but a bundle.
     */
    static boolean update(String displayId, Object bundle) {
        if (!isBundle(bundle)) {
            return false;
        }
        try {
            Object kernel = kernel();
            Object io = kernel.getClass().getMethod("getIO").invoke(kernel);
            Object stream = io.getClass().getField("display").get(io);
            stream.getClass()
                    .getMethod("updateDisplay", String.class, bundle.getClass())
                    .invoke(stream, displayId, bundle);
            return true;
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return false;
        }
    }

    private static Object kernel() throws ReflectiveOperationException {
        Object kernel =
                Class.forName(STATICS, true, loader()).getMethod("kernel").invoke(null);
        if (kernel == null) {
            throw new ClassNotFoundException("no JJava kernel is running");
        }
        return kernel;
    }

    private static ClassLoader loader() {
        return Thread.currentThread().getContextClassLoader();
    }
}
