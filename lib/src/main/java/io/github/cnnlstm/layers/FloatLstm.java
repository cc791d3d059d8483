package io.github.cnnlstm.layers;

import static io.github.cnnlstm.layers.LastStepLstmImpl.CANDIDATE;
import static io.github.cnnlstm.layers.LastStepLstmImpl.FORGET;
import static io.github.cnnlstm.layers.LastStepLstmImpl.INPUT;
import static io.github.cnnlstm.layers.LastStepLstmImpl.OUTPUT;

import io.github.cnnlstm.base.NdArrays;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The LSTM of {@link LastStepLstmImpl} for float networks, on Java arrays: one forward pass and
 * its backpropagation through time, everything laid out example by example ({@code [example][step][…]}),
 * examples in parallel.
 *
 * <p>The input projections x(t)·W are where nearly all the arithmetic is. When the input changes in
 * few places from one step to the next ({@link InputChanges}), as pooled features of a growing line
 * do, they are computed incrementally: x(0)·W for all examples in one matrix product, then
 * x(t)·W = x(t−1)·W + Δ(t)·W, a few rows of W per step, accumulated in double. The gradient of W
 * follows the same algebra: Σₜ x(t)ᵀ·dz(t) = x(0)ᵀ·G(0) + Σₜ Δ(t)ᵀ·G(t) with G(t) = Σ_{s≥t} dz(s).
 * Both are exact rearrangements of the dense products, which are used when the input changes
 * everywhere (random data, for instance). The gradient for the input, dz·Wᵀ, is always dense: the
 * layer computes it.
 */
final class FloatLstm {
    private float[] lastDz;
    /** The suffix sums G(t) of the last backward pass (incremental products only, else null). */
    private float[][] lastSuffix;

    /** More changes than this share of input values, and the dense products are cheaper. */
    private static final double SPARSE_SHARE = 0.25;

    final int batch;
    final int inputs;
    final int frames;
    final int units;
    /** The parameters this pass ran with, also those of its backpropagation. */
    final Weights weights;
    /** Null when the dense products are used. */
    final InputChanges changes;
    /** The whole input {@code [example][feature][step]}, for the dense products only (else null). */
    final float[] x;
    /** Candidate g, gates f, o, i, cell state c, tanh(c) and output h, each {@code [example][step][unit]}. */
    final float[] g;

    final float[] f;
    final float[] o;
    final float[] i;
    final float[] c;
    final float[] tanhC;
    final float[] h;

    /**
     * Parameters: W as the network holds it, W row by row {@code [nIn][4n]}, RW {@code [n][4n]}, b. Rows
     * are separate arrays: the JIT vectorises {@code a[k] += s * row[k]} over two arrays at the same
     * index, not at an offset into one flat array. W's rows are in double, the precision its products
     * are summed in: the JIT vectorises no conversion from float to double, and double holds every
     * float exactly.
     */
    record Weights(INDArray w, double[][] wRows, float[][] rw, float[] bias) {
        /** W's rows in arrays of {@code scratch}'s when it is not null (a training pass), else in new ones. */
        static Weights of(INDArray w, INDArray rw, INDArray bias, Scratch scratch) {
            int rows = (int) w.size(0);
            int cols = (int) w.size(1);
            double[][] wRows = scratch == null ? new double[rows][cols] : scratch.weightRows(rows, cols);
            return new Weights(w, rows(w, wRows), rows(rw), NdArrays.toFloats(bias));
        }

        /**
         * The rows of a matrix into {@code rows}, every value written. When m is f order (as parameters
         * are) its memory holds the columns one after another: each is read in one bulk copy, and they
         * are transposed sixteen rows at a time, so that the rows being written stay in cache while
         * the columns are read a cache line at a time.
         */
        private static double[][] rows(INDArray m, double[][] rows) {
            int rowCount = (int) m.size(0);
            int cols = (int) m.size(1);
            NdArrays.Strided s = NdArrays.strided(m.transpose()); // [cols, rows]: contiguous when m is f order
            float[] columns = new float[rowCount * cols];
            for (int k = 0; k < cols; k++) {
                s.buffer().get((int) (s.offset() + k * s.strides()[0]), columns, k * rowCount, rowCount);
            }
            for (int r0 = 0; r0 < rowCount; r0 += 16) {
                int r1 = Math.min(rowCount, r0 + 16);
                for (int k = 0; k < cols; k++) {
                    for (int r = r0; r < r1; r++) {
                        rows[r][k] = columns[k * rowCount + r];
                    }
                }
            }
            return rows;
        }

