package io.github.cnnlstm.plots;

import java.lang.reflect.Method;

/**
 * Output bundles for the JJava kernel without a compile-time dependency on it.
 *
 * <p>JJava shows a cell's last value that is one of its {@code DisplayData} bundles exactly as
 * given. Building that bundle here lets large HTML (the embedded plotly.js) carry a one-line
 * text/plain alternative instead of a second copy of the HTML.
 */
final class NotebookOutput {
    private static final String DISPLAY_DATA = "org.dflib.jjava.jupyter.kernel.display.DisplayData";

    private NotebookOutput() {
    }

    /**
     * A JJava bundle with {@code html} as text/html and {@code text} as text/plain; outside JJava,
     * the HTML string itself.
     */
    static Object html(String html, String text) {
        try {
            Class<?> type = Class.forName(DISPLAY_DATA, true, Thread.currentThread().getContextClassLoader());
            Object bundle = type.getConstructor(String.class).newInstance(text);
            Method putHtml = type.getMethod("putHTML", String.class);
            putHtml.invoke(bundle, html);
            return bundle;
        } catch (ReflectiveOperationException | LinkageError | SecurityException e) {
            return html;
        }
    }
}
