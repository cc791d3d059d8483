package io.github.cnnlstm.base;

/** Argument checks whose messages name the bad value and what is allowed. */
public final class Check {
    private Check() {}

    /** Requires {@code min <= value <= max}; returns the value. */
    public static int inRange(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " = " + value + " is out of range: allowed " + min + ".." + max);
        }
        return value;
    }

    /** Requires {@code min <= value <= max} (NaN is rejected); returns the value. */
    public static double inRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " = " + value + " is out of range: allowed " + min + ".." + max);
        }
        return value;
    }

    /** Requires {@code value >= 1}; returns the value. */
    public static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " = " + value + " must be positive (>= 1)");
        }
        return value;
    }

    /** Requires a non-null value; returns it. */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /** Requires {@code actual == expected}, for a dimension that must match the model. */
    public static void matches(String name, int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(
                    name + " = " + actual + " does not match the model: expected " + expected);
        }
    }
}