        /** The rows of a small matrix. */
        private static float[][] rows(INDArray m) {
            float[] values = NdArrays.toFloats(m);
            int cols = (int) m.size(1);
            float[][] rows = new float[(int) m.size(0)][];
            for (int r = 0; r < rows.length; r++) {
                rows[r] = Arrays.copyOfRange(values, r * cols, (r + 1) * cols);
            }
            return rows;
        }
    }

    /**
     * The large arrays of a layer's training passes, kept from one batch to the next. Java zeroes every
     * new array, and while a fresh JVM's heap grows, each new page of it is mapped and cleared too:
     * a first training in a fresh JVM ran some 7% faster with the arrays kept. Every value of a reused
     * array is written before it is read. Only training passes use them: a training pass's arrays are
     * read until its backpropagation ends, which comes before the next training pass.
     */
    static final class Scratch {
        /** By slot: 0–6 the gates and states, 7 the dense input, 8 dz, 9 the previous outputs. */
        private final float[][] arrays = new float[10][];

        private float[][] suffix;
        private double[][] weightRows;

        /** Array {@code slot}, of {@code length} values; its old values remain. */
        float[] take(int slot, int length) {
            float[] a = arrays[slot];
            if (a == null || a.length != length) {
                a = new float[length];
                arrays[slot] = a;
            }
            return a;
        }

        /** The suffix sums' matrix, {@code rows × cols}; its old values remain. */
        float[][] suffix(int rows, int cols) {
            if (!fits(suffix, rows, cols)) {
                suffix = new float[rows][cols];
            }
            return suffix;
        }

        /** The matrix of W's rows, {@code rows × cols}; its old values remain. */
        double[][] weightRows(int rows, int cols) {
            if (!fits(weightRows, rows, cols)) {
                weightRows = new double[rows][cols];
            }
            return weightRows;
        }

        private static boolean fits(Object[] m, int rows, int cols) {
            return m != null && m.length == rows && (rows == 0 || java.lang.reflect.Array.getLength(m[0]) == cols);
        }
    }

    /** Null for a pass whose arrays are its own (inference). */
    private final Scratch scratch;

    private float[] array(int slot, int length) {
        return scratch == null ? new float[length] : scratch.take(slot, length);
    }

    private FloatLstm(
            FloatBuffer input,
            int batch,
            int inputs,
            int frames,
            int units,
            Weights weights,
            Scratch scratch,
            boolean[][] constant) {
        this.weights = weights;
        this.scratch = scratch;
        this.batch = batch;
        this.inputs = inputs;
        this.frames = frames;
        this.units = units;
        long limit = (long) (SPARSE_SHARE * batch * inputs * frames);
        this.changes = frames > 1 ? InputChanges.of(input, batch, inputs, frames, limit, constant) : null;
        if (changes == null) {
            x = array(7, batch * inputs * frames);
            input.get(0, x, 0, x.length);
        } else {
            x = null;
        }
        int size = batch * frames * units;
        // every value written by run(), step by step
        g = array(0, size);
        f = array(1, size);
        o = array(2, size);
        i = array(3, size);
        c = array(4, size);
        tanhC = array(5, size);
        h = array(6, size);
    }

    /**
     * The forward pass over {@code input} {@code [batch][inputs][frames]}, in arrays of {@code scratch}
     * (a training pass) or new ones (null). {@code constant}, when not null, tells per example which
     * input features keep one value in every step.
     */
    static FloatLstm forward(
            FloatBuffer input,
            int batch,
            int inputs,
            int frames,
            int units,
            Weights w,
            Scratch scratch,
            boolean[][] constant) {
        FloatLstm r = new FloatLstm(input, batch, inputs, frames, units, w, scratch, constant);
        r.run();
        return r;
    }

