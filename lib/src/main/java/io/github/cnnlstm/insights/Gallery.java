package io.github.cnnlstm.insights;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.Prediction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Picks the sequences worth looking at: the ones the model gets wrong or is least sure of. */
public final class Gallery {
    private Gallery() {}

    /**
     * A sequence with the model's answer.
     *
     * @param sequence   the video
     * @param prediction what the model said
     */
    public record Example(LineSequence sequence, Prediction prediction) {}

    /**
     * The {@code n} examples among {@code sequences} with the lowest probability on the true
     * direction: mistakes first, then the least confident right answers.
     */
    public static List<Example> hardest(CnnLstmModel model, List<LineSequence> sequences, int n) {
        Check.notNull("model", model);
        Check.notNull("sequences", sequences);
        Check.positive("n", n);
        List<Example> all = new ArrayList<>(sequences.size());
        int batchSize = CnnLstmModel.EVALUATION_BATCH;
        for (int first = 0; first < sequences.size(); first += batchSize) {
            List<LineSequence> batch = sequences.subList(first, Math.min(first + batchSize, sequences.size()));
            List<Prediction> predictions = model.predict(batch);
            for (int i = 0; i < batch.size(); i++) {
                all.add(new Example(batch.get(i), predictions.get(i)));
            }
        }
        all.sort(Comparator.comparingDouble(
                e -> e.prediction().probability(e.prediction().expected())));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }
}
