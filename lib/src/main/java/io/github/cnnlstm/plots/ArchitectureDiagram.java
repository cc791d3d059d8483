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
    /** Left and right margin; the title's and the footnote's left edge. */
    private static final int MARGIN = 20;
    /** Height of the arrows, the middle of every block. */
    private static final int MID = 165;
    /** Room between an arrow's tip and the block it points at. */
    private static final int ARROW_GAP = 5;
    /** Baseline-to-baseline distance of the 12-point lines inside the CNN and LSTM blocks. */
    private static final int LINE = 20;
    /** Baseline-to-baseline distance of short follow-on lines. */
    private static final int SHORT_LINE = 16;

    /** The video: a stack of frames seen from the front, each one a step up and to the right. */
    private static final int VIDEO_X = 30;

    private static final int FRAME_SIDE = 70;
    private static final int FRAMES_DRAWN = 4;
    private static final int FRAME_STEP = 10;
    private static final int VIDEO_TOP = MID - 45;
    private static final int VIDEO_RIGHT = VIDEO_X + FRAME_SIDE + (FRAMES_DRAWN - 1) * FRAME_STEP;

    /** The per-frame CNN: a box with two copies behind it. */
    private static final Block CNN_BOX = new Block(245, 275, 130);

    private static final int CNN_COPIES = 2;
    private static final int CNN_COPY_STEP = 8;
    /** The second arrow starts this far right of the CNN's front box, clear of its copies. */
    private static final int AFTER_CNN = 25;

    private static final Block LSTM_BOX = new Block(700, 150, 90);
    private static final Block DENSE_BOX = new Block(950, 120, 90);
    /** The centre of the output's caption, right of the last arrow's middle. */
    private static final int OUTPUT_CENTRE = WIDTH - 60;

    /** A block of the network: left edge, width and height, centred on {@link #MID}. */
    private record Block(int x, int width, int height) {
        int top() {
            return MID - height / 2;
        }

        int right() {
            return x + width;
        }

        int centre() {
            return x + width / 2;
        }
    }

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
        Graphics2D g = Canvas.start(image);
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("The CNN-LSTM: the same CNN on every frame, an LSTM across the frames", MARGIN, 28);
            drawVideo(g, n);
            drawCnn(g, config);
            drawLstmAndDense(g, config.lstmUnits());
            drawArrows(g, config);
            g.setColor(MUTED);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            g.drawString(
                    "Shapes in DL4J's recurrent layout [batch, features, time]; Keras orders them "
                            + "[batch, time, features].",
                    MARGIN,
                    HEIGHT - 16);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The stack of frames, a line drawn in the front one, and the video's size below. */
    private static void drawVideo(Graphics2D g, int n) {
        for (int i = FRAMES_DRAWN - 1; i >= 0; i--) {
            int x = VIDEO_X + i * FRAME_STEP;
            int y = VIDEO_TOP - i * FRAME_STEP;
            g.setColor(FRAME);
            g.fillRect(x, y, FRAME_SIDE, FRAME_SIDE);
            g.setColor(INK);
            g.drawRect(x, y, FRAME_SIDE, FRAME_SIDE);
        }
        g.setStroke(new BasicStroke(2f));
        g.drawLine(VIDEO_X + 10, VIDEO_TOP + 65, VIDEO_X + 55, VIDEO_TOP + 30);
        g.setStroke(new BasicStroke(1f));
        int centre = (VIDEO_X + VIDEO_RIGHT) / 2;
        int below = VIDEO_TOP + FRAME_SIDE + 30;
        centred(g, n + " frames", centre, below, Font.BOLD, 13);
        centred(g, n + "×" + n + " pixels, 1 channel", centre, below + 17, Font.PLAIN, 12);
    }

    /** The CNN's box with its copies behind it and its three stages, one line each. */
    private static void drawCnn(Graphics2D g, ModelConfig config) {
        Block b = CNN_BOX;
        for (int i = CNN_COPIES; i >= 1; i--) {
            box(g, b.x() + i * CNN_COPY_STEP, b.top() - i * CNN_COPY_STEP, b.width(), b.height(), CNN);
        }
        box(g, b.x(), b.top(), b.width(), b.height(), CNN);
        int cx = b.centre();
        int first = MID - 14; // the first stage's baseline
        centred(g, "CNN, same weights on every frame", cx, first - 26, Font.BOLD, 13);
        int kernel = config.kernelSize();
        int pool = config.poolSize();
        int filters = config.filters();
        String[] stages = {
            String.format(
                    Locale.ROOT,
                    "Conv2D %d filters %d×%d, ReLU → %d×%d×%d",
                    filters,
                    kernel,
                    kernel,
                    config.mapSide(),
                    config.mapSide(),
                    filters),
            String.format(
                    Locale.ROOT,
                    "MaxPool %d×%d → %d×%d×%d",
                    pool,
                    pool,
                    config.pooledSide(),
                    config.pooledSide(),
                    filters),
            String.format(Locale.ROOT, "flatten → %,d features", config.featuresPerFrame())
        };
        for (int i = 0; i < stages.length; i++) {
            centred(g, stages[i], cx, first + i * LINE, Font.PLAIN, 12);
        }
        centred(g, "(Keras: TimeDistributed)", cx, first + (stages.length - 1) * LINE + 24, Font.ITALIC, 12);
    }

    /** The LSTM's and the dense layer's boxes, each named in bold with what it does below. */
    private static void drawLstmAndDense(Graphics2D g, int units) {
        int name = MID - 8; // the names' baseline
        box(g, LSTM_BOX.x(), LSTM_BOX.top(), LSTM_BOX.width(), LSTM_BOX.height(), LSTM);
        centred(g, "LSTM(" + units + ")", LSTM_BOX.centre(), name, Font.BOLD, 14);
        centred(g, "reads the frames", LSTM_BOX.centre(), name + LINE, Font.PLAIN, 12);
        centred(g, "in order; last step", LSTM_BOX.centre(), name + LINE + SHORT_LINE, Font.PLAIN, 12);

        box(g, DENSE_BOX.x(), DENSE_BOX.top(), DENSE_BOX.width(), DENSE_BOX.height(), DENSE);
        centred(g, "Dense(4)", DENSE_BOX.centre(), name, Font.BOLD, 14);
        centred(g, "softmax", DENSE_BOX.centre(), name + LINE, Font.PLAIN, 12);
    }

    /** The arrows between the blocks, each with the tensor's shape above and its meaning below. */
    private static void drawArrows(Graphics2D g, ModelConfig config) {
        int n = config.size();
        String frames = String.format(Locale.ROOT, "%,d", n);
        String features = String.format(Locale.ROOT, "%,d", config.featuresPerFrame());
        arrow(
                g,
                VIDEO_RIGHT + ARROW_GAP,
                CNN_BOX.x() - ARROW_GAP,
                "[batch, " + String.format(Locale.ROOT, "%,d", n * n) + ", " + frames + "]",
                "pixels × frames");
        arrow(
                g,
                CNN_BOX.right() + AFTER_CNN,
                LSTM_BOX.x() - ARROW_GAP,
                "[batch, " + features + ", " + frames + "]",
                frames + " vectors of " + features);
        arrow(g, LSTM_BOX.right(), DENSE_BOX.x() - ARROW_GAP, "[batch, " + config.lstmUnits() + "]", "summary");
        arrow(g, DENSE_BOX.right(), WIDTH - MARGIN, "[batch, 4]", "");
        String[] output = {"probability of", "Down, Left,", "Right, Up"};
        for (int i = 0; i < output.length; i++) {
            centred(g, output[i], OUTPUT_CENTRE, MID + 40 + i * SHORT_LINE, Font.PLAIN, 12);
        }
    }

    private static void box(Graphics2D g, int x, int y, int w, int h, Color fill) {
        g.setColor(fill);
        g.fillRoundRect(x, y, w, h, 14, 14);
        g.setColor(INK);
        g.drawRoundRect(x, y, w, h, 14, 14);
    }

    /** An arrow from x0 to x1 at height {@link #MID}. */
    private static void arrow(Graphics2D g, int x0, int x1, String shape, String meaning) {
        int y = MID;
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
