package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.model.ModelConfig;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.util.Locale;

/**
 * A picture of the CNN-LSTM: the frames, the same small CNN applied to each of them, the LSTM that
 * reads the per-frame vectors in order, and the dense layer that decides, with the tensor shape on
 * every arrow. Drawn from a {@link ModelConfig}, so it shows the model that config builds.
 */
public final class ArchitectureDiagram {
    private static final Color INK = new Color(40, 40, 40);
    private static final Color MUTED = new Color(110, 110, 110);
    private static final Color CNN = new Color(222, 235, 247);
    private static final Color LSTM = new Color(229, 245, 224);
    private static final Color DENSE = new Color(254, 230, 206);
    private static final Color FRAME = new Color(250, 250, 250);
    private static final int WIDTH = 1180;
    private static final int HEIGHT = 300;

    private ArchitectureDiagram() {}

    /** The diagram as an image (JJava shows it inline as PNG), described in words for text views. */
    public static Picture draw(ModelConfig config) {
        Check.notNull("config", config);
        int n = config.size();
        Picture image = new Picture(
                WIDTH,
                HEIGHT,
                String.format(
                        Locale.ROOT,
                        "the CNN-LSTM: %d frames of %d×%d → the same CNN on every frame (%d filters, %,d features) "
                                + "→ LSTM(%d) → Dense(4, softmax)",
                        n,
                        n,
                        n,
                        config.filters(),
                        config.featuresPerFrame(),
                        config.lstmUnits()));
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("The CNN-LSTM: the same CNN on every frame, an LSTM across the frames", 20, 28);

            int mid = 165;
            // the video: a stack of frames
            for (int i = 3; i >= 0; i--) {
                int x = 30 + i * 10;
                int y = mid - 45 - i * 10;
                g.setColor(FRAME);
                g.fillRect(x, y, 70, 70);
                g.setColor(INK);
                g.drawRect(x, y, 70, 70);
            }
            g.setStroke(new BasicStroke(2f));
            g.drawLine(40, mid + 20, 85, mid - 15); // a line in the front frame
            g.setStroke(new BasicStroke(1f));
            centred(g, n + " frames", 80, mid + 55, Font.BOLD, 13);
            centred(g, n + "×" + n + " pixels, 1 channel", 80, mid + 72, Font.PLAIN, 12);

            // the per-frame CNN, drawn as a stack of identical boxes
            int cnnX = 245;
            int cnnW = 275;
            for (int i = 2; i >= 1; i--) {
                box(g, cnnX + i * 8, mid - 65 - i * 8, cnnW, 130, CNN);
            }
            box(g, cnnX, mid - 65, cnnW, 130, CNN);
            int cx = cnnX + cnnW / 2;
            centred(g, "CNN, same weights on every frame", cx, mid - 40, Font.BOLD, 13);
            int kernel = config.kernelSize();
            centred(
                    g,
                    String.format(
                            Locale.ROOT,
                            "Conv2D %d filters %d×%d, ReLU → %d×%d×%d",
                            config.filters(),
                            kernel,
                            kernel,
                            config.mapSide(),
                            config.mapSide(),
                            config.filters()),
                    cx,
                    mid - 14,
                    Font.PLAIN,
                    12);
            centred(
                    g,
                    String.format(
                            Locale.ROOT,
                            "MaxPool %d×%d → %d×%d×%d",
                            config.poolSize(),
                            config.poolSize(),
                            config.pooledSide(),
                            config.pooledSide(),
                            config.filters()),
                    cx,
                    mid + 6,
                    Font.PLAIN,
                    12);
            centred(
                    g,
                    String.format(Locale.ROOT, "flatten → %,d features", config.featuresPerFrame()),
                    cx,
                    mid + 26,
                    Font.PLAIN,
                    12);
            centred(g, "(Keras: TimeDistributed)", cx, mid + 50, Font.ITALIC, 12);

            int lstmX = 700;
            box(g, lstmX, mid - 45, 150, 90, LSTM);
            centred(g, "LSTM(" + config.lstmUnits() + ")", lstmX + 75, mid - 8, Font.BOLD, 14);
            centred(g, "reads the frames", lstmX + 75, mid + 12, Font.PLAIN, 12);
            centred(g, "in order; last step", lstmX + 75, mid + 28, Font.PLAIN, 12);

            int denseX = 950;
            box(g, denseX, mid - 45, 120, 90, DENSE);
            centred(g, "Dense(4)", denseX + 60, mid - 8, Font.BOLD, 14);
            centred(g, "softmax", denseX + 60, mid + 12, Font.PLAIN, 12);

            String frames = String.format(Locale.ROOT, "%,d", n);
            arrow(
                    g,
                    135,
                    cnnX - 5,
                    mid,
                    "[batch, " + String.format(Locale.ROOT, "%,d", n * n) + ", " + frames + "]",
                    "pixels × frames");
            arrow(
                    g,
                    cnnX + cnnW + 25,
                    lstmX - 5,
                    mid,
                    String.format(Locale.ROOT, "[batch, %,d, %s]", config.featuresPerFrame(), frames),
                    frames + " vectors of " + String.format(Locale.ROOT, "%,d", config.featuresPerFrame()));
            arrow(g, lstmX + 150, denseX - 5, mid, "[batch, " + config.lstmUnits() + "]", "summary");
            arrow(g, denseX + 120, WIDTH - 20, mid, "[batch, 4]", "");
            centred(g, "probability of", WIDTH - 60, mid + 40, Font.PLAIN, 12);
            centred(g, "Down, Left,", WIDTH - 60, mid + 56, Font.PLAIN, 12);
            centred(g, "Right, Up", WIDTH - 60, mid + 72, Font.PLAIN, 12);

            g.setColor(MUTED);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(
                    "Shapes in DL4J's recurrent layout [batch, features, time]; Keras orders them "
                            + "[batch, time, features].",
                    20,
                    HEIGHT - 16);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void box(Graphics2D g, int x, int y, int w, int h, Color fill) {
        g.setColor(fill);
        g.fillRoundRect(x, y, w, h, 14, 14);
        g.setColor(INK);
        g.drawRoundRect(x, y, w, h, 14, 14);
    }

    private static void arrow(Graphics2D g, int x0, int x1, int y, String shape, String meaning) {
        g.setColor(INK);
        g.setStroke(new BasicStroke(1.6f));
        g.drawLine(x0, y, x1 - 8, y);
        g.fillPolygon(new int[] {x1, x1 - 10, x1 - 10}, new int[] {y, y - 5, y + 5}, 3);
        g.setStroke(new BasicStroke(1f));
        int cx = (x0 + x1) / 2;
        centred(g, shape, cx, y - 10, Font.PLAIN, 11);
        g.setColor(MUTED);
        centred(g, meaning, cx, y + 20, Font.PLAIN, 11);
        g.setColor(INK);
    }

    private static void centred(Graphics2D g, String text, int cx, int baseline, int style, int size) {
        g.setFont(new Font(Font.SANS_SERIF, style, size));
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, cx - m.stringWidth(text) / 2, baseline);
    }
}