    private void run() {
        Weights w = weights;
        int n = units;
        int n4 = 4 * n;
        boolean sparse = changes != null;
        // sparse: x(0)·W + b per example [b][4n]; dense: x(t)·W + b per example and step [b][t][4n]
        float[] z = sparse
                ? times(changes.first, batch, inputs, w.w())
                : times(exampleMajor(), batch * frames, inputs, w.w());
        for (int r = 0; r < z.length; r += n4) {
            for (int k = 0; k < n4; k++) {
                z[r + k] += w.bias()[k];
            }
        }
        // one method call per step: the JIT then compiles a step's loops as one small method, once,
        // rather than the whole example's loop several times over (on-stack replacement, then whole)
        IntStream.range(0, batch).parallel().forEach(b -> {
            Step step = new Step(n, sparse);
            for (int t = 0; t < frames; t++) {
                forwardStep(b, t, z, step);
            }
        });
    }

    /** One example's working arrays: this step's pre-activations, gates and states. */
    private static final class Step {
        final float[] zt;
        /** x(t)·W + b accumulated in double (incremental products only, else null). */
        final double[] u;
        // this step's gates and states, then copied out: loops over equal indices vectorise
        final float[] gt;
        final float[] ft;
        final float[] ot;
        final float[] it;
        /** Holds c(t−1) until the step writes c(t); c(−1) = 0. */
        final float[] ct;

        final float[] tct;
        /** Holds h(t−1) until the step writes h(t). */
        final float[] ht;

        Step(int n, boolean sparse) {
            zt = new float[4 * n];
            u = sparse ? new double[4 * n] : null;
            gt = new float[n];
            ft = new float[n];
            ot = new float[n];
            it = new float[n];
            ct = new float[n];
            tct = new float[n];
            ht = new float[n];
        }
    }

    /** Step t of example b: its gates and states, written into this pass's arrays. */
    private void forwardStep(int b, int t, float[] z, Step st) {
        int n = units;
        int n4 = 4 * n;
        float[] zt = st.zt;
        double[] u = st.u;
        float[] gt = st.gt;
        float[] ft = st.ft;
        float[] ot = st.ot;
        float[] it = st.it;
        float[] ct = st.ct;
        float[] tct = st.tct;
        float[] ht = st.ht;
        int s = (b * frames + t) * n;
        if (u == null) {
            System.arraycopy(z, (b * frames + t) * n4, zt, 0, n4);
        } else {
            if (t == 0) {
                for (int k = 0; k < n4; k++) {
                    u[k] = z[b * n4 + k];
                }
            } else {
                double[][] wRows = weights.wRows();
                for (int e = changes.start[b * frames + t]; e < changes.start[b * frames + t + 1]; e++) {
                    double d = changes.delta[e];
                    double[] row = wRows[changes.feature[e]];
                    for (int k = 0; k < n4; k++) {
                        u[k] += d * row[k];
                    }
                }
            }
            for (int k = 0; k < n4; k++) {
                zt[k] = (float) u[k];
            }
        }
        if (t > 0) {
            addTimesRows(zt, ht, weights.rw()); // ht still holds h(t−1)
        }
        for (int j = 0; j < n; j++) {
            zt[j] = tanh(zt[j]);
        }
        for (int j = n; j < n4; j++) {
            zt[j] = sigmoid(zt[j]);
        }
        System.arraycopy(zt, CANDIDATE * n, gt, 0, n);
        System.arraycopy(zt, FORGET * n, ft, 0, n);
        System.arraycopy(zt, OUTPUT * n, ot, 0, n);
        System.arraycopy(zt, INPUT * n, it, 0, n);
        // ct still holds c(t−1), and c(−1) = 0. Three loops rather than one: the JIT vectorises
        // a loop only while its body is small
        for (int j = 0; j < n; j++) {
            ct[j] = ft[j] * ct[j] + it[j] * gt[j];
        }
        for (int j = 0; j < n; j++) {
            tct[j] = tanh(ct[j]);
        }
        for (int j = 0; j < n; j++) {
            ht[j] = ot[j] * tct[j];
        }
        System.arraycopy(gt, 0, g, s, n);
        System.arraycopy(ft, 0, f, s, n);
        System.arraycopy(ot, 0, o, s, n);
        System.arraycopy(it, 0, i, s, n);
        System.arraycopy(ct, 0, c, s, n);
        System.arraycopy(tct, 0, tanhC, s, n);
        System.arraycopy(ht, 0, h, s, n);
    }

