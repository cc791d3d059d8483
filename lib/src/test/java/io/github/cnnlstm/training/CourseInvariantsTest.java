package io.github.cnnlstm.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.evaluation.Evaluator;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.Prediction;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What the course's training must give on every machine, whether or not it computes the same bits
 * as the one the notebooks were recorded on: the notebooks' own settings (5,000 videos, batch 32,
 * one epoch, seed 1), a falling loss, at least 99% on 1,000 fresh videos, and probabilities that
 * sum to 1.
 */
class CourseInvariantsTest {
    @Test
    void theCoursesTrainingLearnsOnThisMachine() {
        CnnLstmModel model = CnnLstmModel.create();
        TrainingHistory history = Trainer.train(model, TrainingConfig.defaults());
        assertEquals(157, history.iterations());

        double[] loss = history.losses();
        double first = Arrays.stream(loss, 0, 20).average().orElseThrow();
        double last =
                Arrays.stream(loss, loss.length - 20, loss.length).average().orElseThrow();
        assertTrue(first > 1.2 && first < 1.5, "an untrained model's loss is near ln 4: " + first);
        assertTrue(last < first / 10, "the loss must fall: first 20 batches " + first + ", last 20 " + last);

        double accuracy = Evaluator.evaluate(model, new LineSequenceGenerator(50, 102), 1_000)
                .accuracy();
        assertTrue(accuracy >= 0.99, "accuracy on 1,000 fresh videos: " + accuracy);

        for (Prediction p : model.predict(new LineSequenceGenerator(50, 103).sequences(20))) {
            double sum = Arrays.stream(p.probabilities()).sum();
            assertEquals(1.0, sum, 1e-5, p.toString());
            assertTrue(Arrays.stream(p.probabilities()).allMatch(q -> q >= 0 && q <= 1), p.toString());
        }
    }
}
