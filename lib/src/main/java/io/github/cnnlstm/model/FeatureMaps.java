package io.github.cnnlstm.model;

/**
 * What the CNN makes of one frame, per filter.
 *
 * @param afterConv convolution + ReLU output, {@code [filter][row][col]} ((N−k+1) square for a k×k kernel)
 * @param afterPool after p×p max pooling, {@code [filter][row][col]} (⌊(N−k+1)/p⌋ square)
 */
public record FeatureMaps(double[][][] afterConv, double[][][] afterPool) {}
