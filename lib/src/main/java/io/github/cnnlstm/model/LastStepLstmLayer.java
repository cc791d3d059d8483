package io.github.cnnlstm.model;

import io.github.cnnlstm.NdArrays;
import java.util.Arrays;
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
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The computation behind {@link LastStepLstm}, in the network's data type.
 *
 * <p>DL4J's LSTM multiplies each step's input by the input weights separately (50 small matrix
 * products on strided slices, with copies around each). Here the inputs of all steps go through one
 * matrix product {@code [frames·batch, nIn] × [nIn, 4n]}, which is where nearly all the work is; the
 * recurrent part ({@code n = 50} units) runs as plain loops over Java arrays. Backpropagation through
 * time mirrors it: per-step loops for the gates, then three large products for the gradients of the
 * input weights, the recurrent weights and the input. Those loops are specialised for float
 * networks (the default); other data types take a step-by-step ND4J path, {@link StepByStep}.
 */
public final class LastStepLstmLayer extends BaseLayer<LastStepLstm> {
    private static final long serialVersionUID = 1L;

    // Gate blocks of n columns each in W [nIn, 4n], RW [n, 4n] and b [1, 4n], in DL4J's LSTM order.
    // In the usual notation: c(t) = f ⊙ c(t−1) + i ⊙ g, h(t) = o ⊙ tanh(c(t)).
    /** g, the candidate (DL4J's "block input"), tanh of its pre-activation. */
    static final int CANDIDATE = 0;
    /** f, the forget gate. */
    static final int FORGET = 1;
    /** o, the output gate. */
    static final int OUTPUT = 2;
    /** i, the input gate (DL4J's "input modulation gate"). */
    static final int INPUT = 3;

    /** Gate activations of the last training forward pass, reused by backpropagation. */
    private transient Forward cache;

    LastStepLstmLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Type type() {
        return Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        INDArray out = workspaceMgr.createUninitialized(
                ArrayType.ACTIVATIONS,
                dataType,
                new long[] {input.size(0), layerConf().getNOut()},
                'c');
        if (dataType != DataType.FLOAT) {
            StepByStep r =
                    StepByStep.forward(input, parameters(), (int) layerConf().getNOut());
            return out.assign(r.h[r.h.length - 1]);
        }
        Forward f = forward(input);
        cache = training ? f : null;
        float[] last = new float[f.batch * f.units];
        System.arraycopy(f.h, (f.frames - 1) * f.batch * f.units, last, 0, last.length);
        return NdArrays.copyInto(out, last);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (dataType != DataType.FLOAT) {
            StepByStep r =
                    StepByStep.forward(input, parameters(), (int) layerConf().getNOut());
            return gradients(r.backward(epsilon), r.shiftedOutputs(), workspaceMgr);
        }
        Forward f = cache != null && cache.input == input ? cache : forward(input);
        cache = null;
        int mb = f.batch;
        int n = f.units;
        int n4 = 4 * n;
        int steps = f.frames;
        float[] rwT = transpose(f.recurrentWeights, n, n4);
        float[] dh = NdArrays.toFloats(epsilon); // [mb, n]: only the last step's output is used
        float[] dc = new float[mb * n];
        float[] dz = new float[steps * mb * n4];
        IntStream.range(0, mb).parallel().forEach(b -> {
            for (int t = steps - 1; t >= 0; t--) {
                int s = (t * mb + b) * n;
                int zRow = (t * mb + b) * n4;
                int hRow = b * n;
                for (int j = 0; j < n; j++) {
                    float g = f.g[s + j];
                    float fg = f.f[s + j];
                    float o = f.o[s + j];
                    float i = f.i[s + j];
                    float tc = f.tanhC[s + j];
                    float cPrev = t > 0 ? f.c[s - mb * n + j] : 0f;
                    float dho = dh[hRow + j];
                    float dcj = dc[hRow + j] + dho * o * (1 - tc * tc);
                    dz[zRow + CANDIDATE * n + j] = dcj * i * (1 - g * g);
                    dz[zRow + FORGET * n + j] = dcj * cPrev * fg * (1 - fg);
                    dz[zRow + OUTPUT * n + j] = dho * tc * o * (1 - o);
                    dz[zRow + INPUT * n + j] = dcj * g * i * (1 - i);
                    dc[hRow + j] = dcj * fg;
                }
                if (t > 0) {
                    // dh(t−1) = dz(t) · RWᵀ, as row updates (vectorisable) over RWᵀ [4n][n]
                    Arrays.fill(dh, hRow, hRow + n, 0f);
                    for (int j = 0; j < n4; j++) {
                        float d = dz[zRow + j];
                        if (d != 0f) {
                            int r = j * n;
                            for (int k = 0; k < n; k++) {
                                dh[hRow + k] += d * rwT[r + k];
                            }
                        }
                    }
                }
            }
        });
        INDArray dZ = NdArrays.fromFloats(dz, (long) steps * mb, n4);
        INDArray hPrev = NdArrays.fromFloats(shiftedOutputs(f), (long) steps * mb, n);
        return gradients(dZ, hPrev, workspaceMgr);
    }

