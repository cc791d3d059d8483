package io.github.cnnlstm.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of {@link FrameConvolution}, laid out and initialised as DL4J's ConvolutionLayer does:
 * bias {@code b [1, filters]} (zeros) then weights {@code W [filters, 1, k, k]} (c order, the
 * network's weight init with fan-in k² and fan-out k²·filters). The keys are DL4J's own.
 */
final class FrameConvolutionParams implements ParamInitializer {
    static final FrameConvolutionParams INSTANCE = new FrameConvolutionParams();
    static final String WEIGHT_KEY = ConvolutionParamInitializer.WEIGHT_KEY;
    static final String BIAS_KEY = ConvolutionParamInitializer.BIAS_KEY;

    private FrameConvolutionParams() {}

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        FrameConvolution conv = (FrameConvolution) layer;
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
        FrameConvolution layer = (FrameConvolution) conf.getLayer();
        int f = layer.getFilters();
        int k = layer.getKernelSize();
        Map<String, INDArray> views = views(layer, paramsView);
        if (initializeParams) {
            views.get(BIAS_KEY).assign(layer.getBiasInit());
            layer.getWeightInitFn()
                    .init(
                            kernelArea(layer),
                            (double) kernelArea(layer) * f,
                            new long[] {f, 1, k, k},
                            'c',
                            views.get(WEIGHT_KEY));
        }
        conf.addVariable(WEIGHT_KEY);
        conf.addVariable(BIAS_KEY);
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((FrameConvolution) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(FrameConvolution layer, INDArray flat) {
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

    private static int kernelArea(FrameConvolution layer) {
        return layer.getKernelSize() * layer.getKernelSize();
    }
}
