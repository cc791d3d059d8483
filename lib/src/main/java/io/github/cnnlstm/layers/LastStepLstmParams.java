package io.github.cnnlstm.layers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.params.LSTMParamInitializer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parameters of {@link LastStepLstmLayer}, laid out and initialised exactly as DL4J's LSTMParamInitializer
 * does, so weights move freely between this layer and DL4J's LSTM: {@code W [nIn, 4n]},
 * {@code RW [n, 4n]}, {@code b [1, 4n]}, f order, forget-gate bias set to its initial value.
 */
final class LastStepLstmParams implements ParamInitializer {
    static final LastStepLstmParams INSTANCE = new LastStepLstmParams();
    static final String INPUT_WEIGHT_KEY = LSTMParamInitializer.INPUT_WEIGHT_KEY;
    static final String RECURRENT_WEIGHT_KEY = LSTMParamInitializer.RECURRENT_WEIGHT_KEY;
    static final String BIAS_KEY = LSTMParamInitializer.BIAS_KEY;

    private LastStepLstmParams() {}

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        LastStepLstmLayer l = (LastStepLstmLayer) layer;
        long n = l.getNOut();
        return l.getNIn() * 4 * n + n * 4 * n + 4 * n;
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY, BIAS_KEY);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(INPUT_WEIGHT_KEY, RECURRENT_WEIGHT_KEY);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS_KEY);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return INPUT_WEIGHT_KEY.equals(key) || RECURRENT_WEIGHT_KEY.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS_KEY.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        LastStepLstmLayer layer = (LastStepLstmLayer) conf.getLayer();
        Map<String, INDArray> views = views(layer, paramsView);
        if (initializeParams) {
            long n = layer.getNOut();
            long nIn = layer.getNIn();
            IWeightInit init = layer.getWeightInitFn();
            init.init(
                    n,
                    nIn + n,
                    new long[] {nIn, 4 * n},
                    IWeightInit.DEFAULT_WEIGHT_INIT_ORDER,
                    views.get(INPUT_WEIGHT_KEY));
            views.get(RECURRENT_WEIGHT_KEY).assign(orthogonal((int) n, (int) (4 * n)));
            INDArray b = views.get(BIAS_KEY);
            b.assign(0);
            b.get(NDArrayIndex.point(0), NDArrayIndex.interval(n, 2 * n)).assign(layer.getForgetGateBiasInit());
        }
        conf.addVariable(INPUT_WEIGHT_KEY);
        conf.addVariable(RECURRENT_WEIGHT_KEY);
        conf.addVariable(BIAS_KEY);
        return views;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((LastStepLstmLayer) conf.getLayer(), gradientView);
    }

    /**
     * A random matrix with orthonormal rows, as Keras's default {@code orthogonal} initialiser of the
     * recurrent kernel (Gram-Schmidt on a standard normal matrix, drawn from ND4J's seeded RNG).
     */
    static INDArray orthogonal(int rows, int cols) {
        double[][] m = Nd4j.randn(DataType.DOUBLE, rows, cols).toDoubleMatrix();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < i; j++) {
                double dot = 0;
                for (int k = 0; k < cols; k++) {
                    dot += m[i][k] * m[j][k];
                }
                for (int k = 0; k < cols; k++) {
                    m[i][k] -= dot * m[j][k];
                }
            }
            double norm = 0;
            for (int k = 0; k < cols; k++) {
                norm += m[i][k] * m[i][k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < cols; k++) {
                m[i][k] /= norm;
            }
        }
        return Nd4j.create(m);
    }

    private static Map<String, INDArray> views(LastStepLstmLayer layer, INDArray flat) {
        long n = layer.getNOut();
        long nIn = layer.getNIn();
        long w = nIn * 4 * n;
        long rw = n * 4 * n;
        INDArray v = flat.reshape(flat.length());
        Map<String, INDArray> out = Collections.synchronizedMap(new LinkedHashMap<>());
        out.put(INPUT_WEIGHT_KEY, v.get(NDArrayIndex.interval(0, w)).reshape('f', nIn, 4 * n));
        out.put(RECURRENT_WEIGHT_KEY, v.get(NDArrayIndex.interval(w, w + rw)).reshape('f', n, 4 * n));
        out.put(BIAS_KEY, v.get(NDArrayIndex.interval(w + rw, w + rw + 4 * n)).reshape('c', 1, 4 * n));
        return out;
    }
}
