package io.github.cnnlstm.base;

/** Rounding of the numbers shown in tables, the same everywhere. */
public final class Rounding {
    private Rounding() {}

    /** {@code value} rounded to three decimals (half up), e.g. 0.9876 → 0.988. */
    public static double threeDecimals(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
