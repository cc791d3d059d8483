package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import tech.tablesaw.plotly.components.Figure;

/**
 * Turns Tablesaw figures into notebook HTML that works without internet.
 *
 * <p>Plotly.js comes from the {@code org.webjars.npm:plotly.js-dist} jar on the classpath, not from
 * a CDN. {@link #setup()} embeds it once per notebook, gzipped (about a third of its 10.8 MB), and
 * unpacks it in the browser; every figure waits for it. Both live and reopened (trusted) notebooks
 * render offline.
 */
public final class PlotlyHtml {
    /** The webjar that serves plotly.js; its version is set once, in lib/pom.xml. */
    private static final String WEBJAR = "org.webjars.npm:plotly.js-dist";
    /** What every webjar carries, with its version. */
    private static final String WEBJAR_PROPERTIES = "/META-INF/maven/org.webjars.npm/plotly.js-dist/pom.properties";

    /**
     * The plotly.js version served (3.x ignores Tablesaw's string titles), as the webjar on the
     * classpath states it; {@code "(none)"} without the webjar.
     */
    public static final String PLOTLY_VERSION = webjarVersion();

    private static final String RESOURCE =
            "/META-INF/resources/webjars/plotly.js-dist/" + PLOTLY_VERSION + "/plotly.js";
    private static final String READY = "window.cnnLstmPlotly";
    /** Class of the line a chart's div shows until plotly draws it. */
    public static final String FALLBACK_CLASS = "cnnlstm-chart-fallback";

    static final String FALLBACK_TEXT =
            "Chart: run this notebook (or trust it) to draw it; the numbers are printed as text too.";
    static final String PICTURE_CAPTION =
            "A still picture of the chart: run this notebook (or trust it) to explore it interactively.";
    private static final AtomicLong NEXT_ID = new AtomicLong();
    private static volatile String cachedSetupHtml;

    private PlotlyHtml() {}

    /**
     * Loads plotly.js into the notebook page: make it the last value of the setup cell, once per
     * notebook, before the first figure. In JJava this is an output bundle whose text form is one
     * line; elsewhere it is the HTML string ({@link #setupHtml()}).
     *
     * @throws IllegalStateException if the plotly.js webjar is not on the classpath
     */
    public static Object setup() {
        return NotebookOutput.html(setupHtml(), "plotly.js " + PLOTLY_VERSION + " loaded (offline)");
    }

    /**
     * The HTML behind {@link #setup()}: plotly.js from the classpath, gzipped and base64-encoded,
     * unpacked by the browser.
     */
    public static String setupHtml() {
        String html = cachedSetupHtml;
        if (html == null) {
            html = "<div style=\"font-size:small;color:#666\">plotly.js " + PLOTLY_VERSION
                    + " loaded from the classpath (works offline).</div>\n<script>\n" + READY + " = " + READY
                    + " || (async function () {\n"
                    + "  if (window.Plotly) { return window.Plotly; }\n"
                    + "  const bytes = Uint8Array.from(atob('" + gzippedBase64() + "'), c => c.charCodeAt(0));\n"
                    + "  const source = await new Response(new Blob([bytes]).stream()"
                    + ".pipeThrough(new DecompressionStream('gzip'))).text();\n"
                    // With RequireJS on the page (classic notebook) plotly would register as an AMD
                    // module instead of setting window.Plotly: hide define while it loads.
                    + "  const define = window.define; window.define = undefined;\n"
                    + "  try { (0, eval)(source); } finally { window.define = define; }\n"
                    + "  return window.Plotly;\n"
                    + "})();\n</script>";
            cachedSetupHtml = html;
        }
        return html;
    }

    /** HTML for one figure, drawn once plotly.js is loaded by {@link #setup()}. */
    public static String figure(Figure figure) {
        Check.notNull("figure", figure);
        // The same notebook run gives the same ids, so refreshing committed outputs changes only
        // what really changed; the counter keeps two charts of one kernel apart even if equal.
        String content = figure.asJavascript("cnnlstm_content");
        return figure(figure, "cnnlstm_" + NEXT_ID.incrementAndGet() + "_" + String.format("%08x", content.hashCode()));
    }

