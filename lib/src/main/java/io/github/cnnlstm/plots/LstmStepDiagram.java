package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.util.Locale;

/**
 * One step of the LSTM as a picture: the frame's features x(t) and the previous output h(t−1) feed
 * four gates through the columns of W, RW and b, the cell state c carries the memory along the top,
 * and the output h(t) leaves on the right. Each gate's box names its activation and the block of 4n
 * columns of DL4J's parameter layout that holds its weights.
 */
public final class LstmStepDiagram {
    private static final Color INK = new Color(40, 40, 40);
    private static final Color MUTED = new Color(110, 110, 110);
    private static final Color GATE = new Color(229, 245, 224);
    private static final Color CANDIDATE = new Color(222, 235, 247);
    private static final Color STATE = new Color(254, 230, 206);
    private static final int WIDTH = 1010;
    private static final int HEIGHT = 430;
    /** The gates in DL4J's column order, with their symbol, activation and role. */
    private static final String[][] GATES = {
        {"g", "tanh", "candidate: what could be written"},
        {"f", "σ", "forget gate: how much of c is kept"},
        {"o", "σ", "output gate: how much of c is shown"},
        {"i", "σ", "input gate: how much of g is written"}
    };

    private LstmStepDiagram() {}

    /**
     * The diagram for an LSTM of {@code units} units reading {@code inputs} features per step (1,152
     * and 50 in the course).
     */
    public static Picture draw(int inputs, int units) {
        Check.positive("inputs", inputs);
        Check.positive("units", units);
        int n = units;
        Picture image = new Picture(
                WIDTH,
                HEIGHT,
                String.format(
                        Locale.ROOT,
                        "one LSTM step: x(t) (%,d features) and h(t−1) (%d) → z = x·W + h·RW + b (%d columns: "
                                + "g %d–%d, f %d–%d, o %d–%d, i %d–%d) → c(t) = f⊙c(t−1) + i⊙g → h(t) = o⊙tanh(c(t))",
                        inputs,
                        n,
                        4 * n,
                        0,
                        n - 1,
                        n,
                        2 * n - 1,
                        2 * n,
                        3 * n - 1,
                        3 * n,
                        4 * n - 1));
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(INK);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString("One step of the LSTM: four gates from x(t) and h(t−1), a memory c along the top", 20, 28);

            Font label = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
            Font symbol = new Font(Font.SERIF, Font.BOLD, 20);
            // the memory along the top: c(t−1) → × f → + i⊙g → c(t)
            int cy = 80;
            int timesF = 250;
            int plus = 520;
            int tanhC = 720;
            g.setStroke(new BasicStroke(2.5f));
            arrow(g, 90, cy, 880, cy);
            g.setFont(symbol);
            g.drawString("c(t−1)", 20, cy + 6);
            g.drawString("c(t)", 890, cy + 6);
            operator(g, timesF, cy, "×");
            operator(g, plus, cy, "+");

            // the four gates, each computed from its block of z
            int gy = 215;
            int gh = 56;
            int[] gx = {430, 250, 800, 610}; // g, f, o, i: f under its ×, g and i under theirs, o by h
            for (int k = 0; k < 4; k++) {
                box(g, gx[k] - 62, gy, 124, gh, k == 0 ? CANDIDATE : GATE, null);
                g.setFont(symbol);
                center(g, GATES[k][0] + " = " + GATES[k][1], gx[k], gy + 24);
                g.setFont(label);
                center(g, "columns " + (k * n) + "–" + ((k + 1) * n - 1), gx[k], gy + 44);
            }
            g.setStroke(new BasicStroke(1.8f));
            // f scales the memory
            arrow(g, gx[1], gy, timesF, cy + 14);
            // i ⊙ g is added to it
            int ig = 150;
            operator(g, plus, ig, "×");
            arrow(g, gx[0], gy, plus - 10, ig + 10);
            arrow(g, gx[3], gy, plus + 10, ig + 10);
            arrow(g, plus, ig - 14, plus, cy + 14);
            // h(t) = o ⊙ tanh(c(t))
            box(g, tanhC - 30, cy + 22, 60, 26, STATE, null);
            g.setFont(label);
            center(g, "tanh", tanhC, cy + 40);
            g.drawLine(tanhC, cy, tanhC, cy + 22);
            int out = 165;
            operator(g, tanhC, out, "×");
            arrow(g, tanhC, cy + 48, tanhC, out - 14);
            arrow(g, gx[2], gy, tanhC + 10, out + 10);
            g.setStroke(new BasicStroke(2.5f));
            arrow(g, tanhC + 14, out, 880, out);
            g.setFont(symbol);
            g.drawString("h(t)", 890, out + 6);
            g.setFont(label);
            g.setColor(MUTED);
            g.drawString("to step t+1;", 888, out + 26);
            g.drawString("after the last", 888, out + 42);
            g.drawString("step, to Dense", 888, out + 58);
            g.setColor(INK);

            // the inputs at the bottom, into z
            int zx = 330;
            int zy = 340;
            box(g, zx - 115, zy, 230, 62, GATE, null);
            g.setFont(label);
            center(g, "z = x(t)·W + h(t−1)·RW + b", zx, zy + 26);
            center(g, 4 * n + " numbers", zx, zy + 46);
            g.setFont(symbol);
            g.drawString("h(t−1)", 20, zy + 14);
            g.drawString("x(t)", 20, zy + 56);
            g.setFont(label);
            g.setColor(MUTED);
            g.drawString(n + " outputs of step t−1", 20, zy + 32);
            g.drawString(String.format(Locale.ROOT, "%,d features of frame t", inputs), 20, zy + 74);
            g.setColor(INK);
            g.setStroke(new BasicStroke(1.8f));
            arrow(g, 90, zy + 10, zx - 115, zy + 10);
            arrow(g, 70, zy + 50, zx - 115, zy + 50);
            // z's four blocks up to the gates
            g.setStroke(new BasicStroke(1.5f));
            int bus = zy - 30;
            g.drawLine(zx, zy, zx, bus); // the bus runs from f's column to o's
            g.drawLine(gx[1], bus, gx[2], bus);
            for (int x : gx) {
                arrow(g, x, bus, x, gy + gh);
            }
            g.setColor(MUTED);
            g.drawString("⊙, ×: element by element; σ: the logistic function", 600, zy + 56);
            g.setColor(INK);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void box(Graphics2D g, int x, int y, int w, int h, Color fill, String text) {
        g.setColor(fill);
        g.fillRoundRect(x, y, w, h, 12, 12);
        g.setColor(INK);
        g.setStroke(new BasicStroke(1.5f));
        g.drawRoundRect(x, y, w, h, 12, 12);
        if (text != null) {
            center(g, text, x + w / 2, y + h / 2 + 5);
        }
    }

    private static void operator(Graphics2D g, int x, int y, String op) {
        g.setColor(Color.WHITE);
        g.fillOval(x - 14, y - 14, 28, 28);
        g.setColor(INK);
        g.setStroke(new BasicStroke(1.8f));
        g.drawOval(x - 14, y - 14, 28, 28);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        center(g, op, x, y + 6);
    }

    private static void center(Graphics2D g, String text, int x, int y) {
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, x - m.stringWidth(text) / 2, y);
    }

    /** A line from (x1, y1) up to the height of y2, then across, ending in an arrow head at (x2, y2). */
    private static void elbow(Graphics2D g, int x1, int y1, int x2, int y2) {
        int mid = (y1 + y2) / 2 + 20;
        g.drawLine(x1, y1, x1, mid);
        g.drawLine(x1, mid, x2, mid);
        arrow(g, x2, mid, x2, y2);
    }

    private static void arrow(Graphics2D g, int x1, int y1, int x2, int y2) {
        g.drawLine(x1, y1, x2, y2);
        double a = Math.atan2(y2 - y1, x2 - x1);
        Path2D head = new Path2D.Double();
        head.moveTo(x2, y2);
        head.lineTo(x2 - 10 * Math.cos(a - 0.4), y2 - 10 * Math.sin(a - 0.4));
        head.lineTo(x2 - 10 * Math.cos(a + 0.4), y2 - 10 * Math.sin(a + 0.4));
        head.closePath();
        g.fill(head);
    }
}
