package io.github.cnnlstm.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of {@link FrameConvolution}, laid out and initialised as DL4J's ConvolutionLayer does:
 * bias {@code b [1, filters]} (zeros) then weights {@code W [filters, 1, 2, 2]} (c order, the
 * network's weight init with fan-in 4 and fan-out 4·filters).
 */
final class FrameConvolutionParams implements ParamInitializer {
    static final FrameConvolutionParams INSTANCE = new FrameConvolutionParams();
    static final String WEIGHT_KEY = "W";
    static final String BIAS_KEY = "b";

    private FrameConvolutionParams() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        int f = ((FrameConvolution) layer).getFilters();
        return f + f * 4L;
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
        Map<String, INDArray> views = views(layer, paramsView);
        if (initializeParams) {
            views.get(BIAS_KEY).assign(layer.getBiasInit());
            layer.getWeightInitFn().init(4, 4.0 * f, new long[] {f, 1, 2, 2}, 'c', views.get(WEIGHT_KEY));
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
        INDArray v = flat.reshape(flat.length());
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        out.put(BIAS_KEY, v.get(NDArrayIndex.interval(0, f)).reshape('c', 1, f));
        out.put(WEIGHT_KEY, v.get(NDArrayIndex.interval(f, f + 4L * f)).reshape('c', f, 1, 2, 2));
        return out;
    }
}