    /**
     * A fresh id for a figure's div: {@code cnnlstm_1}, {@code cnnlstm_2}, … in the order a kernel
     * asks for them, so a notebook run from the top gets the same ids every time. Tablesaw names a
     * JavaScript variable after it, so it holds letters, digits and underscores only.
     */
    public static String newDivId() {
        return "cnnlstm_" + NEXT_ID.incrementAndGet();
    }

    /**
     * HTML for one figure in a div with the given id (reuse an id to redraw in place). Until
     * plotly draws, the div shows a line of text saying how to get the chart (a notebook that is
     * not trusted never runs the script).
     *
     * @throws IllegalArgumentException if the id is not a JavaScript identifier
     */
    public static String figure(Figure figure, String divId) {
        Check.notNull("figure", figure);
        Check.notNull("divId", divId);
        if (!divId.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(
                    "divId = " + divId + " is not allowed: use letters, digits and underscores (see newDivId())");
        }
        String js = figure.asJavascript(divId)
                .replace("<script>", "")
                .replace("</script>", "")
                .strip()
                .replace("document.getElementById('" + divId + "')", "target");
        // The div right before this script is the target: after a kernel restart an old output
        // with the same id may still be on the page, and getElementById would find that one.
        return "<div id=\"" + divId + "\">" + fallback(figure) + "</div>\n<script>\n(function () {\n"
                + "var script = document.currentScript;\n"
                + "var before = script ? script.previousElementSibling : null;\n"
                + "var target = before && before.id === '" + divId + "' ? before : document.getElementById('" + divId
                + "');\n"
                + "(" + READY + " || Promise.reject("
                + "'plotly.js is not loaded: run the setup cell first')).then(function () {\n"
                + "target.querySelectorAll('." + FALLBACK_CLASS + "').forEach(function (p) { p.remove(); });\n"
                + js
                + "\n}).catch(function (e) { target.textContent = String(e); });\n"
                + "})();\n</script>";
    }

    /**
     * What the div shows until plotly draws: the figure's still picture as a PNG inside the HTML
     * (static viewers and exports show a cell's text/html, not an image beside it), or a line of
     * text for a figure without one.
     */
    private static String fallback(Figure figure) {
        Picture picture = figure instanceof StyledFigure styled ? styled.picture() : null;
        String style = "color:#666;font-style:italic";
        if (picture == null) {
            return "<p class=\"" + FALLBACK_CLASS + "\" style=\"" + style + "\">" + FALLBACK_TEXT + "</p>";
        }
        return "<div class=\"" + FALLBACK_CLASS + "\"><img src=\"data:image/png;base64," + png(picture)
                + "\" width=\"" + picture.getWidth() + "\" height=\"" + picture.getHeight()
                + "\" style=\"max-width:100%;height:auto\" alt=\"" + attribute(picture.description())
                + "\"><p style=\"" + style + ";font-size:small;margin:0\">" + PICTURE_CAPTION + "</p></div>";
    }

    /** {@code image} as PNG, base64-encoded. */
    static String png(java.awt.image.RenderedImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a chart's picture as PNG", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    /** {@code text} safe inside a double-quoted HTML attribute. */
    static String attribute(String text) {
        return text.replace("&", "&amp;")
                .replace("\"", "&quot;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\n", "&#10;");
    }

    /** The version in the webjar's pom.properties, or "(none)" if the webjar is not on the classpath. */
    private static String webjarVersion() {
        try (InputStream in = PlotlyHtml.class.getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                return "(none)";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "(none)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + WEBJAR_PROPERTIES + " from the classpath", e);
        }
    }

    private static String gzippedBase64() {
        try (InputStream in = PlotlyHtml.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("plotly.js is not on the classpath (" + RESOURCE + "): add " + WEBJAR
                        + " in the version lib/pom.xml names (install-kernel.sh puts it there)");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
                in.transferTo(gz);
            }
            return Base64.getEncoder().encodeToString(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read plotly.js from the classpath", e);
        }
    }
}
