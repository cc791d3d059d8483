package io.github.cnnlstm.layers;

import io.github.cnnlstm.base.NdArrays;
import java.util.Arrays;
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
 * The computation behind {@link LastStepLstmLayer}, in the network's data type.
 *
 * <p>DL4J's LSTM multiplies each step's input by the input weights separately (50 small matrix
 * products on strided slices, with copies around each). Float networks (the default) run
 * {@link FloatLstm} instead: Java loops for the small recurrent part and, for inputs that change in
 * few places from step to step, input projections updated incrementally rather than recomputed.
 * Other data types take a step-by-step ND4J path, {@link StepByStep}: simpler, slower, and what the
 * gradient checks run in double precision.
 */
final class LastStepLstmImpl extends BaseLayer<LastStepLstmLayer> {
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

    /** The last training forward pass, reused by backpropagation, and the input it was computed from. */
    private transient FloatLstm cache;

    /** The arrays of this layer's training passes, reused from batch to batch. */
    private transient FloatLstm.Scratch scratch;

    private transient INDArray cacheInput;

    /** Set by {@link FusedLayers#pair} when this layer reads a convolution's output; else null. */
    transient FactoredGradient.Pairing pairing;

    LastStepLstmImpl(NeuralNetConfiguration conf, DataType dataType) {
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
        FloatLstm f = forwardFloat(training);
        cache = training ? f : null;
        cacheInput = training ? input : null;
        return NdArrays.copyInto(out, f.lastOutput());
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        if (dataType != DataType.FLOAT) {
            StepByStep r =
                    StepByStep.forward(input, parameters(), (int) layerConf().getNOut());
            return gradients(r.backward(epsilon), r.shiftedOutputs(), workspaceMgr);
        }
        FloatLstm f = cache != null && cacheInput == input ? cache : forwardFloat(true);
        cache = null;
        cacheInput = null;
        INDArray gW = gradientViews.get(LastStepLstmParams.INPUT_WEIGHT_KEY);
        INDArray gRW = gradientViews.get(LastStepLstmParams.RECURRENT_WEIGHT_KEY);
        INDArray gB = gradientViews.get(LastStepLstmParams.BIAS_KEY);
        f.backward(NdArrays.toFloats(epsilon));
        // the convolution below takes W and dz instead of their product, if it offered to; the
        // parameters' gradients are then computed while it backpropagates
        INDArray marker = pairing == null
                ? null
                : pairing.accept(
                        input,
                        f.lastDz(),
                        f.inputWeightRows(),
                        () -> workspaceMgr.create(ArrayType.ACTIVATION_GRAD, dataType, new long[] {1, 1}, 'c'),
                        () -> f.parameterGradients(gW, gRW, gB));
        if (marker != null) {
            return new Pair<>(gradients(gW, gRW, gB), marker);
        }
        INDArray dZ = f.parameterGradients(gW, gRW, gB);
        return new Pair<>(gradients(gW, gRW, gB), inputGradient(dZ, false, workspaceMgr));
    }

    private FloatLstm forwardFloat(boolean training) {
        long[] shape = input.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException(
                    "LastStepLstmLayer expects input [batch, features, frames], got " + Arrays.toString(shape));
        }
        if (pairing != null) {
            pairing.finish(); // the last backward pass's arrays are about to be reused
        }
        if (training && scratch == null) {
            scratch = new FloatLstm.Scratch();
        }
        FloatLstm.Scratch arrays = training ? scratch : null;
        return FloatLstm.forward(
                NdArrays.floats(input),
                (int) shape[0],
                (int) shape[1],
                (int) shape[2],
                (int) layerConf().getNOut(),
                weights(arrays),
                arrays,
                training && pairing != null ? pairing.constantFeatures(input) : null);
    }

    private FloatLstm.Weights weights(FloatLstm.Scratch arrays) {
        return FloatLstm.Weights.of(
                getParam(LastStepLstmParams.INPUT_WEIGHT_KEY),
                getParam(LastStepLstmParams.RECURRENT_WEIGHT_KEY),
                getParam(LastStepLstmParams.BIAS_KEY),
                arrays);
    }

    private static Gradient gradients(INDArray gW, INDArray gRW, INDArray gB) {
        Gradient gradient = new DefaultGradient();
        gradient.gradientForVariable().put(LastStepLstmParams.INPUT_WEIGHT_KEY, gW);
        gradient.gradientForVariable().put(LastStepLstmParams.RECURRENT_WEIGHT_KEY, gRW);
        gradient.gradientForVariable().put(LastStepLstmParams.BIAS_KEY, gB);
        return gradient;
    }

    /**
     * Parameter and input gradients from the pre-activation gradients of all steps {@code dZ}
     * {@code [frames·batch, 4n]} and the previous step's outputs {@code hPrev} {@code [frames·batch, n]}.
     */
    private Pair<Gradient, INDArray> gradients(INDArray dZ, INDArray hPrev, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = timeMajor(input);

        INDArray gW = gradientViews.get(LastStepLstmParams.INPUT_WEIGHT_KEY);
        INDArray gRW = gradientViews.get(LastStepLstmParams.RECURRENT_WEIGHT_KEY);
        INDArray gB = gradientViews.get(LastStepLstmParams.BIAS_KEY);
        gW.assign(x.transpose().mmul(dZ));
        gRW.assign(hPrev.transpose().mmul(dZ));
        gB.assign(dZ.sum(true, 0));
        return new Pair<>(gradients(gW, gRW, gB), inputGradient(dZ, true, workspaceMgr));
    }

    /**
     * The input's gradient W·dzᵀ from the pre-activation gradients {@code dZ} of all steps, rows
     * {@code [frame·batch]} when {@code timeMajor}, else {@code [example·frame]}: one product
     * {@code [nIn, rows]}, handed on as a {@code [batch, nIn, frames]} view of it, not copied.
     */
    private INDArray inputGradient(INDArray dZ, boolean timeMajor, LayerWorkspaceMgr workspaceMgr) {
        long batch = input.size(0);
        long inputs = input.size(1);
        long frames = input.size(2);
        INDArray product = workspaceMgr.createUninitialized(
                ArrayType.ACTIVATION_GRAD, dataType, new long[] {inputs, batch * frames}, 'c');
        Nd4j.gemm(getParam(LastStepLstmParams.INPUT_WEIGHT_KEY), dZ, product, false, true, 1.0, 0.0);
        return timeMajor
                ? product.reshape('c', inputs, frames, batch).permute(2, 0, 1)
                : product.reshape('c', inputs, batch, frames).permute(1, 0, 2);
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

    /** {@code [batch, nIn, frames]} as time-major rows {@code [frames·batch, nIn]}. */
    private static INDArray timeMajor(INDArray in) {
        return in.permute(2, 0, 1).dup('c').reshape('c', in.size(2) * in.size(0), in.size(1));
    }
}
