package io.github.cnnlstm.plots;

import io.github.cnnlstm.Check;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.FeatureMaps;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Locale;

/** Pictures of what the convolution learned: its 2×2 kernels and the feature maps of a frame. */
public final class FilterImages {
    private static final int CELL = 60;
    private static final int GAP = 14;
    private static final int TITLE = 18;

    private FilterImages() {
    }

    /**
     * Each filter's 2×2 kernel, blue for negative weights, red for positive, white for zero, with
     * the weight and the filter's bias written on it.
     */
    public static BufferedImage kernels(CnnLstmModel model) {
        Check.notNull("model", model);
        double[][][] k = model.convolutionKernels();
        double[] bias = model.convolutionBiases();
        double max = 1e-9;
        for (double[][] f : k) {
            for (double[] row : f) {
                for (double v : row) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        int width = GAP + k.length * (2 * CELL + GAP);
        BufferedImage image = new BufferedImage(width, TITLE + 2 * CELL + TITLE + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image);
        try {
            for (int f = 0; f < k.length; f++) {
                int x = GAP + f * (2 * CELL + GAP);
                g.setColor(Color.DARK_GRAY);
                g.drawString("filter " + (f + 1), x, TITLE - 5);
                for (int r = 0; r < 2; r++) {
                    for (int c = 0; c < 2; c++) {
                        double v = k[f][r][c];
                        g.setColor(diverging(v / max));
                        g.fillRect(x + c * CELL, TITLE + r * CELL, CELL, CELL);
                        g.setColor(Math.abs(v / max) > 0.6 ? Color.WHITE : Color.BLACK);
                        g.drawString(String.format(Locale.ROOT, "%+.2f", v), x + c * CELL + 12, TITLE + r * CELL + CELL / 2 + 4);
                    }
                }
                g.setColor(Color.GRAY);
                g.drawRect(x, TITLE, 2 * CELL, 2 * CELL);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "bias %+.2f", bias[f]), x, TITLE + 2 * CELL + TITLE - 4);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * One row per filter: the feature map after convolution + ReLU, then after max pooling; darker
     * is a stronger response. Each map is enlarged {@code scale} times.
     *
     * @param scale screen pixels per map value, in [1, 16]
     */
    public static BufferedImage featureMaps(FeatureMaps maps, int scale) {
        Check.notNull("maps", maps);
        Check.inRange("scale", scale, 1, 16);
        double[][][] conv = maps.afterConv();
        double[][][] pool = maps.afterPool();
        int convSide = conv[0].length * scale;
        int poolSide = pool[0].length * scale;
        int width = GAP + convSide + GAP + poolSide * 2 + GAP;
        int rowHeight = TITLE + convSide + GAP;
        BufferedImage image = new BufferedImage(width, rowHeight * conv.length, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = start(image);
        try {
            for (int f = 0; f < conv.length; f++) {
                int y = f * rowHeight + TITLE;
                g.setColor(Color.DARK_GRAY);
                g.drawString("filter " + (f + 1) + ": conv + ReLU", GAP, y - 5);
                drawMap(g, conv[f], GAP, y, scale);
                int px = GAP + convSide + GAP;
                g.setColor(Color.DARK_GRAY);
                g.drawString("after 2×2 max pool", px, y - 5);
                drawMap(g, pool[f], px, y, scale * 2);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawMap(Graphics2D g, double[][] map, int x, int y, int scale) {
        double max = 1e-9;
        for (double[] row : map) {
            for (double v : row) {
                max = Math.max(max, v);
            }
        }
        for (int r = 0; r < map.length; r++) {
            for (int c = 0; c < map[r].length; c++) {
                float level = (float) (1 - Math.max(0, map[r][c]) / max);
                g.setColor(new Color(level, level, Math.min(1f, level + 0.15f)));
                g.fillRect(x + c * scale, y + r * scale, scale, scale);
            }
        }
        g.setColor(Color.LIGHT_GRAY);
        g.drawRect(x - 1, y - 1, map[0].length * scale + 1, map.length * scale + 1);
    }

    /** −1 → blue, 0 → white, +1 → red. */
    private static Color diverging(double v) {
        float a = (float) Math.min(1, Math.abs(v));
        return v >= 0 ? new Color(1f, 1 - 0.8f * a, 1 - 0.8f * a) : new Color(1 - 0.8f * a, 1 - 0.8f * a, 1f);
    }

    private static Graphics2D start(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        return g;
    }
}
