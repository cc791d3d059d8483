package io.github.cnnlstm.model;

import io.github.cnnlstm.NdArrays;
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
 * The computation behind {@link LastStepLstm}.
 *
 * <p>DL4J's LSTM multiplies each step's input by the input weights separately (50 small matrix
 * products on strided slices, with copies around each). Here the inputs of all steps go through one
 * matrix product {@code [frames·batch, nIn] × [nIn, 4n]}, which is where nearly all the work is; the
 * recurrent part ({@code n = 50} units) runs as plain loops over Java arrays. Backpropagation through
 * time mirrors it: per-step loops for the gates, then three large products for the gradients of the
 * input weights, the recurrent weights and the input.
 */
public final class LastStepLstmLayer extends BaseLayer<LastStepLstm> {
    private static final long serialVersionUID = 1L;

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
        Forward f = forward(input);
        cache = training ? f : null;
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {f.batch, f.units}, 'c');
        float[] last = new float[f.batch * f.units];
        System.arraycopy(f.h, (f.frames - 1) * f.batch * f.units, last, 0, last.length);
        return NdArrays.copyInto(out, last);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
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
                    float a = f.a[s + j];
                    float fg = f.f[s + j];
                    float o = f.o[s + j];
                    float g = f.g[s + j];
                    float tc = f.tanhC[s + j];
                    float cPrev = t > 0 ? f.c[s - mb * n + j] : 0f;
                    float dho = dh[hRow + j];
                    float dcj = dc[hRow + j] + dho * o * (1 - tc * tc);
                    dz[zRow + j] = dcj * g * (1 - a * a);
                    dz[zRow + n + j] = dcj * cPrev * fg * (1 - fg);
                    dz[zRow + 2 * n + j] = dho * tc * o * (1 - o);
                    dz[zRow + 3 * n + j] = dcj * a * g * (1 - g);
                    dc[hRow + j] = dcj * fg;
                }
                if (t > 0) {
                    // dh(t−1) = dz(t) · RWᵀ, as row updates (vectorisable) over RWᵀ [4n][n]
                    java.util.Arrays.fill(dh, hRow, hRow + n, 0f);
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
        INDArray x = timeMajor(input);
        INDArray hPrev = NdArrays.fromFloats(shiftedOutputs(f), (long) steps * mb, n);

        INDArray gW = gradientViews.get(LastStepLstmParams.INPUT_WEIGHT_KEY);
        INDArray gRW = gradientViews.get(LastStepLstmParams.RECURRENT_WEIGHT_KEY);
        INDArray gB = gradientViews.get(LastStepLstmParams.BIAS_KEY);
        gW.assign(x.transpose().mmul(dZ));
        gRW.assign(hPrev.transpose().mmul(dZ));
        gB.assign(dZ.sum(true, 0));

        // gradient for the input, back to [batch, nIn, frames]
        INDArray w = getParam(LastStepLstmParams.INPUT_WEIGHT_KEY);
        INDArray dX = dZ.mmul(w.transpose()).reshape('c', steps, mb, f.inputs).permute(1, 2, 0);
        INDArray eps = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, dataType,
                new long[] {mb, f.inputs, steps}, 'c');
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
        float[] a;
        float[] f;
        float[] o;
        float[] g;
        float[] c;
        float[] tanhC;
        float[] h;
    }

    private Forward forward(INDArray in) {
        long[] shape = in.shape();
        if (shape.length != 3) {
            throw new IllegalArgumentException("LastStepLstm expects input [batch, features, frames], got "
                    + java.util.Arrays.toString(shape));
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
        INDArray z = timeMajor(in).mmul(getParam(LastStepLstmParams.INPUT_WEIGHT_KEY))
                .addiRowVector(getParam(LastStepLstmParams.BIAS_KEY));
        float[] zs = NdArrays.toFloats(z);
        float[] rw = NdArrays.toFloats(getParam(LastStepLstmParams.RECURRENT_WEIGHT_KEY)); // [n][4n]
        r.recurrentWeights = rw;
        int size = r.frames * mb * n;
        r.a = new float[size];
        r.f = new float[size];
        r.o = new float[size];
        r.g = new float[size];
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
                    float a = tanh(zs[zRow + j]);
                    float fg = sigmoid(zs[zRow + n + j]);
                    float o = sigmoid(zs[zRow + 2 * n + j]);
                    float g = sigmoid(zs[zRow + 3 * n + j]);
                    float c = (t > 0 ? fg * r.c[s - mb * n + j] : 0f) + g * a;
                    float tc = tanh(c);
                    r.a[s + j] = a;
                    r.f[s + j] = fg;
                    r.o[s + j] = o;
                    r.g[s + j] = g;
                    r.c[s + j] = c;
                    r.tanhC[s + j] = tc;
                    r.h[s + j] = o * tc;
                }
            }
        });
        return r;
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
