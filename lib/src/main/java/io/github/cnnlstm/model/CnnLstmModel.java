package io.github.cnnlstm.model;

import io.github.cnnlstm.Check;
import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.SequenceTensors;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.preprocessor.RnnToCnnPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The CNN-LSTM video classifier, built with DL4J.
 *
 * <pre>
 *   frames [N × N × 1] ──► Conv2D(filters, 2×2, ReLU) ──► MaxPool(2×2) ──► flatten    (per frame)
 *                      ──► LSTM(units), last step ──► Dense(4, softmax)               (per video)
 * </pre>
 *
 * <p>Keras wraps the per-frame layers in {@code TimeDistributed}; DL4J instead reshapes
 * {@code [batch, pixels, frames]} to {@code [batch × frames, 1, N, N]} before the convolution (an
 * explicit {@link RnnToCnnPreProcessor}) and back to a sequence before the LSTM (added from the input
 * type), which applies the same convolution to every frame. The loss is categorical cross-entropy,
 * the right loss for a one-hot softmax (the four-class original compiled with binary
 * cross-entropy by mistake). Adam uses Keras's defaults (β1 0.9, β2 0.999, ε 1e-7).
 */
public final class CnnLstmModel {
    private static final int CONV_LAYER = 0;

    private final ModelConfig config;
    private final MultiLayerNetwork network;

    private CnnLstmModel(ModelConfig config, MultiLayerNetwork network) {
        this.config = config;
        this.network = network;
    }

    /** A new, untrained model with initial weights drawn from {@code config.seed()}. */
    public static CnnLstmModel create(ModelConfig config) {
        Check.notNull("config", config);
        MultiLayerNetwork network = new MultiLayerNetwork(configuration(config, false));
        network.init();
        return new CnnLstmModel(config, network);
    }

    /** A new, untrained model with the original example's settings. */
    public static CnnLstmModel create() {
        return create(ModelConfig.defaults());
    }

    /** Wraps a network restored from disk; used by {@link io.github.cnnlstm.persistence.ModelStore}. */
    public static CnnLstmModel wrap(ModelConfig config, MultiLayerNetwork network) {
        Check.notNull("config", config);
        Check.notNull("network", network);
        long expected = create(config).parameterCount();
        if (network.numParams() != expected) {
            throw new IllegalArgumentException("network has " + network.numParams()
                    + " parameters but " + config + " needs " + expected);
        }
        return new CnnLstmModel(config, network);
    }

