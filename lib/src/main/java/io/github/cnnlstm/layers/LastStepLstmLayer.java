package io.github.cnnlstm.layers;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Configuration of an LSTM that returns only its output after the last step: DL4J's
 * {@code LastTimeStep(LSTM)} (tanh block input, sigmoid gates, no peepholes, zero initial state),
 * with the same parameters in the same layout ({@code W [nIn, 4n]}, {@code RW [n, 4n]},
 * {@code b [1, 4n]}). Their columns hold n-wide blocks in DL4J's order: [0, n) the candidate g (DL4J's
 * "block input"), [n, 2n) the forget gate f, [2n, 3n) the output gate o, [3n, 4n) the input gate i
 * (DL4J's "input modulation gate"); c(t) = f ⊙ c(t−1) + i ⊙ g, h(t) = o ⊙ tanh(c(t)).
 *
 * <p>It computes what DL4J's LSTM computes, but not the same way: the input projections x(t)·W are
 * updated from step to step where the input changes little (as a growing line's pooled features do)
 * instead of recomputed, and the small recurrent part runs in plain loops. See
 * {@link LastStepLstmImpl} and {@link FloatLstm}.
 */
public class LastStepLstmLayer extends FusedLayer {
    private static final long serialVersionUID = 1L;

    private double forgetGateBiasInit = 1.0;

    /** For JSON deserialisation. */
    protected LastStepLstmLayer() {}

    private LastStepLstmLayer(Builder builder) {
        super(builder);
        this.forgetGateBiasInit = builder.forgetGateBiasInit;
    }

    /** Initial bias of the forget gate. */
    public double getForgetGateBiasInit() {
        return forgetGateBiasInit;
    }

    @Override
    LastStepLstmImpl createLayer(NeuralNetConfiguration conf, DataType dataType) {
        return new LastStepLstmImpl(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return LastStepLstmParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(nOut);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeRecurrent r)) {
            throw new IllegalStateException("LastStepLstmLayer needs recurrent input, got " + inputType);
        }
        if (nIn <= 0 || override) {
            nIn = r.getSize();
        }
    }

    /** Builds a {@link LastStepLstmLayer}. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private double forgetGateBiasInit = 1.0;

        /** Initial bias of the forget gate (1, as Keras's unit_forget_bias). */
        public Builder forgetGateBiasInit(double value) {
            this.forgetGateBiasInit = value;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public LastStepLstmLayer build() {
            return new LastStepLstmLayer(this);
        }
    }
}
