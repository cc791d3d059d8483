package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import java.awt.image.BufferedImage;

/**
 * An image that says in words what it shows. Notebooks display it as a PNG like any
 * {@link BufferedImage}; its text form ({@link #toString()}), which plain-text views, terminals
 * and screen readers show instead, is that short description rather than the pixel format and an
 * identity hash.
 */
public final class Picture extends BufferedImage {
    private final String description;

    Picture(int width, int height, String description) {
        super(width, height, BufferedImage.TYPE_INT_RGB);
        this.description = Check.notNull("description", description);
    }

    /** What the image shows, e.g. {@code "frames 1, 8, …, 50 of one video; true direction Right"}. */
    public String description() {
        return description;
    }

    /** The description, prefixed with the image size. */
    @Override
    public String toString() {
        return "Image (" + getWidth() + "×" + getHeight() + " px): " + description;
    }
}