    static MultiLayerConfiguration configuration(ModelConfig c, boolean outputEveryFrame) {
        int n = c.size();
        LSTM lstm = new LSTM.Builder()
                .nOut(c.lstmUnits())
                .activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID)
                .forgetGateBiasInit(1.0)
                .build();
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(c.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(c.learningRate(), 0.9, 0.999, 1e-7))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .inputPreProcessor(CONV_LAYER, new RnnToCnnPreProcessor(n, n, 1))
                .layer(new ConvolutionLayer.Builder(2, 2)
                        .nIn(1).nOut(c.filters()).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate)
                        .activation(Activation.RELU)
                        .build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX)
                        .kernelSize(2, 2).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate)
                        .build());
        if (outputEveryFrame) {
            // Same parameters as the trained model: a causal LSTM's output at frame k is the answer
            // it would give after seeing only frames 1..k.
            list.layer(lstm).layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(Direction.COUNT).activation(Activation.SOFTMAX).build());
        } else {
            list.layer(new LastTimeStep(lstm)).layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                    .nOut(Direction.COUNT).activation(Activation.SOFTMAX).build());
        }
        return list.setInputType(InputType.recurrent((long) n * n, n)).build();
    }

    public ModelConfig config() {
        return config;
    }

    /** Image side and frame count the model expects. */
    public int size() {
        return config.size();
    }

    /** The underlying DL4J network, for what this class does not wrap. */
    public MultiLayerNetwork network() {
        return network;
    }

    /** Number of trainable parameters (240,814 with the defaults). */
    public long parameterCount() {
        return network.numParams();
    }

    /** Layer-by-layer description with output shapes and parameter counts. */
    public ModelSummary summary() {
        int n = config.size();
        int conv = config.convSide();
        int pool = config.poolSide();
        int f = config.filters();
        List<ModelSummary.Row> rows = new ArrayList<>();
        rows.add(new ModelSummary.Row("input", "frames", shape(n, n, n, 1), 0));
        rows.add(new ModelSummary.Row("conv", "TimeDistributed(Conv2D " + f + "×2×2, ReLU)",
                shape(n, conv, conv, f), network.getLayer(0).numParams()));
        rows.add(new ModelSummary.Row("pool", "TimeDistributed(MaxPool 2×2)",
                shape(n, pool, pool, f), network.getLayer(1).numParams()));
        rows.add(new ModelSummary.Row("flatten", "TimeDistributed(Flatten)",
                shape(n, config.featuresPerFrame()), 0));
        rows.add(new ModelSummary.Row("lstm", "LSTM(" + config.lstmUnits() + "), last step",
                shape(config.lstmUnits()), network.getLayer(2).numParams()));
        rows.add(new ModelSummary.Row("output", "Dense(4, softmax)",
                shape(Direction.COUNT), network.getLayer(3).numParams()));
        return new ModelSummary(rows, parameterCount());
    }

    private static String shape(int... dims) {
        StringBuilder sb = new StringBuilder("(batch");
        for (int d : dims) {
            sb.append(", ").append(d);
        }
        return sb.append(')').toString();
    }

    /** Class probabilities {@code [examples, 4]} for features {@code [examples, N*N, N]}. */
    public INDArray output(INDArray features) {
        checkFeatures(features);
        return network.output(features, false);
    }

    /** The prediction for one sequence. */
    public Prediction predict(LineSequence sequence) {
        Check.notNull("sequence", sequence);
        return predict(List.of(sequence)).get(0);
    }

    /** Predictions for several sequences, in order. */
    public List<Prediction> predict(List<LineSequence> sequences) {
        Check.notNull("sequences", sequences);
        for (int i = 0; i < sequences.size(); i++) {
            Check.notNull("sequences[" + i + "]", sequences.get(i));
            Check.matches("sequences[" + i + "] size", sequences.get(i).size(), config.size());
        }
        INDArray probs = output(SequenceTensors.features(sequences));
        List<Prediction> result = new ArrayList<>(sequences.size());
        for (int i = 0; i < sequences.size(); i++) {
            double[] p = probs.getRow(i).toDoubleVector();
            result.add(new Prediction(sequences.get(i).direction(), Direction.ofIndex(argMax(p)), p));
        }
        return result;
    }

    /**
     * Class probabilities after every frame, {@code [examples][frame][4]}: what the model would answer
     * had the video stopped at that frame. Uses a twin network that shares these weights and emits
     * the LSTM's output at every step instead of the last one.
     */
    public double[][][] probabilitiesPerFrame(List<LineSequence> sequences) {
        Check.notNull("sequences", sequences);
        for (int i = 0; i < sequences.size(); i++) {
            Check.matches("sequences[" + i + "] size", Check.notNull("sequences[" + i + "]",
                    sequences.get(i)).size(), config.size());
        }
        MultiLayerNetwork twin = new MultiLayerNetwork(configuration(config, true));
        twin.init(network.params().dup(), false);
        INDArray out = twin.output(SequenceTensors.features(sequences), false); // [b, 4, frames]
        int frames = config.size();
        double[][][] result = new double[sequences.size()][frames][Direction.COUNT];
        for (int i = 0; i < sequences.size(); i++) {
            for (int c = 0; c < Direction.COUNT; c++) {
                for (int t = 0; t < frames; t++) {
                    result[i][t][c] = out.getDouble(i, c, t);
                }
            }
        }
        return result;
    }

    /** The two-dimensional kernels of the convolution, {@code [filter][row][col]}. */
    public double[][][] convolutionKernels() {
        INDArray w = network.getLayer(CONV_LAYER).getParam("W"); // [out, in=1, 2, 2]
        double[][][] k = new double[config.filters()][2][2];
        for (int f = 0; f < config.filters(); f++) {
            for (int r = 0; r < 2; r++) {
                for (int c = 0; c < 2; c++) {
                    k[f][r][c] = w.getDouble(f, 0, r, c);
                }
            }
        }
        return k;
    }

    /**
     * The CNN's view of frame {@code frame} (0-based) of {@code sequence}: the feature maps after
     * convolution + ReLU and after pooling.
     */
    public FeatureMaps featureMaps(LineSequence sequence, int frame) {
        Check.notNull("sequence", sequence);
        Check.matches("sequence size", sequence.size(), config.size());
        Check.inRange("frame", frame, 0, config.size() - 1);
        List<INDArray> activations = network.feedForward(SequenceTensors.features(List.of(sequence)), false);
        // after the reshape, the batch of one video is a batch of N images, one per frame
        return new FeatureMaps(maps(activations.get(1), frame), maps(activations.get(2), frame));
    }

    private static double[][][] maps(INDArray cnnActivations, int frame) {
        INDArray image = cnnActivations.get(org.nd4j.linalg.indexing.NDArrayIndex.point(frame)); // [filters, h, w]
        int filters = (int) image.size(0);
        int h = (int) image.size(1);
        int w = (int) image.size(2);
        double[][][] out = new double[filters][h][w];
        for (int f = 0; f < filters; f++) {
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    out[f][r][c] = image.getDouble(f, r, c);
                }
            }
        }
        return out;
    }

    /** Convolution biases, one per filter. */
    public double[] convolutionBiases() {
        return network.getLayer(CONV_LAYER).getParam("b").toDoubleVector();
    }

    static int argMax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    private void checkFeatures(INDArray features) {
        Check.notNull("features", features);
        int n = config.size();
        long[] s = features.shape();
        if (s.length != 3 || s[1] != (long) n * n || s[2] != n) {
            throw new IllegalArgumentException("features shape " + java.util.Arrays.toString(s)
                    + " does not match the model: expected [examples, " + n * n + ", " + n + "]");
        }
    }


    @Override
    public String toString() {
        return "CnnLstmModel[" + config + ", " + parameterCount() + " parameters]";
    }
}
