package io.github.cnnlstm.layers;

import io.github.cnnlstm.base.NdArrays;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The computation behind {@link FrameConvolutionLayer}: k×k convolution, ReLU and p×p max pooling of
 * every frame, straight from and to DL4J's recurrent layout, in the network's data type.
 *
 * <p>Input {@code [batch, size², frames]}, output {@code [batch, filters·P², frames]} with
 * P = ⌊(size − k + 1)/p⌋. Each pixel's values over time are contiguous in that layout, so every loop
 * runs over frames innermost, which the JIT vectorises. Examples are processed in parallel. The
 * course's case (float, 2×2 kernel, 2×2 pooling) has its own unrolled path, which reads and writes
 * ND4J's memory in place, skips the pooling windows whose pixels are 0 in every frame, and in
 * backpropagation takes a window's frames in runs over which its pixels do not change; every other
 * case takes a general path in double precision. Being the network's input layer, it computes no
 * gradient for its input.
 */
final class FrameConvolutionImpl extends BaseLayer<FrameConvolutionLayer> {
    private static final long serialVersionUID = 1L;

    /** Per example, which pooling windows had no input in the last training forward pass, and of which input. */
    private transient boolean[][] emptyWindows;

    private transient INDArray emptyInput;

    /** Set by {@link FusedLayers#pair} when an LSTM reads this layer's output; else null (dense gradient). */
    transient FactoredGradient.Pairing pairing;

    FrameConvolutionImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.CONVOLUTIONAL;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        Geometry g = geometry(input);
        INDArray result = workspaceMgr.createUninitialized(
                ArrayType.ACTIVATIONS, dataType, new long[] {g.batch, g.outFeatures(), g.frames}, 'c');
        if (isFastCase(g)) {
            FloatBuffer x = NdArrays.floats(input);
            float[] w = NdArrays.toFloats(getParam(FrameConvolutionParams.WEIGHT_KEY));
            float[] b = NdArrays.toFloats(getParam(FrameConvolutionParams.BIAS_KEY));
            // written in place when the result is a plain float array, as it is when freshly created
            boolean inPlace = NdArrays.isPlainFloat(result);
            FloatBuffer out = inPlace ? NdArrays.floats(result) : FloatBuffer.allocate((int) result.length());
            // which windows have input, per example: found once, reused by backpropagation
            boolean[][] empty = new boolean[g.batch][];
            IntStream.range(0, g.batch).parallel().forEach(e -> {
                empty[e] = emptyWindows(g, x, e * g.size * g.size * g.frames);
                forward(g, x, w, b, e, empty[e], out);
            });
            emptyInput = training ? input : null;
            emptyWindows = training ? empty : null;
            INDArray activations = inPlace ? result : NdArrays.copyInto(result, out.array());
            if (training && pairing != null) {
                pairing.offer(activations, constantFeatures(g, empty));
            }
            return activations;
        }
        double[] x = NdArrays.toDoubles(input);
        double[] w = NdArrays.toDoubles(getParam(FrameConvolutionParams.WEIGHT_KEY));
        double[] b = NdArrays.toDoubles(getParam(FrameConvolutionParams.BIAS_KEY));
        double[] out = new double[g.batch * g.outFeatures() * g.frames];
        IntStream.range(0, g.batch).parallel().forEach(e -> GeneralWindows.forward(g, x, w, b, e, out));
        return NdArrays.copyInto(result, out);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        try {
            return gradient(epsilon);
        } finally {
            if (pairing != null) {
                pairing.finish(); // the LSTM's parameter gradients, computed meanwhile
            }
        }
    }

    private Pair<Gradient, INDArray> gradient(INDArray epsilon) {
        assertInputSet(true);
        Geometry g = geometry(input);
        // per example: [dW (k² per filter), db (1 per filter)], summed afterwards
        double[] sum;
        if (isFastCase(g)) {
            FloatBuffer x = NdArrays.floats(input);
            FactoredGradient factored = pairing == null ? null : pairing.take(epsilon);
            NdArrays.Strided eps = factored == null ? NdArrays.strided(dense(epsilon, g)) : null;
            boolean[][] empty = emptyInput == input ? emptyWindows : null;
            emptyInput = null;
            emptyWindows = null;
            float[] w = NdArrays.toFloats(getParam(FrameConvolutionParams.WEIGHT_KEY));
            float[] b = NdArrays.toFloats(getParam(FrameConvolutionParams.BIAS_KEY));
            Gradients of = factored != null ? new Factored(g, factored) : new Dense(g, eps);
            // ReLU passes the bias of windows without input only where the bias is positive: a factor
            // of 1 or 0 (adding 0 leaves a sum that started at +0 unchanged), found here rather than
            // by a branch in backward(). The biases change sign during training, and the JIT throws
            // compiled code away when a branch it saw go one way only turns.
            double[] emptyBias = new double[g.filters];
            for (int f = 0; f < g.filters; f++) {
                emptyBias[f] = b[f] > 0f ? 1.0 : 0.0;
            }
            sum = inExampleOrder(g, e -> backward(g, x, of, w, b, emptyBias, e, empty == null ? null : empty[e]));
        } else {
            double[] x = NdArrays.toDoubles(input);
            double[] eps = NdArrays.toDoubles(epsilon);
            double[] w = NdArrays.toDoubles(getParam(FrameConvolutionParams.WEIGHT_KEY));
            double[] b = NdArrays.toDoubles(getParam(FrameConvolutionParams.BIAS_KEY));
            sum = inExampleOrder(g, e -> GeneralWindows.backward(g, x, eps, w, b, e));
        }
        int weights = g.filters * g.kernelArea();
        INDArray gradW = gradientViews.get(FrameConvolutionParams.WEIGHT_KEY);
        INDArray gradB = gradientViews.get(FrameConvolutionParams.BIAS_KEY);
        NdArrays.copyInto(gradW, Arrays.copyOfRange(sum, 0, weights));
        NdArrays.copyInto(gradB, Arrays.copyOfRange(sum, weights, sum.length));
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(FrameConvolutionParams.BIAS_KEY, gradB);
        gradient.gradientForVariable().put(FrameConvolutionParams.WEIGHT_KEY, gradW);
        return new Pair<>(gradient, null);
    }

    /** Per example, the output features of windows without input: ReLU(bias) in every frame. */
    private static boolean[][] constantFeatures(Geometry g, boolean[][] empty) {
        int windows = g.pooledSide() * g.pooledSide();
        boolean[][] constant = new boolean[empty.length][g.outFeatures()];
        for (int e = 0; e < empty.length; e++) {
            for (int f = 0; f < g.filters; f++) {
                System.arraycopy(empty[e], 0, constant[e], f * windows, windows);
            }
        }
        return constant;
    }

    /**
     * The default 2×2 kernel and 2×2 pooling of a float network take a path unrolled for that case;
     * any other kernel or pool size, or a double network, the general one.
     */
    private boolean isFastCase(Geometry g) {
        return dataType == DataType.FLOAT && g.kernel == 2 && g.pool == 2;
    }

    /**
     * The examples' gradients, computed in parallel and summed in example order. A parallel
     * stream's reduce would add them in a tree shaped by the number of threads, and so round
     * differently on another machine.
     */
    private static double[] inExampleOrder(Geometry g, IntFunction<double[]> perExample) {
        double[][] parts = new double[g.batch][];
        IntStream.range(0, g.batch).parallel().forEach(e -> parts[e] = perExample.apply(e));
        double[] sum = new double[g.paramCount()];
        for (double[] part : parts) {
            for (int i = 0; i < sum.length; i++) {
                sum[i] += part[i];
            }
        }
        return sum;
    }

    /**
     * Convolution + ReLU maps {@code [filter][row][col]} of one frame of one example, for pictures of
     * what the filters see.
     */
    static double[][][] convolutionMaps(INDArray input, INDArray weights, INDArray bias, int example, int frame) {
        Geometry g = geometry(input, weights);
        double[] x = NdArrays.toDoubles(input);
        double[] w = NdArrays.toDoubles(weights);
        double[] b = NdArrays.toDoubles(bias);
        int side = g.mapSide();
        double[][][] maps = new double[g.filters][side][side];
        int xb = example * g.size * g.size * g.frames;
        for (int f = 0; f < g.filters; f++) {
            for (int r = 0; r < side; r++) {
                for (int c = 0; c < side; c++) {
                    double v = b[f];
                    for (int u = 0; u < g.kernel; u++) {
                        for (int s = 0; s < g.kernel; s++) {
                            v += w[(f * g.kernel + u) * g.kernel + s]
                                    * x[xb + ((r + u) * g.size + c + s) * g.frames + frame];
                        }
                    }
                    maps[f][r][c] = Math.max(0, v);
                }
            }
        }
        return maps;
    }

    /**
     * The 2×2 kernel, 2×2 pooling float case, unrolled: each pooling window reads a 3×3 patch of
     * pixels, each pixel's frames contiguous. Read and written in place in ND4J's memory, window by
     * window; windows the line never touches get ReLU(bias) without reading anything.
     */
    private static void forward(
            Geometry g, FloatBuffer x, float[] w, float[] b, int e, boolean[] empty, FloatBuffer out) {
        int n = g.size;
        int t = g.frames;
        int p = g.pooledSide();
        int xb = e * n * n * t;
        int ob = e * g.outFeatures() * t;
        float[][] constant = new float[g.filters][t];
        for (int f = 0; f < g.filters; f++) {
            Arrays.fill(constant[f], Math.max(b[f], 0f));
        }
        float[][] patch = new float[9][t];
        float[][] conv = new float[5][t]; // the four convolutions of a pooling window, then its output
        for (int pr = 0; pr < p; pr++) {
            for (int pc = 0; pc < p; pc++) {
                if (empty[pr * p + pc]) {
                    // all nine pixels are 0 in every frame: every product is exactly 0
                    for (int f = 0; f < g.filters; f++) {
                        out.put(ob + ((f * p + pr) * p + pc) * t, constant[f], 0, t);
                    }
                    continue;
                }
                readPatch(g, x, xb, pr, pc, patch);
                forwardWindow(g, w, b, patch, conv, out, ob, pr, pc);
            }
        }
    }

    /**
     * Pooling window (pr, pc) of every filter, from its 3×3 patch. A method of its own, called once
     * per window: the JIT compiles it once, rather than compiling the whole example's loop several
     * times over (on-stack replacement, then whole). Its loops are short and each pixel's frames an
     * array of their own: the JIT vectorises a loop only when its body is small and the arrays it
     * reads are indexed alike, as one loop over nine offsets into one array is not.
     */
    private static void forwardWindow(
            Geometry g,
            float[] w,
            float[] b,
            float[][] patch,
            float[][] conv,
            FloatBuffer out,
            int ob,
            int pr,
            int pc) {
        int t = g.frames;
        int p = g.pooledSide();
        float[] v1 = conv[0];
        float[] v2 = conv[1];
        float[] v3 = conv[2];
        float[] v4 = conv[3];
        float[] run = conv[4];
        for (int f = 0; f < g.filters; f++) {
            float w00 = w[4 * f];
            float w01 = w[4 * f + 1];
            float w10 = w[4 * f + 2];
            float w11 = w[4 * f + 3];
            // the kernel at the window's four positions, its top-left pixel at (0,0), (0,1), (1,0), (1,1)
            kernelAt(v1, patch[0], patch[1], patch[3], patch[4], t, w00, w01, w10, w11);
            kernelAt(v2, patch[1], patch[2], patch[4], patch[5], t, w00, w01, w10, w11);
            kernelAt(v3, patch[3], patch[4], patch[6], patch[7], t, w00, w01, w10, w11);
            kernelAt(v4, patch[4], patch[5], patch[7], patch[8], t, w00, w01, w10, w11);
            float bias = b[f];
            for (int k = 0; k < t; k++) {
                float m = Math.max(Math.max(v1[k], v2[k]), Math.max(v3[k], v4[k])) + bias;
                run[k] = Math.max(m, 0f);
            }
            out.put(ob + ((f * p + pr) * p + pc) * t, run, 0, t);
        }
    }

    /** The 2×2 kernel on pixels a (top left), b, c, d (bottom right), every frame. */
    private static void kernelAt(
            float[] v, float[] a, float[] b, float[] c, float[] d, int t, float w00, float w01, float w10, float w11) {
        for (int k = 0; k < t; k++) {
            v[k] = w00 * a[k] + w01 * b[k] + w10 * c[k] + w11 * d[k];
        }
    }

    /** The 3×3 pixels of pooling window (pr, pc), row by row: each pixel's t frames. */
    private static void readPatch(Geometry g, FloatBuffer x, int xb, int pr, int pc, float[][] patch) {
        int t = g.frames;
        for (int u = 0; u < 3; u++) {
            int from = xb + ((2 * pr + u) * g.size + 2 * pc) * t;
            for (int v = 0; v < 3; v++) {
                x.get(from + v * t, patch[3 * u + v], 0, t);
            }
        }
    }

    /**
     * dW and db contributions of example {@code e} in the 2×2 float case: gradient flows through the
     * pooled maximum only.
     */
    private static double[] backward(
            Geometry g, FloatBuffer x, Gradients of, float[] w, float[] b, double[] emptyBias, int e, boolean[] known) {
        int t = g.frames;
        int p = g.pooledSide();
        int xb = e * g.size * g.size * t;
        double[] grad = new double[5 * g.filters];
        boolean[] empty = known != null ? known : emptyWindows(g, x, xb);
        float[][] patch = new float[9][t];
        int[] starts = new int[t + 1];
        double[] pieceSums = new double[t];
        ExampleGradient eg = of.example(e, b);
        for (int pr = 0; pr < p; pr++) {
            for (int pc = 0; pc < p; pc++) {
                int window = pr * p + pc;
                if (empty[window]) {
                    eg.addEmpty(window); // no input: only the bias gets a gradient
                    continue;
                }
                readPatch(g, x, xb, pr, pc, patch);
                int pieces = unchangedRuns(patch, t, starts);
                for (int f = 0; f < g.filters; f++) {
                    eg.pieceSums(f * p * p + window, starts, pieces, pieceSums);
                    windowGradient(w, f, b[f], patch, t, starts, pieces, pieceSums, grad);
                }
            }
        }
        for (int f = 0; f < g.filters; f++) {
            grad[4 * g.filters + f] += emptyBias[f] * eg.emptyTotal(f);
        }
        return grad;
    }

    /** Where the backward pass reads its input gradient: the dense W·dzᵀ, or W and dz (factored). */
    private interface Gradients {
        ExampleGradient example(int e, float[] bias);
    }

    /** The input gradient of one example, as the convolution's backward pass needs it. */
    private interface ExampleGradient {
        /** Window {@code window} (of every filter) has no input. */
        void addEmpty(int window);

        /** Feature j's gradient summed over each run of frames {@code [starts[i], starts[i+1])}. */
        void pieceSums(int j, int[] starts, int pieces, double[] out);

        /** Filter f's gradient summed over its windows without input and over all frames. */
        double emptyTotal(int f);
    }

    /** The dense input gradient {@code [batch, features, frames]}, read in place. */
    private record Dense(Geometry g, NdArrays.Strided eps) implements Gradients {
        @Override
        public ExampleGradient example(int e, float[] bias) {
            int t = g.frames;
            int windows = g.pooledSide() * g.pooledSide();
            // the gradient of feature j of example e starts at eb + j·featureStride, its frames contiguous
            long eb = eps.offset() + e * eps.strides()[0];
            long featureStride = eps.strides()[1];
            float[] run = new float[t];
            // per filter and frame, the sum of the gradient over windows without input
            float[][] emptySums = new float[g.filters][t];
            return new ExampleGradient() {
                @Override
                public void addEmpty(int window) {
                    for (int f = 0; f < g.filters; f++) {
                        if (bias[f] > 0f) {
                            read(f * windows + window);
                            float[] sums = emptySums[f];
                            for (int k = 0; k < t; k++) {
                                sums[k] += run[k];
                            }
                        }
                    }
                }

                @Override
                public void pieceSums(int j, int[] starts, int pieces, double[] out) {
                    read(j);
                    for (int i = 0; i < pieces; i++) {
                        double d = 0;
                        for (int k = starts[i]; k < starts[i + 1]; k++) {
                            d += run[k];
                        }
                        out[i] = d;
                    }
                }

                @Override
                public double emptyTotal(int f) {
                    double d = 0;
                    for (int k = 0; k < t; k++) {
                        d += emptySums[f][k];
                    }
                    return d;
                }

                private void read(int j) {
                    eps.buffer().get((int) (eb + j * featureStride), run, 0, t);
                }
            };
        }
    }

    /**
     * The input gradient as W and dz ({@link FactoredGradient}): a run's sum is a row of W times a
     * difference of dz's prefix sums, and the windows without input of a filter take the sum of all
     * its rows of W less those of the windows with input.
     */
    private static final class Factored implements Gradients {
        private final Geometry g;
        private final FactoredGradient f;
        /** Per filter, the sum of all its rows of W. */
        private final double[][] rowSums;

        Factored(Geometry g, FactoredGradient f) {
            this.g = g;
            this.f = f;
            int windows = g.pooledSide() * g.pooledSide();
            rowSums = new double[g.filters][];
            for (int k = 0; k < g.filters; k++) {
                rowSums[k] = f.rowSum(k, windows);
            }
        }

        @Override
        public ExampleGradient example(int e, float[] bias) {
            double[] prefix = f.prefixSums(e, g.frames);
            int windows = g.pooledSide() * g.pooledSide();
            // per filter: the rows of W of its windows without input, as all rows less the others
            double[][] emptyRows = new double[g.filters][];
            for (int k = 0; k < g.filters; k++) {
                emptyRows[k] = rowSums[k].clone();
            }
            return new ExampleGradient() {
                @Override
                public void addEmpty(int window) {}

                @Override
                public void pieceSums(int j, int[] starts, int pieces, double[] out) {
                    double[] w = f.row(j);
                    double[] rows = emptyRows[j / windows];
                    for (int c = 0; c < rows.length; c++) {
                        rows[c] -= w[c];
                    }
                    for (int i = 0; i < pieces; i++) {
                        out[i] = f.over(j, prefix, starts[i], starts[i + 1]);
                    }
                }

                @Override
                public double emptyTotal(int k) {
                    return FactoredGradient.dot(emptyRows[k], prefix, 0, g.frames);
                }
            };
        }
    }

    /** {@code epsilon} as the dense gradient it must then be. */
    private static INDArray dense(INDArray epsilon, Geometry g) {
        long[] expected = {g.batch, g.outFeatures(), g.frames};
        if (!Arrays.equals(epsilon.shape(), expected)) {
            throw new IllegalStateException("FrameConvolutionLayer: input gradient of shape "
                    + Arrays.toString(epsilon.shape()) + ", expected " + Arrays.toString(expected));
        }
        return epsilon;
    }

    /**
     * Splits the frames of a 3×3 patch into runs over which none of its pixels changes: writes the
     * first frame of each run into {@code starts}, then t, and returns the number of runs. A growing
     * line changes a window's pixels a few times at most, so its 50 frames fall into a few runs.
     */
    private static int unchangedRuns(float[][] patch, int t, int[] starts) {
        int count = 0;
        starts[count++] = 0;
        for (int k = 1; k < t; k++) {
            boolean same = true;
            for (int q = 0; q < 9 && same; q++) {
                same = patch[q][k] == patch[q][k - 1];
            }
            if (!same) {
                starts[count++] = k;
            }
        }
        starts[count] = t;
        return count;
    }

    /**
     * Adds one window's contributions to filter f's weight gradients and its bias gradient. Within a
     * run of unchanged frames the convolution, its maximum and ReLU's verdict are the same, so the
     * run's gradients are summed first and multiplied by its pixels once.
     */
    private static void windowGradient(
            float[] w,
            int f,
            float bias,
            float[][] patch,
            int t,
            int[] starts,
            int pieces,
            double[] pieceSums,
            double[] grad) {
        int biasIndex = 4 * (grad.length / 5) + f; // grad: [dW of every filter][db of every filter]
        float w00 = w[4 * f];
        float w01 = w[4 * f + 1];
        float w10 = w[4 * f + 2];
        float w11 = w[4 * f + 3];
        double g00 = 0;
        double g01 = 0;
        double g10 = 0;
        double g11 = 0;
        double gb = 0;
        for (int piece = 0; piece < pieces; piece++) {
            int k = starts[piece];
            float a00 = patch[0][k], a01 = patch[1][k], a02 = patch[2][k];
            float a10 = patch[3][k], a11 = patch[4][k], a12 = patch[5][k];
            float a20 = patch[6][k], a21 = patch[7][k], a22 = patch[8][k];
            float v1 = w00 * a00 + w01 * a01 + w10 * a10 + w11 * a11;
            float v2 = w00 * a01 + w01 * a02 + w10 * a11 + w11 * a12;
            float v3 = w00 * a10 + w01 * a11 + w10 * a20 + w11 * a21;
            float v4 = w00 * a11 + w01 * a12 + w10 * a21 + w11 * a22;
            // first maximum in row-major window order, as DL4J's max pooling
            float m = v1;
            float q00 = a00, q01 = a01, q10 = a10, q11 = a11;
            if (v2 > m) {
                m = v2;
                q00 = a01;
                q01 = a02;
                q10 = a11;
                q11 = a12;
            }
            if (v3 > m) {
                m = v3;
                q00 = a10;
                q01 = a11;
                q10 = a20;
                q11 = a21;
            }
            if (v4 > m) {
                m = v4;
                q00 = a11;
                q01 = a12;
                q10 = a21;
                q11 = a22;
            }
            if (m + bias <= 0f) {
                continue; // ReLU blocks the gradient
            }
            double d = pieceSums[piece];
            g00 += d * q00;
            g01 += d * q01;
            g10 += d * q10;
            g11 += d * q11;
            gb += d;
        }
        grad[4 * f] += g00;
        grad[4 * f + 1] += g01;
        grad[4 * f + 2] += g10;
        grad[4 * f + 3] += g11;
        grad[biasIndex] += gb;
    }

    /** Zeros to compare pixel runs with; grown when a larger example comes. */
    private static volatile FloatBuffer zeros = FloatBuffer.allocate(0);

    private static FloatBuffer zeros(int length) {
        FloatBuffer z = zeros;
        if (z.capacity() < length) {
            z = FloatBuffer.allocate(length);
            zeros = z;
        }
        return z;
    }

    /**
     * For each pooling window of example {@code e}, whether its 3×3 input pixels are 0 in every frame.
     * Growing-line frames are mostly empty, so most windows are skipped, with identical results. The
     * nonzero pixels are found by comparing the example with zeros (vectorised), one jump per pixel
     * that has any.
     */
    private static boolean[] emptyWindows(Geometry g, FloatBuffer x, int xb) {
        int n = g.size;
        int t = g.frames;
        int length = n * n * t;
        FloatBuffer zero = zeros(length);
        boolean[] pixelEmpty = new boolean[n * n];
        Arrays.fill(pixelEmpty, true);
        int pos = 0;
        while (pos < length) {
            int m = x.slice(xb + pos, length - pos).mismatch(zero.slice(0, length - pos));
            if (m < 0) {
                break;
            }
            int pixel = (pos + m) / t;
            pixelEmpty[pixel] = false;
            pos = (pixel + 1) * t;
        }
        int p = g.pooledSide();
        boolean[] empty = new boolean[p * p];
        for (int pr = 0; pr < p; pr++) {
            for (int pc = 0; pc < p; pc++) {
                boolean all = true;
                for (int r = 2 * pr; r <= 2 * pr + 2 && all; r++) {
                    for (int c = 2 * pc; c <= 2 * pc + 2 && all; c++) {
                        all = pixelEmpty[r * n + c];
                    }
                }
                empty[pr * p + pc] = all;
            }
        }
        return empty;
    }

    private record Geometry(int batch, int size, int frames, int filters, int kernel, int pool) {
        int mapSide() {
            return size - kernel + 1;
        }

        /** Side of the pooled maps: incomplete windows at the right and bottom edges are dropped. */
        int pooledSide() {
            return mapSide() / pool;
        }

        int outFeatures() {
            return filters * pooledSide() * pooledSide();
        }

        int kernelArea() {
            return kernel * kernel;
        }

        /** Weights then biases, as the gradient sums are laid out. */
        int paramCount() {
            return filters * (kernelArea() + 1);
        }
    }

    private static Geometry geometry(INDArray input, int filters, int size, int kernel, int pool) {
        long[] s = input.shape();
        if (s.length != 3 || s[1] != (long) size * size) {
            throw new IllegalArgumentException("FrameConvolutionLayer expects input [batch, " + size * size
                    + ", frames], got " + Arrays.toString(s));
        }
        return new Geometry((int) s[0], size, (int) s[2], filters, kernel, pool);
    }

    private Geometry geometry(INDArray in) {
        FrameConvolutionLayer conf = layerConf();
        return geometry(in, conf.getFilters(), conf.getSize(), conf.getKernelSize(), conf.getPoolSize());
    }

    /** For convolution maps only, which do not pool. */
    private static Geometry geometry(INDArray in, INDArray weights) {
        int size = (int) Math.round(Math.sqrt(in.size(1)));
        return geometry(in, (int) weights.size(0), size, (int) weights.size(2), 1);
    }

    /**
     * Any kernel and pool size, in double precision: for each pooling window, the convolution at each
     * of its positions is computed over all frames at once and the running maximum kept, with the
     * position it came from for backpropagation. Ties keep the first position in row-major order, as
     * DL4J's max pooling does.
     */
    private static final class GeneralWindows {
        private GeneralWindows() {}

        static void forward(Geometry g, double[] x, double[] w, double[] b, int e, double[] out) {
            int t = g.frames;
            int ob = e * g.outFeatures() * t;
            double[] best = new double[t];
            int[] unused = new int[t];
            int p = g.pooledSide();
            for (int f = 0; f < g.filters; f++) {
                for (int pr = 0; pr < p; pr++) {
                    for (int pc = 0; pc < p; pc++) {
                        poolWindow(g, x, w, e, f, pr, pc, best, unused);
                        int o = ob + ((f * p + pr) * p + pc) * t;
                        for (int k = 0; k < t; k++) {
                            out[o + k] = Math.max(best[k] + b[f], 0);
                        }
                    }
                }
            }
        }

        static double[] backward(Geometry g, double[] x, double[] eps, double[] w, double[] b, int e) {
            int t = g.frames;
            int n = g.size;
            int kk = g.kernelArea();
            int xb = e * n * n * t;
            int eb = e * g.outFeatures() * t;
            double[] grad = new double[g.paramCount()];
            double[] best = new double[t];
            int[] where = new int[t];
            int p = g.pooledSide();
            for (int f = 0; f < g.filters; f++) {
                for (int pr = 0; pr < p; pr++) {
                    for (int pc = 0; pc < p; pc++) {
                        poolWindow(g, x, w, e, f, pr, pc, best, where);
                        int o = eb + ((f * p + pr) * p + pc) * t;
                        for (int k = 0; k < t; k++) {
                            double d = eps[o + k];
                            if (d == 0 || best[k] + b[f] <= 0) {
                                continue; // no gradient, or ReLU blocks it
                            }
                            grad[g.filters * kk + f] += d;
                            // top-left input pixel of the winning convolution position
                            int r0 = where[k] / g.mapSide();
                            int c0 = where[k] % g.mapSide();
                            for (int u = 0; u < g.kernel; u++) {
                                for (int s = 0; s < g.kernel; s++) {
                                    grad[f * kk + u * g.kernel + s] += d * x[xb + ((r0 + u) * n + c0 + s) * t + k];
                                }
                            }
                        }
                    }
                }
            }
            return grad;
        }

        /**
         * Per frame, the largest convolution value (without bias) in pooling window (pr, pc) of
         * filter f, and its position as row · convolutedSide + col.
         */
        private static void poolWindow(
                Geometry g, double[] x, double[] w, int e, int f, int pr, int pc, double[] best, int[] where) {
            int t = g.frames;
            int n = g.size;
            int xb = e * n * n * t;
            double[] conv = new double[t];
            boolean first = true;
            for (int i = 0; i < g.pool; i++) {
                for (int j = 0; j < g.pool; j++) {
                    int r = pr * g.pool + i;
                    int c = pc * g.pool + j;
                    Arrays.fill(conv, 0);
                    for (int u = 0; u < g.kernel; u++) {
                        for (int s = 0; s < g.kernel; s++) {
                            double wv = w[(f * g.kernel + u) * g.kernel + s];
                            int xi = xb + ((r + u) * n + c + s) * t;
                            for (int k = 0; k < t; k++) {
                                conv[k] += wv * x[xi + k];
                            }
                        }
                    }
                    int position = r * g.mapSide() + c;
                    for (int k = 0; k < t; k++) {
                        if (first || conv[k] > best[k]) {
                            best[k] = conv[k];
                            where[k] = position;
                        }
                    }
                    first = false;
                }
            }
        }
    }
}