    /**
     * Parameter and input gradients from the pre-activation gradients of all steps {@code dZ}
     * {@code [frames·batch, 4n]} and the previous step's outputs {@code hPrev} {@code [frames·batch, n]}.
     */
    private Pair<Gradient, INDArray> gradients(INDArray dZ, INDArray hPrev, LayerWorkspaceMgr workspaceMgr) {
        int mb = (int) input.size(0);
        int inputs = (int) input.size(1);
        int steps = (int) input.size(2);
        INDArray x = timeMajor(input);

        INDArray gW = gradientViews.get(LastStepLstmParams.INPUT_WEIGHT_KEY);
        INDArray gRW = gradientViews.get(LastStepLstmParams.RECURRENT_WEIGHT_KEY);
        INDArray gB = gradientViews.get(LastStepLstmParams.BIAS_KEY);
        gW.assign(x.transpose().mmul(dZ));
        gRW.assign(hPrev.transpose().mmul(dZ));
        gB.assign(dZ.sum(true, 0));

        // gradient for the input, back to [batch, nIn, frames]
        INDArray w = getParam(LastStepLstmParams.INPUT_WEIGHT_KEY);
        INDArray dX = dZ.mmul(w.transpose()).reshape('c', steps, mb, inputs).permute(1, 2, 0);
        INDArray eps = workspaceMgr.createUninitialized(
                ArrayType.ACTIVATION_GRAD, dataType, new long[] {mb, inputs, steps}, 'c');
        eps.assign(dX);

        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(LastStepLstmParams.INPUT_WEIGHT_KEY, gW);
        gradient.gradientForVariable().put(LastStepLstmParams.RECURRENT_WEIGHT_KEY, gRW);
        gradient.gradientForVariable().put(LastStepLstmParams.BIAS_KEY, gB);
        return new Pair<>(gradient, eps);
    }

    /** Everything the forward pass computed, per step, as {@code [frame][example][unit]} arrays. */
    private static final class Forward {
        INDArray input;
        int batch;
        int inputs;
        int frames;
        int units;
        float[] recurrentWeights;
        /** Candidate (block input, tanh): DL4J columns [0, n) of W, RW and b. */
        float[] g;
        /** Forget gate: columns [n, 2n). */
        float[] f;
        /** Output gate: columns [2n, 3n). */
        float[] o;
        /** Input gate: columns [3n, 4n). */
        float[] i;
        /** Cell state. */
        float[] c;

        float[] tanhC;
        float[] h;
    }

