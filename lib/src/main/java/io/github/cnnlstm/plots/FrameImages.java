package io.github.cnnlstm.plots;

import io.github.cnnlstm.Check;
import io.github.cnnlstm.data.LineSequence;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Draws sequences as PNG-ready images: a strip of frames of one sequence, or a grid with one row per
 * sequence. Set pixels are dark on white; the pixel added in the frame shown is red so the growth is
 * visible. PNG renders everywhere: in the live notebook, in a saved one and on GitHub.
 */
public final class FrameImages {
    private static final Color BACKGROUND = Color.WHITE;
    private static final Color PIXEL = new Color(30, 30, 30);
    private static final Color NEWEST = new Color(220, 40, 40);
    private static final Color BORDER = new Color(180, 180, 180);
    private static final Color TEXT = new Color(40, 40, 40);
    private static final int LABEL_HEIGHT = 16;
    private static final int GAP = 6;

    private FrameImages() {
    }

    /**
     * Frames {@code 0, step, 2·step, …} and the last frame of {@code sequence}, side by side, each
     * labelled with its frame number (from 1), under a title naming the direction.
     *
     * @param step  show every {@code step}-th frame, in [1, size]
     * @param scale screen pixels per image pixel, in [1, 16]
     */
    public static BufferedImage strip(LineSequence sequence, int step, int scale) {
        Check.notNull("sequence", sequence);
        Check.inRange("step", step, 1, sequence.size());
        return grid(List.of(sequence), step, scale);
    }

    /**
     * One row per sequence, each a {@link #strip} with the same frames.
     *
     * @param step  show every {@code step}-th frame, in [1, size]
     * @param scale screen pixels per image pixel, in [1, 16]
     */
    public static BufferedImage grid(List<LineSequence> sequences, int step, int scale) {
        int n = Check.sequences("sequences", sequences);
        Check.inRange("step", step, 1, n);
        Check.inRange("scale", scale, 1, 16);
        int[] frames = frames(n, step);
        int side = n * scale;
        int width = GAP + frames.length * (side + GAP);
        int rowHeight = LABEL_HEIGHT * 2 + side + GAP;
        BufferedImage image = new BufferedImage(width, rowHeight * sequences.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            for (int s = 0; s < sequences.size(); s++) {
                LineSequence seq = sequences.get(s);
                int top = s * rowHeight;
                g.setColor(TEXT);
                g.drawString(seq.direction().label() + " (frames 1.." + n + ")", GAP, top + LABEL_HEIGHT - 4);
                for (int i = 0; i < frames.length; i++) {
                    int x = GAP + i * (side + GAP);
                    int y = top + LABEL_HEIGHT;
                    drawFrame(g, seq, frames[i], x, y, scale);
                    g.setColor(TEXT);
                    g.drawString(Integer.toString(frames[i] + 1), x, y + side + LABEL_HEIGHT - 4);
                }
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** One frame (0-based) of {@code sequence}, enlarged {@code scale} times, with a light border. */
    public static BufferedImage frame(LineSequence sequence, int frame, int scale) {
        Check.notNull("sequence", sequence);
        Check.inRange("frame", frame, 0, sequence.size() - 1);
        Check.inRange("scale", scale, 1, 16);
        int side = sequence.size() * scale;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            drawFrame(g, sequence, frame, 0, 0, scale);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawFrame(Graphics2D g, LineSequence seq, int frame, int x, int y, int scale) {
        int side = seq.size() * scale;
        g.setColor(BACKGROUND);
        g.fillRect(x, y, side, side);
        for (int k = 0; k <= frame; k++) {
            g.setColor(k == frame ? NEWEST : PIXEL);
            g.fillRect(x + seq.col(k) * scale, y + seq.row(k) * scale, scale, scale);
        }
        g.setColor(BORDER);
        g.drawRect(x - 1, y - 1, side + 1, side + 1);
    }

    private static int[] frames(int n, int step) {
        int count = (n - 1) / step + 1;
        boolean addLast = (n - 1) % step != 0;
        int[] frames = new int[count + (addLast ? 1 : 0)];
        for (int i = 0; i < count; i++) {
            frames[i] = i * step;
        }
        if (addLast) {
            frames[count] = n - 1;
        }
        return frames;
    }
}
