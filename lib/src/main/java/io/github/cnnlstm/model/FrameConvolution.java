package io.github.cnnlstm.model;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Configuration of the per-frame CNN stage: Conv2D (filters, 2×2, stride 1, no padding) → ReLU →
 * MaxPool 2×2 (stride 2, odd edge dropped) → flatten, applied with the same weights to every frame of
 * a sequence, as Keras's {@code TimeDistributed} does.
 *
 * <p>It computes exactly what DL4J's {@code RnnToCnnPreProcessor → ConvolutionLayer →
 * SubsamplingLayer → CnnToRnnPreProcessor} chain computes, with the same parameters ({@code W}
 * {@code [filters, 1, 2, 2]}, {@code b} {@code [1, filters]}) and output feature order
 * ({@code filter, row, col}), but in one pass over the sequence in its recurrent layout
 * {@code [batch, pixels, frames]}. With one input channel and two filters the convolution is tiny
 * and memory-bound: the generic chain spent most of its time reshaping 1,600 frames per batch and
 * expanding them with im2col, not computing. See {@link FrameConvolutionLayer}.
 */
public class FrameConvolution extends FusedLayer {
    private static final long serialVersionUID = 1L;

    private int size;
    private int filters;

    /** For JSON deserialisation. */
    protected FrameConvolution() {
    }

    private FrameConvolution(Builder builder) {
        super(builder);
        this.size = builder.size;
        this.filters = builder.filters;
        this.nIn = (long) size * size;
        this.nOut = (long) filters * pooledSide() * pooledSide();
    }

    /** Image side of each frame. */
    public int getSize() {
        return size;
    }

    /** Convolution filters. */
    public int getFilters() {
        return filters;
    }

    /** Side of the pooled feature maps: ⌊(size − 1) / 2⌋. */
    public int pooledSide() {
        return (size - 1) / 2;
    }

    @Override
    FrameConvolutionLayer createLayer(NeuralNetConfiguration conf, DataType dataType) {
        return new FrameConvolutionLayer(conf, dataType);
    }

    @Override
    public ParamInitializer initializer() {
        return FrameConvolutionParams.INSTANCE;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        long frames = inputType instanceof InputType.InputTypeRecurrent r ? r.getTimeSeriesLength() : -1;
        return InputType.recurrent(nOut, frames);
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        // nIn follows from the frame size
    }

    /** Builds a {@link FrameConvolution}. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private int size;
        private int filters;

        /** Frame side in pixels (frames are size × size, one channel). */
        public Builder size(int size) {
            this.size = size;
            return this;
        }

        /** Number of 2×2 filters. */
        public Builder filters(int filters) {
            this.filters = filters;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public FrameConvolution build() {
            if (size < 3 || filters < 1) {
                throw new IllegalArgumentException("FrameConvolution needs size >= 3 and filters >= 1, got size "
                        + size + " and filters " + filters);
            }
            return new FrameConvolution(this);
        }
    }
}
