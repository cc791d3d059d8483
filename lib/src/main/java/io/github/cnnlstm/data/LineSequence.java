package io.github.cnnlstm.data;

import io.github.cnnlstm.base.Check;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * One example: a line that grows one pixel a frame across a {@code size}×{@code size} image.
 *
 * <p>Stored as its path (the pixel added at each frame), which is all a video needs. In the
 * course's videos frames accumulate: frame {@code k} (0-based) shows the first {@code k + 1} pixels
 * of the path. A {@linkplain #isMovingDot() moving-dot} sequence draws the same path differently:
 * frame {@code k} shows only pixel {@code k}, so no single frame tells the direction.
 */
public final class LineSequence {
    /** A block of zeros to clear regions of a buffer with, in bulk. Never written. */
    private static final float[] ZEROS = new float[4096];

    private final Direction direction;
    private final int[] rows;
    private final int[] cols;
    private final boolean movingDot;

    LineSequence(Direction direction, int[] rows, int[] cols, boolean movingDot) {
        this.direction = direction;
        this.rows = rows;
        this.cols = cols;
        this.movingDot = movingDot;
    }

    /**
     * Whether each frame shows only its newest pixel (a dot moving along the path) instead of the
     * whole line grown so far.
     */
    public boolean isMovingDot() {
        return movingDot;
    }

    /** The first pixel of the path that frame {@code frame} shows (0, or the frame itself for a dot). */
    public int firstVisible(int frame) {
        return movingDot ? frame : 0;
    }

    /** The direction the line grows in: the class to predict. */
    public Direction direction() {
        return direction;
    }

    /** Image side in pixels, which is also the number of frames. */
    public int size() {
        return rows.length;
    }

    /** Row of the pixel added at frame {@code frame} (0-based). */
    public int row(int frame) {
        return rows[frame];
    }

    /** Column of the pixel added at frame {@code frame} (0-based). */
    public int col(int frame) {
        return cols[frame];
    }

    /**
     * The image shown at frame {@code frame} (0-based), as {@code [row][col]} booleans: the first
     * {@code frame + 1} pixels of the path are set (only pixel {@code frame} for a moving dot).
     *
     * @throws IllegalArgumentException if {@code frame} is not in [0, size − 1]
     */
    public boolean[][] frame(int frame) {
        Check.inRange("frame", frame, 0, size() - 1);
        boolean[][] image = new boolean[size()][size()];
        for (int k = firstVisible(frame); k <= frame; k++) {
            image[rows[k]][cols[k]] = true;
        }
        return image;
    }

    /**
     * Writes this sequence into {@code out} in DL4J's recurrent layout for one example,
     * {@code [pixel = row * size + col][frame]}, starting at {@code offset}: a pixel added at frame
     * {@code k} is 1 in every frame from {@code k} on, 0 before (for a moving dot, 1 in frame
     * {@code k} only).
     * The {@code size³} values written are all set (the region need not be cleared first). Absolute
     * writes: the buffer's position does not move.
     */
    public void writeFeatures(FloatBuffer out, int offset) {
        // bulk puts: element by element, a buffer write is several times slower
        int n = size();
        int length = n * n * n;
        for (int done = 0; done < length; done += ZEROS.length) {
            out.put(offset + done, ZEROS, 0, Math.min(ZEROS.length, length - done));
        }
        float[] ones = new float[n];
        Arrays.fill(ones, 1f);
        for (int k = 0; k < n; k++) {
            int base = offset + (rows[k] * n + cols[k]) * n;
            if (movingDot) {
                out.put(base + k, 1f);
            } else {
                out.put(base + k, ones, 0, n - k);
            }
        }
    }

    /**
     * Writes frame {@code frame} alone into {@code out} at {@code offset}: {@code size²} values, row
     * by row, 1 where a pixel is set. This is the input of a network that sees one frame only.
     */
    public void writeFrame(int frame, float[] out, int offset) {
        Check.inRange("frame", frame, 0, size() - 1);
        int n = size();
        Arrays.fill(out, offset, offset + n * n, 0f);
        for (int k = firstVisible(frame); k <= frame; k++) {
            out[offset + rows[k] * n + cols[k]] = 1f;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LineSequence other
                && direction == other.direction
                && movingDot == other.movingDot
                && Arrays.equals(rows, other.rows)
                && Arrays.equals(cols, other.cols);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * direction.hashCode() + Boolean.hashCode(movingDot)) + Arrays.hashCode(rows))
                + Arrays.hashCode(cols);
    }

    @Override
    public String toString() {
        return (movingDot ? "MovingDot[" : "LineSequence[") + direction + ", size " + size() + ", starts at (row "
                + rows[0] + ", col " + cols[0] + ")]";
    }

    /**
     * Requires a non-empty list of non-null sequences all of the same size, and that size to be
     * {@code expectedSize} unless it is 0 (any size). Returns the size.
     */
    public static int requireSameSize(String name, List<LineSequence> sequences, int expectedSize) {
        Check.notNull(name, sequences);
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty: give at least one sequence");
        }
        int size = Check.notNull(name + "[0]", sequences.get(0)).size();
        if (expectedSize != 0) {
            Check.matches(name + "[0] size", size, expectedSize);
        }
        for (int i = 1; i < sequences.size(); i++) {
            int s = Check.notNull(name + "[" + i + "]", sequences.get(i)).size();
            if (s != size) {
                throw new IllegalArgumentException(name + "[" + i + "] has size " + s + " but " + name + "[0] has size "
                        + size + ": all must have the same size");
            }
        }
        return size;
    }

    /** Requires a non-empty list of non-null sequences all of the same size; returns that size. */
    public static int requireSameSize(String name, List<LineSequence> sequences) {
        return requireSameSize(name, sequences, 0);
    }
}
