package io.github.cnnlstm.model;

import io.github.cnnlstm.data.Direction;
import java.util.Locale;

/**
 * The model's answer for one sequence.
 *
 * @param expected      the true direction of the sequence
 * @param predicted     the most probable direction
 * @param probabilities one probability per direction, in {@link Direction} order
 */
public record Prediction(Direction expected, Direction predicted, double[] probabilities) {

    /** Whether the prediction is right. */
    public boolean correct() {
        return expected == predicted;
    }

    /** Probability of the predicted direction. */
    public double confidence() {
        return probabilities[predicted.index()];
    }

    /** Probability given to {@code direction}. */
    public double probability(Direction direction) {
        return probabilities[direction.index()];
    }

    /** E.g. {@code expected Right, predicted Right (0.998)  [Down 0.000, Left 0.001, Right 0.998, Up 0.001]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT, "expected %-5s predicted %-5s (%.3f)  [", expected, predicted, confidence()));
        for (Direction d : Direction.values()) {
            sb.append(String.format(Locale.ROOT, "%s%s %.3f", d.index() == 0 ? "" : ", ", d, probability(d)));
        }
        return sb.append(']').toString();
    }
}
