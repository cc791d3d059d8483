package io.github.cnnlstm.layers;

import io.github.cnnlstm.base.Check;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Configuration of the per-frame CNN stage: Conv2D (filters, k×k, stride 1, no padding) → ReLU →
 * MaxPool p×p (stride p, incomplete edge windows dropped) → flatten, applied with the same weights to
 * every frame of a sequence, as Keras's {@code TimeDistributed} does. k and p default to 2.
 *
 * <p>It computes exactly what DL4J's {@code RnnToCnnPreProcessor → ConvolutionLayer →
 * SubsamplingLayer → CnnToRnnPreProcessor} chain computes (convolution mode Truncate), with the same
 * parameters ({@code W} {@code [filters, 1, k, k]}, {@code b} {@code [1, filters]}) and output feature order
 * ({@code filter, row, col}), but in one pass over the sequence in its recurrent layout
 * {@code [batch, pixels, frames]}. With one input channel and two filters the convolution is tiny
 * and memory-bound: the generic chain spent most of its time reshaping 1,600 frames per batch and
 * expanding them with im2col, not computing. See {@link FrameConvolutionImpl}.
 */
public class FrameConvolutionLayer extends FusedLayer {
    private static final long serialVersionUID = 1L;

    /**
     * The convolution + ReLU maps {@code [filter][row][col]} of one frame of one example of
     * {@code input} {@code [batch, size², frames]}, before pooling: what the filters see, for
     * pictures. {@code weights} and {@code bias} are the layer's parameters ({@link #WEIGHT_KEY},
     * {@link #BIAS_KEY}).
     */
    public static double[][][] convolutionMaps(
            INDArray input, INDArray weights, INDArray bias, int example, int frame) {
        return FrameConvolutionImpl.convolutionMaps(input, weights, bias, example, frame);
    }

    /** Largest kernel and pooling window side accepted. */
    public static final int MAX_WINDOW = 16;

    /** The key of the kernels {@code [filters, 1, k, k]} in the layer's parameter table. */
    public static final String WEIGHT_KEY = FrameConvolutionParams.WEIGHT_KEY;

    /** The key of the biases {@code [filters]} in the layer's parameter table. */
    public static final String BIAS_KEY = FrameConvolutionParams.BIAS_KEY;

    private int size;
    private int filters;
    private int kernelSize = 2;
    private int poolSize = 2;

    /** For JSON deserialisation. */
    protected FrameConvolutionLayer() {}

    private FrameConvolutionLayer(Builder builder) {
        super(builder);
        this.size = builder.size;
        this.filters = builder.filters;
        this.kernelSize = builder.kernelSize;
        this.poolSize = builder.poolSize;
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

    /** Side of the square convolution kernel. */
    public int getKernelSize() {
        return kernelSize;
    }

    /** Side of the square max-pooling window, which is also its stride. */
    public int getPoolSize() {
        return poolSize;
    }

    /** Side of the convolution's feature maps: size − kernelSize + 1. */
    public int mapSide() {
        return size - kernelSize + 1;
    }

    /** Side of the pooled feature maps: ⌊(size − kernelSize + 1) / poolSize⌋. */
    public int pooledSide() {
        return mapSide() / poolSize;
    }

    @Override
    FrameConvolutionImpl createLayer(NeuralNetConfiguration conf, DataType dataType) {
        return new FrameConvolutionImpl(conf, dataType);
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

    /** Builds a {@link FrameConvolutionLayer}. */
    public static class Builder extends FeedForwardLayer.Builder<Builder> {
        private int size;
        private int filters;
        private int kernelSize = 2;
        private int poolSize = 2;

        /** Frame side in pixels (frames are size × size, one channel). */
        public Builder size(int size) {
            this.size = size;
            return this;
        }

        /** Number of convolution filters. */
        public Builder filters(int filters) {
            this.filters = filters;
            return this;
        }

        /** Side of the square convolution kernel (default 2). */
        public Builder kernelSize(int kernelSize) {
            this.kernelSize = kernelSize;
            return this;
        }

        /** Side and stride of the square max-pooling window (default 2). */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        @Override
        @SuppressWarnings("unchecked")
        public FrameConvolutionLayer build() {
            Check.positive("filters", filters);
            Check.inRange("kernelSize", kernelSize, 1, MAX_WINDOW);
            Check.inRange("poolSize", poolSize, 1, MAX_WINDOW);
            if (size - kernelSize + 1 < poolSize) {
                throw new IllegalArgumentException("size = " + size + " is too small for kernelSize = " + kernelSize
                        + " and poolSize = " + poolSize + ": allowed size >= kernelSize + poolSize - 1 = "
                        + (kernelSize + poolSize - 1));
            }
            return new FrameConvolutionLayer(this);
        }
    }
}
