package io.github.cnnlstm.layers;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolution's input gradient handed over in factored form: the LSTM's pre-activation
 * gradients dz and its input weights W, instead of their product W·dzᵀ.
 *
 * <p>The dense product has a row for each of the 1,152 pooled features and a column for each frame
 * of each example, but the convolution is the first layer and needs little of it: for a window that
 * has input, the gradient summed over each run of frames in which its pixels do not change,
 * W[j]·(Σ dz over the run), and for the windows without input, per filter, only the total
 * (Σ_{w empty} W[w])·(Σ_t dz(t)). Both are exact rearrangements of the product, and cost a few rows
 * of W per example instead of all of them.
 *
 * <p>The hand-over goes through a {@link Pairing}, which {@link FusedLayers#pair} gives to a
 * convolution and the LSTM directly above it when a network is built. The convolution offers the
 * hand-over in its training forward pass, naming the activations it produced; the LSTM takes it up
 * in its backward pass only if those activations are its own input, and then returns a one-element
 * marker as its input gradient; the convolution's backward pass recognises the marker. Layers that
 * are not paired, and any other network, keep the dense gradient.
 */
final class FactoredGradient {
    /** Each worker thread's scratch buffer of prefix sums (see {@link #prefixSums}): not state. */
    private static final ThreadLocal<double[]> PREFIX = ThreadLocal.withInitial(() -> new double[0]);

    /** The convolution's output, which must be the LSTM's input. */
    private final INDArray activations;

    /** dz, example-major {@code [batch·frames][4n]}. */
    private float[] dz;
    /** The rows of W, {@code [inputs][4n]}. */
    private double[][] weightRows;

    /** Per example, the convolution's features that hold one value in every frame (windows without input). */
    private final boolean[][] constantFeatures;

    private INDArray marker;

    private FactoredGradient(INDArray activations, boolean[][] constantFeatures) {
        this.activations = activations;
        this.constantFeatures = constantFeatures;
    }

    /**
     * One convolution and the LSTM that reads its output, as {@link FusedLayers#pair} joins them:
     * the hand-over of one training step, from the convolution's forward pass to its backward pass.
     * A network trains on one thread at a time, as DL4J's networks do.
     */
    static final class Pairing {
        private FactoredGradient pending;

        /** The LSTM's parameter gradients while they are computed beside the convolution's backward pass. */
        private ForkJoinTask<?> parameterGradients;

        /**
         * The convolution, in a training forward pass: it can take its gradient in factored form, and
         * it tells which of its output features keep one value in every frame, per example.
         */
        void offer(INDArray activations, boolean[][] constantFeatures) {
            finish();
            pending = new FactoredGradient(activations, constantFeatures);
        }

        /**
         * The LSTM, in a training forward pass: per example, which features of its {@code input} keep
         * one value in every frame, when the input is the activations of a pending offer; else null.
         */
        boolean[][] constantFeatures(INDArray input) {
            FactoredGradient f = pending;
            return f != null && f.activations == input ? f.constantFeatures : null;
        }

        /**
         * The LSTM, in its backward pass: if its {@code input} is the activations of a pending
         * offer, stores dz and W in it, starts {@code parameterGradients} on another thread and
         * returns a new marker (from {@code newMarker}) to hand on as the input gradient; else null,
         * and the LSTM computes its parameter gradients itself and returns the dense input gradient.
         */
        INDArray accept(
                INDArray input,
                float[] dz,
                double[][] weightRows,
                Supplier<INDArray> newMarker,
                Runnable parameterGradients) {
            FactoredGradient f = pending;
            if (f == null || f.activations != input || f.marker != null) {
                return null;
            }
            f.dz = dz;
            f.weightRows = weightRows;
            f.marker = newMarker.get();
            // the convolution's backward pass needs dz and W only: the LSTM's serial remainder (a
            // matrix product and the gradient of W) runs on the pool's worker meanwhile, and a
            // network's parameter gradients are all computed before DL4J's updater reads them
            this.parameterGradients = ForkJoinPool.commonPool().submit(parameterGradients);
            return f.marker;
        }

        /**
         * Waits for the parameter gradients started by {@link #accept}, if any, rethrowing what they
         * threw. The convolution calls it as its backward pass ends, whatever happens, so that the
         * gradients are complete when its backward pass returns.
         */
        void finish() {
            ForkJoinTask<?> running = parameterGradients;
            parameterGradients = null;
            if (running != null) {
                running.join();
            }
        }

        /**
         * The convolution, in its backward pass: the factored gradient if {@code epsilon} is its
         * marker, else null (epsilon is then the dense gradient). Either way the offer is withdrawn.
         */
        FactoredGradient take(INDArray epsilon) {
            FactoredGradient f = pending;
            pending = null;
            return f != null && f.marker != null && f.marker == epsilon ? f : null;
        }
    }

    /**
     * dz of example {@code e}, summed over frames: entries {@code [k·4n, (k+1)·4n)} hold
     * Σ_{s &lt; k} dz(s), for k = 0 … frames. The array is this thread's own and is reused for its next
     * example, so it is valid until then: an example is computed on one thread from start to end.
     */
    double[] prefixSums(int e, int frames) {
        int n4 = weightRows[0].length;
        double[] p = PREFIX.get();
        if (p.length < (frames + 1) * n4) {
            p = new double[(frames + 1) * n4];
            PREFIX.set(p);
        }
        Arrays.fill(p, 0, n4, 0.0);
        for (int k = 0; k < frames; k++) {
            int row = (e * frames + k) * n4;
            int prev = k * n4;
            int next = prev + n4;
            for (int c = 0; c < n4; c++) {
                p[next + c] = p[prev + c] + dz[row + c];
            }
        }
        return p;
    }

    /** Row j of W. */
    double[] row(int j) {
        return weightRows[j];
    }

    /** W[j]·(P[to] − P[from]): feature j's gradient summed over frames from..to−1. */
    double over(int j, double[] prefix, int from, int to) {
        return dot(weightRows[j], prefix, from, to);
    }

    /** The sum of the rows of W of filter f's features {@code [f·windows, (f+1)·windows)}. */
    double[] rowSum(int f, int windows) {
        double[] s = new double[weightRows[0].length];
        for (int j = f * windows; j < (f + 1) * windows; j++) {
            double[] w = weightRows[j];
            for (int c = 0; c < s.length; c++) {
                s[c] += w[c];
            }
        }
        return s;
    }

    /** {@code v}·(P[to] − P[from]) for a vector v of length 4n. */
    static double dot(double[] v, double[] prefix, int from, int to) {
        int a = to * v.length;
        int b = from * v.length;
        double d = 0;
        for (int c = 0; c < v.length; c++) {
            d += v[c] * (prefix[a + c] - prefix[b + c]);
        }
        return d;
    }
}
