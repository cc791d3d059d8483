package io.github.cnnlstm.layers;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Joins the runtime layers of a network that work faster together.
 *
 * <p>A {@link FrameConvolutionLayer} directly below a {@link LastStepLstmLayer} needs only a few rows
 * of the LSTM's input gradient: paired, the LSTM hands it the factors of that gradient (its input
 * weights and its pre-activation gradients) instead of their product, which is most of a training
 * step's work when computed in full. The result is the same gradient, summed in another order.
 * Unpaired layers train with the full product. {@code CnnLstmModel} pairs the networks it builds and
 * wraps; a network built by hand is paired by calling {@link #pair} once after {@code init()}.
 */
public final class FusedLayers {
    private FusedLayers() {}

    /**
     * Pairs every {@link FrameConvolutionLayer} of {@code network} with the {@link LastStepLstmLayer}
     * directly above it (with no preprocessor between them), replacing earlier pairings.
     *
     * @return the number of pairs made (0 if the network has no such two layers)
     * @throws IllegalArgumentException if the network is not initialised (call {@code init()} first)
     */
    public static int pair(MultiLayerNetwork network) {
        if (network == null) {
            throw new IllegalArgumentException("network is null: pass an initialised MultiLayerNetwork");
        }
        Layer[] layers = network.getLayers();
        if (layers == null) {
            throw new IllegalArgumentException("network is not initialised: call network.init() before pairing");
        }
        int pairs = 0;
        for (int i = 0; i + 1 < layers.length; i++) {
            if (layers[i] instanceof FrameConvolutionImpl conv
                    && layers[i + 1] instanceof LastStepLstmImpl lstm
                    && network.getLayerWiseConfigurations().getInputPreProcess(i + 1) == null) {
                FactoredGradient.Pairing pairing = new FactoredGradient.Pairing();
                conv.pairing = pairing;
                lstm.pairing = pairing;
                pairs++;
            }
        }
        return pairs;
    }
}
