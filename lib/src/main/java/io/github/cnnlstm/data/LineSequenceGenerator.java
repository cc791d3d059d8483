package io.github.cnnlstm.data;

import io.github.cnnlstm.base.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generates growing-line sequences, seeded and reproducible.
 *
 * <p>The rules are those of the original example, extended to four directions:
 * <ul>
 *   <li>the direction is drawn uniformly from Down, Left, Right, Up;</li>
 *   <li>frame 0 has one pixel at an edge: Right starts in column 0, Left in column N−1, Down in
 *       row 0, Up in row N−1, at a uniformly random row (Left/Right) or column (Down/Up);</li>
 *   <li>every next frame copies the previous one and adds one pixel one step further along the
 *       direction, while the other coordinate moves to a uniformly random value in
 *       [max(0, c − 1), min(N − 1, c + 1)] (as the original's {@code randint(lower, upper)}).</li>
 * </ul>
 *
 * <p>Sequence {@code i} depends only on the seed and {@code i}, never on what was generated
 * before it, so batches can be produced in any order, in any size, and give the same data.
 */
public final class LineSequenceGenerator {
    /** Default image side and frame count, as in the original example. */
    public static final int DEFAULT_SIZE = 50;
    /** Smallest size the model can process (2×2 convolution, then 2×2 pooling). */
    public static final int MIN_SIZE = 4;
    /** Largest size allowed: a batch of 32 sequences of size³ floats stays under 300 MB. */
    public static final int MAX_SIZE = 128;

    private final int size;
    private final long seed;
    private final boolean movingDot;
    private final boolean wrapping;

    /**
     * @param size image side and frame count, in [{@value #MIN_SIZE}, {@value #MAX_SIZE}]
     * @param seed any value; the same seed always gives the same sequences
     */
    public LineSequenceGenerator(int size, long seed) {
        this(size, seed, false, false);
    }

    private LineSequenceGenerator(int size, long seed, boolean movingDot, boolean wrapping) {
        this.size = Check.inRange("size", size, MIN_SIZE, MAX_SIZE);
        this.seed = seed;
        this.movingDot = movingDot;
        this.wrapping = wrapping;
    }

    /**
     * A variant of the data where order is the only clue: the same paths as
     * {@code new LineSequenceGenerator(size, seed)}, but each frame shows only the newest pixel, a
     * dot moving one step per frame. A single frame is then one dot somewhere on the path and says
     * nothing about the direction; only comparing frames does.
     *
     * @param size image side and frame count, in [{@value #MIN_SIZE}, {@value #MAX_SIZE}]
     * @param seed any value; the same seed always gives the same sequences
     */
    public static LineSequenceGenerator movingDot(int size, long seed) {
        return new LineSequenceGenerator(size, seed, true, false);
    }

    /**
     * A variant of the data where no single frame can tell the direction: growing lines that start
     * at a uniformly random pixel anywhere in the image and wrap around its edges (a line that leaves
     * on the right comes back on the left, and so does the sideways step). No edge gives the start
     * away, and since the sideways steps are symmetric, a line grown Right is exactly as likely to
     * have been grown Left: one frame shows only whether the line is horizontal or vertical. Which end
     * is new, and so the direction, shows only in the order of the frames.
     *
     * @param size image side and frame count, in [{@value #MIN_SIZE}, {@value #MAX_SIZE}]
     * @param seed any value; the same seed always gives the same sequences
     */
    public static LineSequenceGenerator wrapping(int size, long seed) {
        return new LineSequenceGenerator(size, seed, false, true);
    }

    /** Whether this generator draws moving dots instead of growing lines. */
    public boolean isMovingDot() {
        return movingDot;
    }

    /** Whether this generator's lines start anywhere and wrap around the edges ({@link #wrapping}). */
    public boolean isWrapping() {
        return wrapping;
    }

    /** A generator of the default size ({@value #DEFAULT_SIZE}). */
    public LineSequenceGenerator(long seed) {
        this(DEFAULT_SIZE, seed);
    }

    public int size() {
        return size;
    }

    public long seed() {
        return seed;
    }

    /**
     * Sequence number {@code index} of this generator's stream.
     *
     * @throws IllegalArgumentException if {@code index} is negative
     */
    public LineSequence sequence(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index = " + index + " must be >= 0");
        }
        SplittableRandom random = new SplittableRandom(mix(seed, index));
        Direction direction = Direction.values()[random.nextInt(Direction.COUNT)];
        return grow(direction, random);
    }

    /** Sequences {@code 0 .. count − 1}, materialised (for plots and small tests). */
    public List<LineSequence> sequences(int count) {
        return sequences(0, count);
    }

    /** Sequences {@code first .. first + count − 1}, materialised. */
    public List<LineSequence> sequences(long first, int count) {
        Check.positive("count", count);
        List<LineSequence> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(sequence(first + i));
        }
        return list;
    }

    /** The first sequence of this stream that grows in {@code direction}. */
    public LineSequence firstOf(Direction direction) {
        Check.notNull("direction", direction);
        for (long i = 0; ; i++) {
            LineSequence s = sequence(i);
            if (s.direction() == direction) {
                return s;
            }
        }
    }

    /**
     * A streaming iterator over sequences {@code 0 .. count − 1}, generated batch by batch so
     * memory does not grow with {@code count}.
     */
    public LineSequenceIterator iterator(int count, int batchSize) {
        return new LineSequenceIterator(this, count, batchSize);
    }

    private LineSequence grow(Direction direction, SplittableRandom random) {
        int n = size;
        int[] rows = new int[n];
        int[] cols = new int[n];
        int cross = random.nextInt(n);
        // the edge the original starts from, or anywhere for the wrapping variant
        int start = wrapping
                ? random.nextInt(n)
                : switch (direction) {
                    case DOWN, RIGHT -> 0;
                    case UP, LEFT -> n - 1;
                };
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                if (wrapping) {
                    cross = Math.floorMod(cross + random.nextInt(3) - 1, n);
                } else {
                    int lower = Math.max(0, cross - 1);
                    int upper = Math.min(n - 1, cross + 1);
                    cross = lower + random.nextInt(upper - lower + 1);
                }
            }
            int along =
                    switch (direction) {
                        case DOWN, RIGHT -> Math.floorMod(start + k, n);
                        case UP, LEFT -> Math.floorMod(start - k, n);
                    };
            if (direction.isVertical()) {
                rows[k] = along;
                cols[k] = cross;
            } else {
                rows[k] = cross;
                cols[k] = along;
            }
        }
        return new LineSequence(direction, rows, cols, movingDot);
    }

    /** Decorrelates (seed, index) pairs into one well-mixed 64-bit seed (SplitMix64 finaliser). */
    private static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
