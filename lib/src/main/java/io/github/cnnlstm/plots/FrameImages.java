package io.github.cnnlstm.plots;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.insights.Gallery;
import io.github.cnnlstm.model.Prediction;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Draws sequences as images: one frame, a strip of frames of one sequence, a grid with one row per
 * sequence (optionally titled with the model's answer), or the whole video as an animated GIF.
 * Set pixels are dark on white inside a grey border; the pixel added in the frame shown is red so
 * the growth is visible (the model itself sees only black and white). Images are
 * {@link Picture}s: PNG in the notebook, a one-line description as text.
 */
public final class FrameImages {
    /** Frame time of {@link #video}, in milliseconds. */
    public static final int VIDEO_FRAME_MILLIS = 120;
    /** How long {@link #video} holds the last frame before starting again, in milliseconds. */
    public static final int VIDEO_LAST_FRAME_MILLIS = 2_000;

    private static final Color BACKGROUND = Color.WHITE;
    private static final Color PIXEL = new Color(30, 30, 30);
    private static final Color NEWEST = new Color(220, 40, 40);
    private static final Color BORDER = new Color(110, 110, 110);
    private static final Color TEXT = new Color(40, 40, 40);
    private static final Color WRONG = new Color(190, 0, 0);
    private static final int LABEL_HEIGHT = 16;
    private static final int GAP = 6;

    private FrameImages() {}

    /**
     * Frames {@code 0, step, 2·step, …} and the last frame of {@code sequence}, side by side, each
     * labelled with its frame number (from 1), under a title naming the true direction.
     *
     * @param step  show every {@code step}-th frame, in [1, size]
     * @param scale screen pixels per image pixel, in [1, 16]
     */
    public static Picture strip(LineSequence sequence, int step, int scale) {
        Check.notNull("sequence", sequence);
        Check.inRange("step", step, 1, sequence.size());
        return grid(List.of(sequence), step, scale);
    }

    /**
     * One row per sequence, each a {@link #strip} with the same frames, titled with its true
     * direction.
     *
     * @param step  show every {@code step}-th frame, in [1, size]
     * @param scale screen pixels per image pixel, in [1, 16]
     */
    public static Picture grid(List<LineSequence> sequences, int step, int scale) {
        Check.notNull("sequences", sequences);
        return draw(sequences, Collections.nCopies(sequences.size(), null), step, scale);
    }

    /**
     * One row per sequence, titled with the true direction, the predicted one and its
     * probability; rows the model gets wrong are titled in red. Notebook use:
     * {@code FrameImages.grid(videos, model.predict(videos), 7, 2)}.
     *
     * @param predictions the model's answer for each sequence, in the same order
     * @param step        show every {@code step}-th frame, in [1, size]
     * @param scale       screen pixels per image pixel, in [1, 16]
     * @throws IllegalArgumentException if the lists differ in length or a prediction's expected
     *                                   direction is not its sequence's direction
     */
    public static Picture grid(List<LineSequence> sequences, List<Prediction> predictions, int step, int scale) {
        Check.notNull("sequences", sequences);
        Check.notNull("predictions", predictions);
        if (predictions.size() != sequences.size()) {
            throw new IllegalArgumentException("predictions has " + predictions.size() + " entries but sequences has "
                    + sequences.size() + ": give one prediction per sequence, in the same order");
        }
        for (int i = 0; i < sequences.size(); i++) {
            Prediction p = Check.notNull("predictions[" + i + "]", predictions.get(i));
            LineSequence s = Check.notNull("sequences[" + i + "]", sequences.get(i));
            if (p.expected() != s.direction()) {
                throw new IllegalArgumentException("predictions[" + i + "] is for a " + p.expected()
                        + " sequence but sequences[" + i + "] grows " + s.direction()
                        + ": give the predictions in the order of the sequences");
            }
        }
        return draw(sequences, predictions, step, scale);
    }

    /**
     * One row per example (e.g. {@link Gallery#hardest}), titled with the true direction, the
     * predicted one and its probability. Notebook use: {@code FrameImages.examples(hardest, 7, 2)}.
     *
     * @param step  show every {@code step}-th frame, in [1, size]
     * @param scale screen pixels per image pixel, in [1, 16]
     */
    public static Picture examples(List<Gallery.Example> examples, int step, int scale) {
        Check.notNull("examples", examples);
        List<LineSequence> sequences = new ArrayList<>(examples.size());
        List<Prediction> predictions = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            Gallery.Example e = Check.notNull("examples[" + i + "]", examples.get(i));
            sequences.add(e.sequence());
            predictions.add(e.prediction());
        }
        return grid(sequences, predictions, step, scale);
    }

    /**
     * One frame (0-based) of {@code sequence}, enlarged {@code scale} times, inside a grey border
     * and under a caption naming the frame and the true direction.
     *
     * @param frame the frame, in [0, size − 1]
     * @param scale screen pixels per image pixel, in [1, 16]
     */
    public static Picture frame(LineSequence sequence, int frame, int scale) {
        Check.notNull("sequence", sequence);
        Check.inRange("frame", frame, 0, sequence.size() - 1);
        Check.inRange("scale", scale, 1, 16);
        int n = sequence.size();
        int side = n * scale;
        String caption = "frame " + (frame + 1) + " of " + n + ", true direction " + sequence.direction();
        Picture image = new Picture(
                side + 2 * GAP,
                LABEL_HEIGHT + side + GAP,
                caption + " (" + (frame + 1) + " pixels set, the newest in red)");
        Graphics2D g = Canvas.start(image);
        try {
            g.setColor(TEXT);
            g.drawString(caption, GAP, LABEL_HEIGHT - 4);
            drawFrame(g, sequence, frame, GAP, LABEL_HEIGHT, scale);
        } finally {
            g.dispose();
        }
        return image;
    }

    /**
     * The whole video as an animated GIF that loops, for the notebook to play: make it the last
     * value of a cell, e.g. {@code FrameImages.video(sequence, 4)}. Each frame is captioned with
     * the true direction and its number; the newest pixel is red for the eye only. In JJava this
     * is an image/gif output with a one-line text form; elsewhere it is an HTML {@code <img>}.
     *
     * @param scale screen pixels per image pixel, in [1, 16]
     */
    public static Object video(LineSequence sequence, int scale) {
        byte[] gif = gif(sequence, scale, VIDEO_FRAME_MILLIS);
        String base64 = Base64.getEncoder().encodeToString(gif);
        String text = "Video (animated GIF, " + sequence.size() + " frames, loops): a line growing "
                + sequence.direction() + ", one pixel per frame";
        return NotebookOutput.bundle(
                text,
                Map.of("image/gif", base64),
                "<img alt=\"" + text + "\" src=\"data:image/gif;base64," + base64 + "\">");
    }

    /**
     * The bytes of the animated GIF behind {@link #video}: one image per frame, shown
     * {@code frameMillis} each (the last one {@link #VIDEO_LAST_FRAME_MILLIS}), looping forever.
     *
     * @param scale       screen pixels per image pixel, in [1, 16]
     * @param frameMillis time per frame, in [20, 5000] ms (GIF counts in 10 ms steps)
     */
    public static byte[] gif(LineSequence sequence, int scale, int frameMillis) {
        Check.notNull("sequence", sequence);
        Check.inRange("scale", scale, 1, 16);
        Check.inRange("frameMillis", frameMillis, 20, 5000);
        int n = sequence.size();
        int side = n * scale;
        // wide enough for the captions even when the frame is small
        int width = Math.max(side + 2 * GAP, 250);
        int height = 2 * LABEL_HEIGHT + side + LABEL_HEIGHT + GAP;
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int f = 0; f < n; f++) {
                BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = image.createGraphics();
                try {
                    // no anti-aliasing: few colours, so the writer's palette is exact and the file small
                    g.setColor(BACKGROUND);
                    g.fillRect(0, 0, width, height);
                    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
                    g.setColor(TEXT);
                    g.drawString("true direction: " + sequence.direction(), GAP, LABEL_HEIGHT - 3);
                    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                    g.drawString("frame " + (f + 1) + " / " + n, GAP, 2 * LABEL_HEIGHT - 4);
                    drawFrame(g, sequence, f, GAP, 2 * LABEL_HEIGHT, scale);
                    g.setColor(NEWEST);
                    g.drawString(
                            "red = newest pixel (drawn for you only)", GAP, 2 * LABEL_HEIGHT + side + LABEL_HEIGHT - 2);
                } finally {
                    g.dispose();
                }
                int millis = f == n - 1 ? VIDEO_LAST_FRAME_MILLIS : frameMillis;
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata metadata =
                        writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
                animate(metadata, millis, f == 0);
                writer.writeToSequence(new IIOImage(image, null, metadata), param);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the GIF", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /** Sets a frame's delay and, on the first frame, the NETSCAPE2.0 block that makes it loop forever. */
    private static void animate(IIOMetadata metadata, int millis, boolean first) throws IIOInvalidTreeException {
        String format = metadata.getNativeMetadataFormatName(); // javax_imageio_gif_image_1.0
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(millis / 10)); // hundredths of a second
        control.setAttribute("transparentColorIndex", "0");
        if (first) {
            IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
            app.setAttribute("applicationID", "NETSCAPE");
            app.setAttribute("authenticationCode", "2.0");
            app.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 = forever
            child(root, "ApplicationExtensions").appendChild(app);
        }
        metadata.setFromTree(format, root);
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        for (int i = 0; i < parent.getLength(); i++) {
            if (parent.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) parent.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        parent.appendChild(node);
        return node;
    }

    private static Picture draw(List<LineSequence> sequences, List<Prediction> predictions, int step, int scale) {
        int n = LineSequence.requireSameSize("sequences", sequences);
        Check.inRange("step", step, 1, n);
        Check.inRange("scale", scale, 1, 16);
        int[] frames = frames(n, step);
        int side = n * scale;
        int width = GAP + frames.length * (side + GAP);
        int rowHeight = LABEL_HEIGHT * 2 + side + GAP;
        List<String> titles = new ArrayList<>();
        for (int s = 0; s < sequences.size(); s++) {
            LineSequence seq = Check.notNull("sequences[" + s + "]", sequences.get(s));
            Check.matches("sequences[" + s + "] size", seq.size(), n);
            titles.add(title(seq, predictions.get(s)));
        }
        Picture image = new Picture(width, rowHeight * sequences.size(), describe(frames, titles));
        Graphics2D g = Canvas.start(image);
        try {
            for (int s = 0; s < sequences.size(); s++) {
                LineSequence seq = sequences.get(s);
                Prediction p = predictions.get(s);
                int top = s * rowHeight;
                boolean wrong = p != null && !p.correct();
                g.setColor(wrong ? WRONG : TEXT);
                g.setFont(g.getFont().deriveFont(wrong ? Font.BOLD : Font.PLAIN));
                g.drawString(titles.get(s), GAP, top + LABEL_HEIGHT - 4);
                g.setFont(g.getFont().deriveFont(Font.PLAIN));
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

    /** "true Right" or "true Right · predicted Left (p 0.62) · WRONG". */
    static String title(LineSequence seq, Prediction p) {
        if (p == null) {
            return "true direction " + seq.direction() + " (frames 1.." + seq.size() + ")";
        }
        return String.format(
                Locale.ROOT,
                "true %s · predicted %s (p = %.3f)%s",
                seq.direction(),
                p.predicted(),
                p.confidence(),
                p.correct() ? "" : " · WRONG");
    }

    private static String describe(int[] frames, List<String> titles) {
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < frames.length; i++) {
            shown.append(i == 0 ? "" : ", ").append(frames[i] + 1);
        }
        String what = titles.size() == 1
                ? "frames " + shown + " of one video"
                : titles.size() + " videos, frames " + shown + " of each";
        return what + ": " + String.join("; ", titles);
    }

    /** The frame with its top-left pixel at (x, y) and a one-pixel border just outside it. */
    private static void drawFrame(Graphics2D g, LineSequence seq, int frame, int x, int y, int scale) {
        int side = seq.size() * scale;
        g.setColor(BACKGROUND);
        g.fillRect(x, y, side, side);
        for (int k = seq.firstVisible(frame); k <= frame; k++) {
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
