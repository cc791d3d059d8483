package io.github.cnnlstm.layers;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Where a sequence's input changes from one step to the next: for every example and step t ≥ 1, the
 * features j whose value differs from step t − 1, with the difference (in double, where the
 * difference of two floats is exact to well below float precision).
 *
 * <p>A growing line changes few pooled features per frame (at most a few windows around the new
 * pixel); the rest keep their value, in particular the constant ReLU(bias) of windows the line has
 * not reached. So x(t)·W = x(t−1)·W + Δ(t)·W costs a few rows of W instead of all of them, exactly
 * (see {@link FloatLstm}). Input layout {@code [example][feature][step]}, steps contiguous.
 */
final class InputChanges {
    /** For example b and step t, its changes are entries [start[b·T + t], start[b·T + t + 1]). */
    final int[] start;
    /** Feature index of each change. */
    final int[] feature;
    /** x(t) − x(t−1) of each change. */
    final double[] delta;
    /** x(0) of every example, {@code [batch][inputs]}. */
    final float[] first;

    private InputChanges(int[] start, int[] feature, double[] delta, float[] first) {
        this.start = start;
        this.feature = feature;
        this.delta = delta;
        this.first = first;
    }

    /**
     * The changes of {@code x} {@code [batch][inputs][frames]}, or null if there are more than {@code
     * limit} (the dense product is then cheaper). Each example is read once, in one bulk copy.
     * {@code constant}, when not null, tells per example which features are known to keep one value
     * in every step (the convolution's windows without input): they are not read.
     */
    static InputChanges of(FloatBuffer x, int batch, int inputs, int frames, long limit, boolean[][] constant) {
        int block = inputs * frames;
        int[][] perExample = new int[batch][];
        double[][] deltas = new double[batch][];
        float[] first = new float[batch * inputs];
        IntStream.range(0, batch).parallel().forEach(b -> {
            int base = b * block;
            int[] p = positions(x, base, inputs, frames, limit, constant == null ? null : constant[b]);
            perExample[b] = p;
            if (p == null) {
                return;
            }
            double[] d = new double[p.length];
            for (int k = 0; k < p.length; k++) {
                d[k] = (double) x.get(base + p[k]) - (double) x.get(base + p[k] - 1);
            }
            deltas[b] = d;
            for (int j = 0; j < inputs; j++) {
                first[b * inputs + j] = x.get(base + j * frames);
            }
        });
        long total = 0;
        for (int[] p : perExample) {
            if (p == null) {
                return null;
            }
            total += p.length;
        }
        if (total > limit) {
            return null;
        }
        int[] start = new int[batch * frames + 1];
        int[] feature = new int[(int) total];
        double[] delta = new double[(int) total];
        // counting sort by (example, step)
        for (int b = 0; b < batch; b++) {
            for (int pos : perExample[b]) {
                start[b * frames + pos % frames + 1]++;
            }
        }
        for (int k = 0; k < batch * frames; k++) {
            start[k + 1] += start[k];
        }
        int[] next = Arrays.copyOf(start, start.length - 1);
        for (int b = 0; b < batch; b++) {
            int[] p = perExample[b];
            for (int k = 0; k < p.length; k++) {
                int slot = next[b * frames + p[k] % frames]++;
                feature[slot] = p[k] / frames;
                delta[slot] = deltas[b][k];
            }
        }
        return new InputChanges(start, feature, delta, first);
    }

    /**
     * Positions {@code feature · frames + t} (t ≥ 1) in the example starting at {@code base} where x
     * differs from the step before, or null if there are more than {@code limit}, in increasing order.
     * FloatBuffer.mismatch compares the values with themselves shifted by one step, vectorised, in
     * place: the whole example in one run when {@code constant} is null (differences at a feature's
     * first step, against the previous feature's last, are skipped), else feature by feature, skipping
     * the constant ones.
     */
    private static int[] positions(FloatBuffer x, int base, int inputs, int frames, long limit, boolean[] constant) {
        int[] found = new int[64];
        int n = 0;
        int runs = constant == null ? 1 : inputs;
        int runLength = constant == null ? inputs * frames : frames;
        for (int r = 0; r < runs; r++) {
            if (constant != null && constant[r]) {
                continue;
            }
            int end = (r + 1) * runLength;
            int p = r * runLength + 1;
            while (p < end) {
                int m = x.slice(base + p, end - p).mismatch(x.slice(base + p - 1, end - p));
                if (m < 0) {
                    break;
                }
                p += m;
                if (p % frames != 0) {
                    if (n == found.length) {
                        if (n > limit) {
                            return null;
                        }
                        found = Arrays.copyOf(found, 2 * n);
                    }
                    found[n++] = p;
                }
                p++;
            }
        }
        return Arrays.copyOf(found, n);
    }
}
