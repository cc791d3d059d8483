package io.github.cnnlstm.layers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of {@link FrameConvolutionLayer}, laid out and initialised as DL4J's ConvolutionLayer does:
 * bias {@code b [1, filters]} (zeros) then weights {@code W [filters, 1, k, k]} (c order, the
 * layer's weight init with fan-in k² and fan-out k²·filters; He-uniform in the course's model). The
 * keys are DL4J's own.
 *
 * <p>One difference: a filter drawn dead is drawn again. The frames' pixels are never negative, so a
 * filter whose weights are all ≤ 0, with a bias ≤ 0, never gets a positive input to its ReLU: it
 * outputs 0 and receives no gradient for the whole training (a symmetric init such as Xavier- or
 * He-uniform draws one with probability 2<sup>-k²</sup>, 1 in 16 for 2×2). Such a filter is redrawn from the same distribution
 * until one weight is positive: the initial weights are the weight init conditioned on every filter
 * being able to fire. A positive bias would keep the filter alive too but makes every pixel of the
 * background a non-zero input for the LSTM, which trains far worse.
 */
final class FrameConvolutionParams implements ParamInitializer {
    static final FrameConvolutionParams INSTANCE = new FrameConvolutionParams();
    static final String WEIGHT_KEY = ConvolutionParamInitializer.WEIGHT_KEY;
    static final String BIAS_KEY = ConvolutionParamInitializer.BIAS_KEY;

    /** Redraws of one dead filter before giving up; a random init needs 1.07 on average for 2×2. */
    private static final int MAX_REDRAWS = 1000;

    private FrameConvolutionParams() {}

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FrameConvolutionLayer conv = (FrameConvolutionLayer) layer;
        return conv.getFilters() * (1L + kernelArea(conv));
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(BIAS_KEY, WEIGHT_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return Collections.singletonList(WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return Collections.singletonList(BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        FrameConvolutionLayer layer = (FrameConvolutionLayer) conf.getLayer();
        int f = layer.getFilters();
        int k = layer.getKernelSize();
        Map<String, INDArray> views = views(layer, paramsView);
        if (initializeParams) {
            views.get(BIAS_KEY).assign(layer.getBiasInit());
            IWeightInit init = layer.getWeightInitFn();
            double fanIn = kernelArea(layer);
            double fanOut = (double) kernelArea(layer) * f;
            INDArray w = views.get(WEIGHT_KEY);
            init.init(fanIn, fanOut, new long[] {f, 1, k, k}, 'c', w);
            if (layer.getBiasInit() <= 0) {
                redrawDeadFilters(w, f, k, init, fanIn, fanOut);
            }
        }
        conf.addVariable(WEIGHT_KEY);
        conf.addVariable(BIAS_KEY);
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((FrameConvolutionLayer) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(FrameConvolutionLayer layer, INDArray flat) {
        int f = layer.getFilters();
        int k = layer.getKernelSize();
        INDArray v = flat.reshape(flat.length());
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        out.put(BIAS_KEY, v.get(NDArrayIndex.interval(0, f)).reshape('c', 1, f));
        out.put(
                WEIGHT_KEY,
                v.get(NDArrayIndex.interval(f, f + (long) kernelArea(layer) * f))
                        .reshape('c', f, 1, k, k));
        return out;
    }

    private static int kernelArea(FrameConvolutionLayer layer) {
        return layer.getKernelSize() * layer.getKernelSize();
    }

    /**
     * Draws again, in filter order, each filter whose weights are all ≤ 0: on pixels that are never
     * negative, with a bias ≤ 0, its ReLU could never fire. Done on a copy in Java order and written
     * back at once (indexing one filter of the {@code [f, 1, k, k]} view fails in ND4J once there are
     * at least k² filters).
     */
    private static void redrawDeadFilters(INDArray w, int f, int k, IWeightInit init, double fanIn, double fanOut) {
        int area = k * k;
        double[] values = w.dup('c').data().asDouble();
        boolean changed = false;
        for (int i = 0; i < f; i++) {
            // bounded: a deterministic weight init (zeros, a constant) would never draw a live filter
            for (int draw = 0; draw < MAX_REDRAWS && max(values, i * area, area) <= 0; draw++) {
                INDArray fresh = Nd4j.createUninitialized(w.dataType(), 1, 1, k, k);
                init.init(fanIn, fanOut, new long[] {1, 1, k, k}, 'c', fresh);
                System.arraycopy(fresh.dup('c').data().asDouble(), 0, values, i * area, area);
                changed = true;
            }
        }
        if (changed) {
            w.assign(Nd4j.create(values, new long[] {f, 1, k, k}, 'c').castTo(w.dataType()));
        }
    }

    private static double max(double[] values, int from, int length) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = from; j < from + length; j++) {
            m = Math.max(m, values[j]);
        }
        return m;
    }
}
