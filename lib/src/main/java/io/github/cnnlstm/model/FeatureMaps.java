package io.github.cnnlstm.model;

/**
 * What the CNN makes of one frame, per filter.
 *
 * @param afterConv convolution + ReLU output, {@code [filter][row][col]} ((N−k+1) square for a k×k kernel)
 * @param afterPool after p×p max pooling, {@code [filter][row][col]} (⌊(N−k+1)/p⌋ square)
 * @param poolSize  p, the side (and stride) of the max-pooling window
 */
public record FeatureMaps(double[][][] afterConv, double[][][] afterPool, int poolSize) {
    /**
     * Maps whose pooling window is worked out from their sides: the largest p for which
     * ⌊(conv side) / p⌋ is the pooled side (exact whenever the pooled side determines it, as for
     * the course's 49 → 24).
     */
    public FeatureMaps(double[][][] afterConv, double[][][] afterPool) {
        this(afterConv, afterPool, poolSize(afterConv, afterPool));
    }

    private static int poolSize(double[][][] afterConv, double[][][] afterPool) {
        if (afterConv == null || afterPool == null || afterConv.length == 0 || afterPool.length == 0) {
            return 1;
        }
        int conv = afterConv[0] == null ? 0 : afterConv[0].length;
        int pool = afterPool[0] == null ? 0 : afterPool[0].length;
        return pool > 0 ? Math.max(1, conv / pool) : 1;
    }
}
