package io.github.cnnlstm.model;

/**
 * What the CNN makes of one frame, per filter.
 *
 * @param afterConv convolution + ReLU output, {@code [filter][row][col]} ((N−1)×(N−1))
 * @param afterPool after 2×2 max pooling, {@code [filter][row][col]} (⌊(N−1)/2⌋ square)
 */
public record FeatureMaps(double[][][] afterConv, double[][][] afterPool) {
}