    private Forward forward(INDArray in) {
        long[] shape = in.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException(
                    "LastStepLstm expects input [batch, features, frames], got " + Arrays.toString(shape));
        }
        Forward r = new Forward();
        r.input = in;
        r.batch = (int) shape[0];
        r.inputs = (int) shape[1];
        r.frames = (int) shape[2];
        r.units = (int) layerConf().getNOut();
        int mb = r.batch;
        int n = r.units;
        int n4 = 4 * n;
        // all steps' input projections and the bias at once: [frames·batch, 4n]
        INDArray z = timeMajor(in)
                .mmul(getParam(LastStepLstmParams.INPUT_WEIGHT_KEY))
                .addiRowVector(getParam(LastStepLstmParams.BIAS_KEY));
        float[] zs = NdArrays.toFloats(z);
        float[] rw = NdArrays.toFloats(getParam(LastStepLstmParams.RECURRENT_WEIGHT_KEY)); // [n][4n]
        r.recurrentWeights = rw;
        int size = r.frames * mb * n;
        r.g = new float[size];
        r.f = new float[size];
        r.o = new float[size];
        r.i = new float[size];
        r.c = new float[size];
        r.tanhC = new float[size];
        r.h = new float[size];
        // examples are independent: each runs its whole recurrence on its own thread
        IntStream.range(0, mb).parallel().forEach(b -> {
            for (int t = 0; t < r.frames; t++) {
                int zRow = (t * mb + b) * n4;
                int s = (t * mb + b) * n;
                if (t > 0) {
                    int prev = s - mb * n;
                    for (int k = 0; k < n; k++) {
                        float hk = r.h[prev + k];
                        if (hk != 0f) {
                            int w = k * n4;
                            for (int j = 0; j < n4; j++) {
                                zs[zRow + j] += hk * rw[w + j];
                            }
                        }
                    }
                }
                for (int j = 0; j < n; j++) {
                    float g = tanh(zs[zRow + CANDIDATE * n + j]);
                    float fg = sigmoid(zs[zRow + FORGET * n + j]);
                    float o = sigmoid(zs[zRow + OUTPUT * n + j]);
                    float i = sigmoid(zs[zRow + INPUT * n + j]);
                    float c = (t > 0 ? fg * r.c[s - mb * n + j] : 0f) + i * g;
                    float tc = tanh(c);
                    r.g[s + j] = g;
                    r.f[s + j] = fg;
                    r.o[s + j] = o;
                    r.i[s + j] = i;
                    r.c[s + j] = c;
                    r.tanhC[s + j] = tc;
                    r.h[s + j] = o * tc;
                }
            }
        });
        return r;
    }

    /** The parameters by key. */
    private Params parameters() {
        return new Params(
                getParam(LastStepLstmParams.INPUT_WEIGHT_KEY),
                getParam(LastStepLstmParams.RECURRENT_WEIGHT_KEY),
                getParam(LastStepLstmParams.BIAS_KEY));
    }

    private record Params(INDArray inputWeights, INDArray recurrentWeights, INDArray bias) {}

    /**
     * The same recurrence in any data type, step by step with ND4J operations: simpler and slower than
     * the float loops, for double-precision networks (such as gradient checks). Recomputed for
     * backpropagation rather than cached.
     */
    private static final class StepByStep {
        final Params p;
        final int units;
        final int batch;
        /** Per step, {@code [batch, n]}: candidate g, gates f, o, i, cell state, tanh of it, output. */
        final INDArray[] g;

        final INDArray[] f;
        final INDArray[] o;
        final INDArray[] i;
        final INDArray[] c;
        final INDArray[] tanhC;
        final INDArray[] h;

        private StepByStep(Params p, int units, int batch, int steps) {
            this.p = p;
            this.units = units;
            this.batch = batch;
            g = new INDArray[steps];
            f = new INDArray[steps];
            o = new INDArray[steps];
            i = new INDArray[steps];
            c = new INDArray[steps];
            tanhC = new INDArray[steps];
            h = new INDArray[steps];
        }

        static StepByStep forward(INDArray in, Params p, int n) {
            int mb = (int) in.size(0);
            int steps = (int) in.size(2);
            StepByStep r = new StepByStep(p, n, mb, steps);
            INDArray z = timeMajor(in).mmul(p.inputWeights()).addiRowVector(p.bias());
            for (int t = 0; t < steps; t++) {
                INDArray zt = z.get(NDArrayIndex.interval((long) t * mb, (long) (t + 1) * mb), NDArrayIndex.all());
                if (t > 0) {
                    zt = zt.add(r.h[t - 1].mmul(p.recurrentWeights()));
                }
                r.g[t] = Transforms.tanh(block(zt, CANDIDATE, n), true);
                r.f[t] = Transforms.sigmoid(block(zt, FORGET, n), true);
                r.o[t] = Transforms.sigmoid(block(zt, OUTPUT, n), true);
                r.i[t] = Transforms.sigmoid(block(zt, INPUT, n), true);
                r.c[t] = r.i[t].mul(r.g[t]);
                if (t > 0) {
                    r.c[t].addi(r.f[t].mul(r.c[t - 1]));
                }
                r.tanhC[t] = Transforms.tanh(r.c[t], true);
                r.h[t] = r.o[t].mul(r.tanhC[t]);
            }
            return r;
        }

        /** dZ {@code [frames·batch, 4n]} for the gradient {@code epsilon} of the last output. */
        INDArray backward(INDArray epsilon) {
            int n = units;
            int steps = h.length;
            INDArray dZ = Nd4j.create(epsilon.dataType(), (long) steps * batch, 4L * n);
            INDArray dh = epsilon.dup();
            INDArray dc = Nd4j.zerosLike(dh);
            for (int t = steps - 1; t >= 0; t--) {
                INDArray dzt =
                        dZ.get(NDArrayIndex.interval((long) t * batch, (long) (t + 1) * batch), NDArrayIndex.all());
                INDArray one = Nd4j.onesLike(dh);
                INDArray dct = dc.add(dh.mul(o[t]).muli(one.sub(tanhC[t].mul(tanhC[t]))));
                block(dzt, CANDIDATE, n).assign(dct.mul(i[t]).muli(one.sub(g[t].mul(g[t]))));
                if (t > 0) {
                    block(dzt, FORGET, n).assign(dct.mul(c[t - 1]).muli(f[t]).muli(one.sub(f[t])));
                }
                block(dzt, OUTPUT, n).assign(dh.mul(tanhC[t]).muli(o[t]).muli(one.sub(o[t])));
                block(dzt, INPUT, n).assign(dct.mul(g[t]).muli(i[t]).muli(one.sub(i[t])));
                dc = dct.muli(f[t]);
                dh = dzt.mmul(p.recurrentWeights().transpose());
            }
            return dZ;
        }

        /** Outputs of the previous step for every step ({@code h(−1) = 0}), {@code [frames·batch, n]}. */
        INDArray shiftedOutputs() {
            INDArray[] prev = new INDArray[h.length];
            prev[0] = Nd4j.zerosLike(h[0]);
            System.arraycopy(h, 0, prev, 1, h.length - 1);
            return Nd4j.concat(0, prev);
        }

        /** Columns of gate {@code gate} (a block index) in a {@code [rows, 4n]} array, as a view. */
        private static INDArray block(INDArray a, int gate, int n) {
            return a.get(NDArrayIndex.all(), NDArrayIndex.interval((long) gate * n, (long) (gate + 1) * n));
        }
    }

    /** Outputs of the previous step for every step ({@code h(−1) = 0}), {@code [frame·batch, n]}. */
    private static float[] shiftedOutputs(Forward f) {
        int block = f.batch * f.units;
        float[] prev = new float[f.frames * block];
        System.arraycopy(f.h, 0, prev, block, (f.frames - 1) * block);
        return prev;
    }

    /** {@code [batch, nIn, frames]} as time-major rows {@code [frames·batch, nIn]}. */
    private static INDArray timeMajor(INDArray in) {
        return in.permute(2, 0, 1).dup('c').reshape('c', in.size(2) * in.size(0), in.size(1));
    }

    private static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    /** tanh through exp (a JIT intrinsic; Math.tanh is not), exact to float precision. */
    private static float tanh(float x) {
        double e = Math.exp(-2.0 * Math.abs(x));
        double t = (1 - e) / (1 + e);
        return (float) (x < 0 ? -t : t);
    }

    private static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }
}
