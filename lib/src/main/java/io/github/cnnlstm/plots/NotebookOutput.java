package io.github.cnnlstm.plots;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;

/**
 * Output bundles for the JJava kernel without a compile-time dependency on it.
 *
 * <p>JJava shows a cell's last value that is one of its {@code DisplayData} bundles exactly as
 * given. Building that bundle here lets large HTML (the embedded plotly.js) carry a one-line
 * text/plain alternative instead of a second copy of the HTML, and lets a GIF be shown as
 * image/gif (JJava itself renders images as PNG only).
 */
final class NotebookOutput {
    private static final String DISPLAY_DATA = "org.dflib.jjava.jupyter.kernel.display.DisplayData";

    private NotebookOutput() {}

    /**
     * A JJava bundle with {@code html} as text/html and {@code text} as text/plain; outside JJava,
     * the HTML string itself.
     */
    static Object html(String html, String text) {
        return bundle(text, Map.of("text/html", html), html);
    }

    /**
     * A JJava bundle with {@code text} as text/plain and each entry of {@code data} (MIME type →
     * content, base64 for binary types) in it; outside JJava, {@code fallback}.
     */
    static Object bundle(String text, Map<String, String> data, Object fallback) {
        try {
            Class<?> type =
                    Class.forName(DISPLAY_DATA, true, Thread.currentThread().getContextClassLoader());
            Object bundle = type.getConstructor(String.class).newInstance(text);
            Method putData = type.getMethod("putData", String.class, Object.class);
            for (Map.Entry<String, String> e : new TreeMap<>(data).entrySet()) {
                putData.invoke(bundle, e.getKey(), e.getValue());
            }
            return bundle;
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return fallback;
        }
    }
}
