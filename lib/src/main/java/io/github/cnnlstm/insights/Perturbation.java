package io.github.cnnlstm.insights;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.base.NdArrays;
import io.github.cnnlstm.data.LineSequence;
import java.util.List;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Damaged videos, to see how the model copes with what it never saw in training.
 *
 * @param noise probability, in [0, 1], that any pixel of any frame is switched on at random
 *              (flickering noise, drawn anew in every frame)
 * @param gaps  probability, in [0, 1], that a pixel of the path never appears (a gap in the line)
 * @param seed  seed of the random damage
 */
record Perturbation(double noise, double gaps, long seed) {

    public Perturbation {
        Check.inRange("noise", noise, 0, 1);
        Check.inRange("gaps", gaps, 0, 1);
    }

    /** No damage. */
    public static Perturbation none() {
        return new Perturbation(0, 0, 0);
    }

    /** Only noise, at the given level. */
    public static Perturbation noise(double level, long seed) {
        return new Perturbation(level, 0, seed);
    }

    /** Only gaps, at the given level. */
    public static Perturbation gaps(double level, long seed) {
        return new Perturbation(0, level, seed);
    }

    /** Features {@code [n, N*N, N]} of the damaged sequences (the same damage for the same seed). */
    public INDArray features(List<LineSequence> sequences) {
        int n = LineSequence.requireSameSize("sequences", sequences);
        int per = n * n * n;
        float[] data = new float[sequences.size() * per];
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < sequences.size(); i++) {
            LineSequence s = sequences.get(i);
            int offset = i * per;
            for (int k = 0; k < n; k++) {
                if (gaps > 0 && random.nextDouble() < gaps) {
                    continue;
                }
                int base = offset + (s.row(k) * n + s.col(k)) * n;
                for (int t = k; t < n; t++) {
                    data[base + t] = 1f;
                }
            }
            if (noise > 0) {
                for (int j = 0; j < per; j++) {
                    if (random.nextDouble() < noise) {
                        data[offset + j] = 1f;
                    }
                }
            }
        }
        return NdArrays.fromFloats(data, sequences.size(), (long) n * n, n);
    }
}
