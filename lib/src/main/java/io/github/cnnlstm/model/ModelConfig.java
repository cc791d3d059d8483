package io.github.cnnlstm.model;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.layers.FrameConvolutionLayer;

/**
 * What defines a CNN-LSTM: input size, convolution filters, kernel and pooling window, LSTM units,
 * Adam learning rate and the seed of the initial weights. The defaults are the original example's.
 *
 * @param size         image side and frame count, in [4, 128]
 * @param filters      convolution filters, in [1, 64]
 * @param kernelSize   side of the square convolution kernel (stride 1, no padding), in [1, 16]
 * @param poolSize     side and stride of the square max-pooling window, in [1, 16]; the convolution's
 *                     output (size − kernelSize + 1) must hold at least one window
 * @param lstmUnits    LSTM units, in [1, 1024]; with the other settings at most {@value #MAX_PARAMETERS}
 *                     parameters in all ({@link #parameterCount()})
 * @param learningRate Adam's learning rate, in (0, 1]
 * @param seed         seed of the initial weights
 */
public record ModelConfig(
        int size, int filters, int kernelSize, int poolSize, int lstmUnits, double learningRate, long seed) {
    public static final int DEFAULT_FILTERS = 2;
    public static final int DEFAULT_KERNEL_SIZE = 2;
    public static final int DEFAULT_POOL_SIZE = 2;
    public static final int DEFAULT_LSTM_UNITS = 50;
    public static final double DEFAULT_LEARNING_RATE = 1e-3;
    public static final long DEFAULT_SEED = 42;
    public static final int MAX_FILTERS = 64;
    public static final int MAX_LSTM_UNITS = 1024;
    /**
     * Largest model, in parameters (128 MB of coefficients plus twice that of Adam state): more
     * than the kernel's memory trains in reasonable time, and the most a model file may hold.
     */
    public static final long MAX_PARAMETERS = 1L << 25;

    public ModelConfig {
        Check.inRange("size", size, LineSequenceGenerator.MIN_SIZE, LineSequenceGenerator.MAX_SIZE);
        Check.inRange("filters", filters, 1, MAX_FILTERS);
        Check.inRange("kernelSize", kernelSize, 1, FrameConvolutionLayer.MAX_WINDOW);
        Check.inRange("poolSize", poolSize, 1, FrameConvolutionLayer.MAX_WINDOW);
        if (size - kernelSize + 1 < poolSize) {
            throw new IllegalArgumentException("kernelSize = " + kernelSize + " and poolSize = " + poolSize
                    + " do not fit size = " + size + ": allowed kernelSize + poolSize <= size + 1");
        }
        Check.inRange("lstmUnits", lstmUnits, 1, MAX_LSTM_UNITS);
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("learningRate = " + learningRate + " is out of range: allowed (0, 1]");
        }
        long parameters =
                parameterCount(filters, kernelSize, lstmUnits, featuresPerFrame(size, kernelSize, poolSize, filters));
        if (parameters > MAX_PARAMETERS) {
            throw new IllegalArgumentException("size = " + size + ", filters = " + filters + ", kernelSize = "
                    + kernelSize + ", poolSize = " + poolSize + " and lstmUnits = " + lstmUnits + " make "
                    + parameters + " parameters: allowed at most " + MAX_PARAMETERS
                    + " (use fewer filters or LSTM units, or a larger kernel or pool)");
        }
    }

    /** A configuration with the default 2×2 kernel and 2×2 pooling. */
    public ModelConfig(int size, int filters, int lstmUnits, double learningRate, long seed) {
        this(size, filters, DEFAULT_KERNEL_SIZE, DEFAULT_POOL_SIZE, lstmUnits, learningRate, seed);
    }

    /** The original example: size 50, 2 filters 2×2, pooling 2×2, 50 LSTM units, learning rate 0.001. */
    public static ModelConfig defaults() {
        return new ModelConfig(
                LineSequenceGenerator.DEFAULT_SIZE,
                DEFAULT_FILTERS,
                DEFAULT_LSTM_UNITS,
                DEFAULT_LEARNING_RATE,
                DEFAULT_SEED);
    }

    public ModelConfig withSize(int size) {
        return new ModelConfig(size, filters, kernelSize, poolSize, lstmUnits, learningRate, seed);
    }

    public ModelConfig withFilters(int filters) {
        return new ModelConfig(size, filters, kernelSize, poolSize, lstmUnits, learningRate, seed);
    }

    /** This configuration with a kernelSize × kernelSize convolution kernel. */
    public ModelConfig withKernelSize(int kernelSize) {
        return new ModelConfig(size, filters, kernelSize, poolSize, lstmUnits, learningRate, seed);
    }

    /** This configuration with poolSize × poolSize max pooling (stride poolSize). */
    public ModelConfig withPoolSize(int poolSize) {
        return new ModelConfig(size, filters, kernelSize, poolSize, lstmUnits, learningRate, seed);
    }

    public ModelConfig withLstmUnits(int lstmUnits) {
        return new ModelConfig(size, filters, kernelSize, poolSize, lstmUnits, learningRate, seed);
    }

    public ModelConfig withLearningRate(double learningRate) {
        return new ModelConfig(size, filters, kernelSize, poolSize, lstmUnits, learningRate, seed);
    }

    public ModelConfig withSeed(long seed) {
        return new ModelConfig(size, filters, kernelSize, poolSize, lstmUnits, learningRate, seed);
    }

    /** Side of a convolution output (stride 1, no padding): size − kernelSize + 1. */
    public int mapSide() {
        return size - kernelSize + 1;
    }

    /** Side after max pooling with stride poolSize (incomplete edge windows are dropped, as in Keras). */
    public int pooledSide() {
        return mapSide() / poolSize;
    }

    /**
     * Rows (and columns) of the image, counted from row 0, that reach the LSTM: the pooled map's
     * windows cover map rows 0 … pooledSide·poolSize − 1, each of which sees kernelSize image rows.
     * For the defaults 49 of 50: pooling drops the 49×49 map's last row, the only one that sees the
     * image's row 49.
     */
    public int visibleSide() {
        return pooledSide() * poolSize + kernelSize - 1;
    }

    /**
     * Trainable parameters of a model with this configuration: convolution filters·(kernelSize² + 1),
     * LSTM 4·units·(features + units + 1), dense 4·units + 4 (240,814 for the defaults).
     */
    public long parameterCount() {
        return parameterCount(filters, kernelSize, lstmUnits, featuresPerFrame());
    }

    private static long parameterCount(int filters, int kernelSize, int lstmUnits, int featuresPerFrame) {
        long units = lstmUnits;
        return (long) filters * (kernelSize * kernelSize + 1)
                + 4 * units * (featuresPerFrame + units + 1)
                + 4 * units
                + 4;
    }

    /** Features per frame fed to the LSTM: pooled side² × filters (1,152 for the defaults). */
    public int featuresPerFrame() {
        return featuresPerFrame(size, kernelSize, poolSize, filters);
    }

    private static int featuresPerFrame(int size, int kernelSize, int poolSize, int filters) {
        int pooledSide = (size - kernelSize + 1) / poolSize;
        return pooledSide * pooledSide * filters;
    }
}
