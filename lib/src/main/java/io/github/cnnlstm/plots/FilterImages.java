package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.FeatureMaps;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.List;
import java.util.Locale;

/**
 * Pictures of what the convolution learned: its kernels (of the model's kernel size) and the
 * feature maps of a frame (after the model's max pooling).
 */
public final class FilterImages {
    /** Side of a kernel weight's square for kernels of up to 2×2; larger kernels get smaller squares. */
    private static final int CELL = 60;
    /** The smallest square that still holds a weight written as {@code +0.00}. */
    private static final int MIN_CELL = 40;

    private static final int GAP = 14;
    private static final int TITLE = 18;

    private FilterImages() {}

    /**
     * Each filter's kernel (kernelSize × kernelSize, as the model is configured), blue for negative
     * weights, red for positive, white for zero, with the weight and the filter's bias written on
     * it.
     */
    public static Picture kernels(CnnLstmModel model) {
        Check.notNull("model", model);
        double[][][] k = model.convolutionKernels();
        double[] bias = model.convolutionBiases();
        int side = model.config().kernelSize();
        double max = 1e-9;
        for (double[][] f : k) {
            for (double[] row : f) {
                for (double v : row) {
                    max = Math.max(max, Math.abs(v));
                }
            }
        }
        int cell = cell(side);
        int width = GAP + k.length * (side * cell + GAP);
        String rows = side == 1 ? "" : side == 2 ? " (rows top, bottom)" : " (rows top to bottom)";
        StringBuilder text =
                new StringBuilder("the " + k.length + " convolution filters' " + side + "×" + side + " weights" + rows);
        for (int f = 0; f < k.length; f++) {
            text.append("; filter ").append(f + 1).append(": [");
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    text.append(r == 0 && c == 0 ? "" : c == 0 ? " / " : " ")
                            .append(String.format(Locale.ROOT, "%+.2f", k[f][r][c]));
                }
            }
            text.append(String.format(Locale.ROOT, "], bias %+.2f", bias[f]));
        }
        Picture image = new Picture(width, TITLE + side * cell + TITLE + GAP, text.toString());
        Graphics2D g = Canvas.start(image);
        try {
            for (int f = 0; f < k.length; f++) {
                int x = GAP + f * (side * cell + GAP);
                g.setColor(Color.DARK_GRAY);
                g.drawString("filter " + (f + 1), x, TITLE - 5);
                for (int r = 0; r < side; r++) {
                    for (int c = 0; c < side; c++) {
                        double v = k[f][r][c];
                        g.setColor(diverging(v / max));
                        g.fillRect(x + c * cell, TITLE + r * cell, cell, cell);
                        g.setColor(Math.abs(v / max) > 0.6 ? Color.WHITE : Color.BLACK);
                        String weight = String.format(Locale.ROOT, "%+.2f", v);
                        int inset =
                                cell == CELL ? 12 : (cell - g.getFontMetrics().stringWidth(weight)) / 2;
                        g.drawString(weight, x + c * cell + inset, TITLE + r * cell + cell / 2 + 4);
                    }
                }
                g.setColor(Color.GRAY);
                g.drawRect(x, TITLE, side * cell, side * cell);
                g.setColor(Color.DARK_GRAY);
                g.drawString(String.format(Locale.ROOT, "bias %+.2f", bias[f]), x, TITLE + side * cell + TITLE - 4);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Screen pixels per kernel weight for a kernel of {@code side} × {@code side}. */
    private static int cell(int side) {
        return side <= 2 ? CELL : Math.max(MIN_CELL, 2 * CELL / side);
    }

    /**
     * One row per filter: the feature map after convolution + ReLU, then after p×p max pooling (p
     * the model's pool size, {@link FeatureMaps#poolSize()}), at the same pixel scale (so the
     * pooled map is 1/p as wide), with one shared intensity scale shown as a colour bar: white is
     * 0, dark blue the strongest response.
     *
     * @param scale screen pixels per map value, in [1, 16]
     */
    public static Picture featureMaps(FeatureMaps maps, int scale) {
        Check.notNull("maps", maps);
        Check.inRange("scale", scale, 1, 16);
        double[][][] conv = maps.afterConv();
        double[][][] pool = maps.afterPool();
        // one scale for every map, so filters and stages compare by colour
        double max = 0;
        for (double[][][] stage : List.of(conv, pool)) {
            for (double[][] map : stage) {
                for (double[] row : map) {
                    for (double v : row) {
                        max = Math.max(max, v);
                    }
                }
            }
        }
        double top = max > 0 ? max : 1;
        int convSide = conv[0].length * scale;
        int poolSide = pool[0].length * scale;
        int labelWidth = 130; // room for the pooled map's caption when the map is small
        int barX = GAP + convSide + GAP + Math.max(poolSide, labelWidth) + GAP;
        int width = barX + BAR_WIDTH + 50;
        int rowHeight = TITLE + Math.max(convSide, 2 * TITLE) + GAP;
        // the map's last rows and columns that pooling leaves out (1 for the course's 49 = 2·24 + 1)
        int dropped = conv[0].length - pool[0].length * maps.poolSize();
        int noteHeight = dropped > 0 ? 3 * TITLE : 0;
        int height = Math.max(rowHeight * conv.length, TITLE + 120 + TITLE) + noteHeight;
        String text = String.format(
                Locale.ROOT,
                "feature maps of one frame for %d filters: %d×%d after conv + ReLU, %d×%d after %d×%d max pooling; "
                        + "values 0 (white) to %.3f (dark blue)",
                conv.length,
                conv[0].length,
                conv[0][0].length,
                pool[0].length,
                pool[0][0].length,
                maps.poolSize(),
                maps.poolSize(),
                max);
        String note = dropped == 0
                ? ""
                : String.format(
                        Locale.ROOT,
                        "orange: the map's last %s, which %d×%d pooling drops:\nthe image's %s never reach the LSTM",
                        dropped == 1 ? "row and column" : dropped + " rows and columns",
                        maps.poolSize(),
                        maps.poolSize(),
                        dropped == 1 ? "last row and column" : "last " + dropped + " rows and columns");
        if (!note.isEmpty()) {
            text += "; " + note.replace(":\n", ": ");
        }
        Picture image = new Picture(width, height, text);
        Graphics2D g = Canvas.start(image);
        try {
            for (int f = 0; f < conv.length; f++) {
                int y = f * rowHeight + TITLE;
                g.setColor(Color.DARK_GRAY);
                g.drawString(
                        "filter " + (f + 1) + ": conv + ReLU (" + conv[f].length + "×" + conv[f][0].length + ")",
                        GAP,
                        y - 5);
                drawMap(g, conv[f], GAP, y, scale, top);
                markDropped(g, conv[f].length, dropped, GAP, y, scale);
                int px = GAP + convSide + GAP;
                g.setColor(Color.DARK_GRAY);
                g.drawString(
                        maps.poolSize() + "×" + maps.poolSize() + " max pool (" + pool[f].length + "×"
                                + pool[f][0].length + ")",
                        px,
                        y - 5);
                drawMap(g, pool[f], px, y, scale, top);
            }
            drawColourBar(g, barX, TITLE, Math.min(120, height - noteHeight - 2 * TITLE), max);
            if (!note.isEmpty()) {
                g.setColor(DROPPED);
                g.fillRect(GAP, height - 2 * TITLE - 10, 10, 10);
                g.setColor(Color.DARK_GRAY);
                String[] lines = note.split("\n");
                g.drawString(lines[0], GAP + 16, height - 2 * TITLE);
                g.drawString(lines[1], GAP + 16, height - TITLE);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static final int BAR_WIDTH = 14;
    /** The rows and columns pooling drops, drawn over the map. */
    private static final Color DROPPED = new Color(255, 140, 0, 150);

    /** Covers the last {@code dropped} rows and columns of a {@code side}×{@code side} map in orange. */
    private static void markDropped(Graphics2D g, int side, int dropped, int x, int y, int scale) {
        if (dropped == 0) {
            return;
        }
        g.setColor(DROPPED);
        int start = (side - dropped) * scale;
        g.fillRect(x, y + start, side * scale, dropped * scale);
        g.fillRect(x + start, y, dropped * scale, start);
    }

    /** A vertical bar from 0 (bottom) to {@code max} (top), with three labelled ticks. */
    private static void drawColourBar(Graphics2D g, int x, int y, int height, double max) {
        for (int i = 0; i < height; i++) {
            g.setColor(sequential(1 - (double) i / (height - 1)));
            g.fillRect(x, y + i, BAR_WIDTH, 1);
        }
        g.setColor(Color.GRAY);
        g.drawRect(x - 1, y - 1, BAR_WIDTH + 1, height + 1);
        g.setColor(Color.DARK_GRAY);
        g.drawString("value", x - 2, y - 5);
        for (int t = 0; t <= 2; t++) {
            int ty = y + (height - 1) * (2 - t) / 2;
            g.drawLine(x + BAR_WIDTH, ty, x + BAR_WIDTH + 3, ty);
            g.drawString(String.format(Locale.ROOT, "%.2f", max * t / 2), x + BAR_WIDTH + 5, ty + 4);
        }
    }

    private static void drawMap(Graphics2D g, double[][] map, int x, int y, int scale, double max) {
        for (int r = 0; r < map.length; r++) {
            for (int c = 0; c < map[r].length; c++) {
                g.setColor(sequential(Math.max(0, map[r][c]) / max));
                g.fillRect(x + c * scale, y + r * scale, scale, scale);
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(x - 1, y - 1, map[0].length * scale + 1, map.length * scale + 1);
    }

    /** 0 → white, 1 → dark blue. */
    static Color sequential(double v) {
        float a = (float) Math.max(0, Math.min(1, v));
        return new Color(1 - 0.97f * a, 1 - 0.81f * a, 1 - 0.58f * a);
    }

    /** −1 → blue, 0 → white, +1 → red. */
    static Color diverging(double v) {
        float a = (float) Math.min(1, Math.abs(v));
        return v >= 0 ? new Color(1f, 1 - 0.8f * a, 1 - 0.8f * a) : new Color(1 - 0.8f * a, 1 - 0.8f * a, 1f);
    }
}
