package io.github.cnnlstm.data;

import java.util.Arrays;

/**
 * One example: a line that grows one pixel a frame across a {@code size}×{@code size} image.
 *
 * <p>Stored as its path (the pixel added at each frame), which is all a video of accumulating
 * frames needs: frame {@code k} (0-based) shows the first {@code k + 1} pixels of the path.
 */
public final class LineSequence {
    private final Direction direction;
    private final int[] rows;
    private final int[] cols;

    LineSequence(Direction direction, int[] rows, int[] cols) {
        this.direction = direction;
        this.rows = rows;
        this.cols = cols;
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
     * {@code frame + 1} pixels of the path are set.
     *
     * @throws IllegalArgumentException if {@code frame} is not in [0, size − 1]
     */
    public boolean[][] frame(int frame) {
        io.github.cnnlstm.Check.inRange("frame", frame, 0, size() - 1);
        boolean[][] image = new boolean[size()][size()];
        for (int k = 0; k <= frame; k++) {
            image[rows[k]][cols[k]] = true;
        }
        return image;
    }

    /**
     * Writes this sequence into {@code out} in DL4J's recurrent layout for one example,
     * {@code [pixel = row * size + col][frame]}, starting at {@code offset}: a pixel added at frame
     * {@code k} is 1 in every frame from {@code k} on, 0 before.
     * The {@code size³} values written are all set (the region need not be cleared first).
     */
    public void writeFeatures(float[] out, int offset) {
        int n = size();
        Arrays.fill(out, offset, offset + n * n * n, 0f);
        for (int k = 0; k < n; k++) {
            int base = offset + (rows[k] * n + cols[k]) * n;
            Arrays.fill(out, base + k, base + n, 1f);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LineSequence other
                && direction == other.direction
                && Arrays.equals(rows, other.rows)
                && Arrays.equals(cols, other.cols);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * direction.hashCode() + Arrays.hashCode(rows)) + Arrays.hashCode(cols);
    }

    @Override
    public String toString() {
        return "LineSequence[" + direction + ", size " + size() + ", starts at (row " + rows[0]
                + ", col " + cols[0] + ")]";
    }
}
