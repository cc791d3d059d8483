package io.github.cnnlstm.plots;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** The drawing set-up the course's pictures share. */
final class Canvas {
    /** The font captions and labels are written in. */
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Canvas() {}

    /**
     * Graphics for {@code image}, which it fills with white: anti-aliased text (shapes stay crisp:
     * every pixel of a frame or map is a solid square) in {@link #LABEL_FONT}. Dispose of it after
     * drawing.
     */
    static Graphics2D start(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setFont(LABEL_FONT);
        return g;
    }
}
