package io.github.cnnlstm.data;

import java.util.Arrays;
import java.util.List;

/**
 * The four directions a line can grow in, in label order.
 *
 * <p>The order is alphabetical by name (Down, Left, Right, Up), the order the original example's
 * label encoder produced, so label index {@code i} is {@code values()[i]}.
 */
public enum Direction {
    DOWN("Down"),
    LEFT("Left"),
    RIGHT("Right"),
    UP("Up");

    private final String label;

    Direction(String label) {
        this.label = label;
    }

    /** The human-readable class name, e.g. {@code "Right"}. */
    public String label() {
        return label;
    }

    /** The class index used in one-hot labels (Down=0, Left=1, Right=2, Up=3). */
    public int index() {
        return ordinal();
    }

    /** Number of classes. */
    public static final int COUNT = values().length;

    private static final List<String> LABELS =
            Arrays.stream(values()).map(Direction::label).toList();

    /** The labels in label order: {@code [Down, Left, Right, Up]}. */
    public static List<String> labels() {
        return LABELS;
    }

    /**
     * The direction with the given label index.
     *
     * @throws IllegalArgumentException if {@code index} is not in [0, 3]
     */
    public static Direction ofIndex(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException(
                    "direction index " + index + " is out of range: allowed 0.." + (COUNT - 1));
        }
        return values()[index];
    }

    /**
     * The direction with the highest of four probabilities given in label order (the first one on
     * a tie).
     *
     * @throws IllegalArgumentException if there are not exactly 4 values
     */
    public static Direction mostProbable(double[] probabilities) {
        if (probabilities == null || probabilities.length != COUNT) {
            throw new IllegalArgumentException("expected " + COUNT + " probabilities, got "
                    + (probabilities == null ? "null" : probabilities.length));
        }
        int best = 0;
        for (int i = 1; i < COUNT; i++) {
            if (probabilities[i] > probabilities[best]) {
                best = i;
            }
        }
        return values()[best];
    }

    /** Whether the line advances along rows (Down, Up) rather than columns (Left, Right). */
    public boolean isVertical() {
        return this == DOWN || this == UP;
    }

    @Override
    public String toString() {
        return label;
    }
}