    /**
     * {@code acc += Σ_r v[r] · rows[r]}: rows four at a time, so that each pass over {@code acc}
     * (vectorised by the JIT) does four multiply-adds per element, not one.
     */
    private static void addTimesRows(float[] acc, float[] v, float[][] rows) {
        int len = acc.length;
        int r = 0;
        for (; r + 4 <= rows.length; r += 4) {
            float v0 = v[r];
            float v1 = v[r + 1];
            float v2 = v[r + 2];
            float v3 = v[r + 3];
            float[] r0 = rows[r];
            float[] r1 = rows[r + 1];
            float[] r2 = rows[r + 2];
            float[] r3 = rows[r + 3];
            for (int k = 0; k < len; k++) {
                acc[k] += v0 * r0[k] + v1 * r1[k] + v2 * r2[k] + v3 * r3[k];
            }
        }
        for (; r < rows.length; r++) {
            float vr = v[r];
            float[] row = rows[r];
            for (int k = 0; k < len; k++) {
                acc[k] += vr * row[k];
            }
        }
    }

    /** The output after the last step, {@code [batch][n]}. */
    float[] lastOutput() {
        float[] last = new float[batch * units];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(h, ((b + 1) * frames - 1) * units, last, b * units, units);
        }
        return last;
    }

    /** dz of the last backward pass, example-major {@code [batch·frames][4n]}. */
    float[] lastDz() {
        return lastDz;
    }

    /** The rows of the input weights W {@code [inputs][4n]} this pass ran with. */
    double[][] inputWeightRows() {
        return weights.wRows();
    }

    /**
     * Backpropagation through time from the gradient {@code dhLast} {@code [batch][n]} of the last
     * output: every step's pre-activation gradient dz ({@link #lastDz}), from which the input's
     * gradient dz·Wᵀ follows, and what {@link #parameterGradients} needs.
     */
    void backward(float[] dhLast) {
        Weights w = weights;
        int n = units;
        int n4 = 4 * n;
        boolean sparse = changes != null;
        float[][] rwT = transpose(w.rw());
        // every value of dz and of the suffix sums written by backwardStep()
        float[] dz = array(8, batch * frames * n4);
        // sparse: G(t) = Σ_{s≥t} dz(s) per example and step
        float[][] suffix =
                !sparse ? null : scratch == null ? new float[batch * frames][n4] : scratch.suffix(batch * frames, n4);
        IntStream.range(0, batch).parallel().forEach(b -> {
            BackStep step = new BackStep(n, sparse);
            System.arraycopy(dhLast, b * n, step.dh, 0, n);
            for (int t = frames - 1; t >= 0; t--) {
                backwardStep(b, t, rwT, dz, suffix, step);
            }
        });
        lastDz = dz;
        lastSuffix = suffix;
    }

    /**
     * The parameters' gradients from the last {@link #backward} pass, written into {@code gW},
     * {@code gRW} and {@code gB} (DL4J's gradient views); returns dz as an array {@code [example·step,
     * 4n]}. Reads this pass's arrays only, so it can run while the layer below backpropagates.
     */
    INDArray parameterGradients(INDArray gW, INDArray gRW, INDArray gB) {
        int n = units;
        int n4 = 4 * n;
        float[] dz = lastDz;
        float[][] suffix = lastSuffix;
        float[] gBias = new float[n4];
        for (int r = 0; r < dz.length; r += n4) {
            for (int k = 0; k < n4; k++) {
                gBias[k] += dz[r + k];
            }
        }
        NdArrays.copyInto(gB, gBias);
        INDArray dZ = NdArrays.fromFloats(dz, (long) batch * frames, n4);
        // products straight into DL4J's gradient views
        Nd4j.gemm(NdArrays.fromFloats(previousOutputs(), (long) batch * frames, n), dZ, gRW, true, false, 1.0, 0.0);
        if (changes != null) {
            float[] g0 = new float[batch * n4];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(suffix[b * frames], 0, g0, b * n4, n4);
            }
            // the changes' products first, then x(0)ᵀ·G(0) added by the product itself (β = 1): one
            // pass over gW instead of a product, then an element-wise sum over a strided view
            NdArrays.copyInto(gW.transpose(), changeProducts(suffix)); // gW is f order: its transpose c order
            INDArray x0 = NdArrays.fromFloats(changes.first, batch, inputs);
            Nd4j.gemm(x0, NdArrays.fromFloats(g0, batch, n4), gW, true, false, 1.0, 1.0);
        } else {
            INDArray rows = NdArrays.fromFloats(exampleMajor(), (long) batch * frames, inputs);
            Nd4j.gemm(rows, dZ, gW, true, false, 1.0, 0.0);
        }
        return dZ;
    }

    /** One example's working arrays in backpropagation: the step's states copied in and gradients. */
    private static final class BackStep {
        /** dh(t), then dh(t−1). */
        final float[] dh;
        /** dc carried back from step t+1; within a step, dc(t). */
        final float[] dc;
        /** Σ_{s≥t} dz(s) in double (incremental products only, else null). */
        final double[] sum;
        // this step's states, copied in, and its gradients, copied out: loops over equal indices
        final float[] gt;
        final float[] ft;
        final float[] ot;
        final float[] it;
        final float[] tct;
        final float[] cPrev;
        final float[] dzg;
        final float[] dzf;
        final float[] dzo;
        final float[] dzi;
        final float[] dzt;

        BackStep(int n, boolean sparse) {
            dh = new float[n];
            dc = new float[n];
            sum = sparse ? new double[4 * n] : null;
            gt = new float[n];
            ft = new float[n];
            ot = new float[n];
            it = new float[n];
            tct = new float[n];
            cPrev = new float[n];
            dzg = new float[n];
            dzf = new float[n];
            dzo = new float[n];
            dzi = new float[n];
            dzt = new float[4 * n];
        }
    }

    /** Step t of example b, backwards: its dz into {@code dz}, G(t) into {@code suffix}, dh(t−1). */
    private void backwardStep(int b, int t, float[][] rwT, float[] dz, float[][] suffix, BackStep st) {
        int n = units;
        int n4 = 4 * n;
        float[] dh = st.dh;
        float[] dc = st.dc;
        double[] sum = st.sum;
        float[] gt = st.gt;
        float[] ft = st.ft;
        float[] ot = st.ot;
        float[] it = st.it;
        float[] tct = st.tct;
        float[] cPrev = st.cPrev;
        float[] dzg = st.dzg;
        float[] dzf = st.dzf;
        float[] dzo = st.dzo;
        float[] dzi = st.dzi;
        float[] dzt = st.dzt;
        int s = (b * frames + t) * n;
        int zRow = (b * frames + t) * n4;
        System.arraycopy(g, s, gt, 0, n);
        System.arraycopy(f, s, ft, 0, n);
        System.arraycopy(o, s, ot, 0, n);
        System.arraycopy(i, s, it, 0, n);
        System.arraycopy(tanhC, s, tct, 0, n);
        if (t > 0) {
            System.arraycopy(c, s - n, cPrev, 0, n);
        } else {
            Arrays.fill(cPrev, 0f);
        }
        // one loop per gradient: the JIT vectorises a loop only while its body is small
        for (int j = 0; j < n; j++) {
            dc[j] = dc[j] + dh[j] * ot[j] * (1 - tct[j] * tct[j]); // dc(t), until it is carried back
        }
        for (int j = 0; j < n; j++) {
            dzg[j] = dc[j] * it[j] * (1 - gt[j] * gt[j]);
        }
        for (int j = 0; j < n; j++) {
            dzf[j] = dc[j] * cPrev[j] * ft[j] * (1 - ft[j]);
        }
        for (int j = 0; j < n; j++) {
            dzo[j] = dh[j] * tct[j] * ot[j] * (1 - ot[j]);
        }
        for (int j = 0; j < n; j++) {
            dzi[j] = dc[j] * gt[j] * it[j] * (1 - it[j]);
        }
        for (int j = 0; j < n; j++) {
            dc[j] = dc[j] * ft[j];
        }
        System.arraycopy(dzg, 0, dzt, CANDIDATE * n, n);
        System.arraycopy(dzf, 0, dzt, FORGET * n, n);
        System.arraycopy(dzo, 0, dzt, OUTPUT * n, n);
        System.arraycopy(dzi, 0, dzt, INPUT * n, n);
        System.arraycopy(dzt, 0, dz, zRow, n4);
        if (sum != null) {
            float[] gs = suffix[b * frames + t];
            for (int k = 0; k < n4; k++) {
                sum[k] += dzt[k];
                gs[k] = (float) sum[k];
            }
        }
        if (t > 0) {
            // dh(t−1) = dz(t) · RWᵀ, as row updates over RWᵀ [4n][n]
            Arrays.fill(dh, 0f);
            addTimesRows(dh, dzt, rwT);
        }
    }

    /** Σ over examples and steps t ≥ 1 of Δ(t)ᵀ·G(t), column by column ({@code [4n][inputs]}). */
    private float[] changeProducts(float[][] suffix) {
        int n4 = 4 * units;
        float[] sum = new float[inputs * n4];
        float[][] rows = new float[inputs][];
        for (int bt = 0; bt < batch * frames; bt++) {
            if (bt % frames == 0) {
                continue; // step 0 is in x(0)ᵀ·G(0)
            }
            float[] gt = suffix[bt];
            for (int e = changes.start[bt]; e < changes.start[bt + 1]; e++) {
                float d = (float) changes.delta[e];
                int j = changes.feature[e];
                if (rows[j] == null) {
                    rows[j] = new float[n4];
                }
                float[] row = rows[j];
                for (int k = 0; k < n4; k++) {
                    row[k] += d * gt[k];
                }
            }
        }
        for (int j = 0; j < inputs; j++) {
            float[] row = rows[j];
            if (row != null) {
                for (int k = 0; k < n4; k++) {
                    sum[k * inputs + j] = row[k];
                }
            }
        }
        return sum;
    }

    /** Outputs of the previous step {@code [example][step][n]}, zero at step 0. */
    private float[] previousOutputs() {
        float[] prev = array(9, h.length);
        int n = units;
        for (int b = 0; b < batch; b++) {
            Arrays.fill(prev, b * frames * n, (b * frames + 1) * n, 0f);
            System.arraycopy(h, b * frames * n, prev, (b * frames + 1) * n, (frames - 1) * n);
        }
        return prev;
    }

    /** The input as rows {@code [example·step][feature]}. */
    private float[] exampleMajor() {
        float[] rows = new float[x.length];
        for (int b = 0; b < batch; b++) {
            for (int j = 0; j < inputs; j++) {
                int from = (b * inputs + j) * frames;
                for (int t = 0; t < frames; t++) {
                    rows[(b * frames + t) * inputs + j] = x[from + t];
                }
            }
        }
        return rows;
    }

    /** a {@code [rows, cols]} times w. */
    private static float[] times(float[] a, int rows, int cols, INDArray w) {
        return NdArrays.toFloats(NdArrays.fromFloats(a, rows, cols).mmul(w));
    }

    /** σ(x) = (1 + tanh(x/2))/2, within 3·10⁻⁷ of the exact value. */
    static float sigmoid(float x) {
        return 0.5f + 0.5f * tanh(0.5f * x);
    }

    /**
     * tanh as a rational function in float arithmetic (Eigen's approximation, clamped where tanh is 1
     * to float precision), within 4·10⁻⁷ of the exact value. Unlike Math.tanh, or tanh through
     * Math.exp, the JIT vectorises it in a loop: the gates of a step cost a tenth as much.
     */
    static float tanh(float v) {
        float x = Math.max(-7.90531110763549805f, Math.min(7.90531110763549805f, v));
        float x2 = x * x;
        float p = -2.76076847742355e-16f;
        p = p * x2 + 2.00018790482477e-13f;
        p = p * x2 - 8.60467152213735e-11f;
        p = p * x2 + 5.12229709037114e-08f;
        p = p * x2 + 1.48572235717979e-05f;
        p = p * x2 + 6.37261928875436e-04f;
        p = p * x2 + 4.89352455891786e-03f;
        float q = 1.19825839466702e-06f;
        q = q * x2 + 1.18534705686654e-04f;
        q = q * x2 + 2.26843463243900e-03f;
        q = q * x2 + 4.89352518554385e-03f;
        return x * p / q;
    }

    private static float[][] transpose(float[][] m) {
        float[][] t = new float[m[0].length][m.length];
        for (int r = 0; r < m.length; r++) {
            for (int col = 0; col < m[0].length; col++) {
                t[col][r] = m[r][col];
            }
        }
        return t;
    }
}
