package io.github.cnnlstm.evaluation;

import static io.github.cnnlstm.base.BadInput.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import io.github.cnnlstm.model.Prediction;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class EvaluatorTest {
    private final CnnLstmModel model =
            CnnLstmModel.create(ModelConfig.defaults().withSize(8));

    @Test
    void theReportAgreesWithThePredictions() {
        LineSequenceGenerator data = new LineSequenceGenerator(8, 5);
        EvaluationReport report = Evaluator.evaluate(model, data, 150);
        List<LineSequence> seqs = data.sequences(150);
        List<Prediction> predictions = model.predict(seqs);

        int[][] expected = new int[4][4];
        int correct = 0;
        double loss = 0;
        for (Prediction p : predictions) {
            expected[p.expected().index()][p.predicted().index()]++;
            correct += p.correct() ? 1 : 0;
            loss -= Math.log(p.probability(p.expected()));
        }
        assertEquals(150, report.count());
        assertEquals(correct / 150.0, report.accuracy(), 1e-9);
        assertEquals(loss / 150, report.loss(), 1e-4);
        for (Direction d : Direction.values()) {
            assertEquals(
                    List.of(
                            expected[d.index()][0],
                            expected[d.index()][1],
                            expected[d.index()][2],
                            expected[d.index()][3]),
                    List.of(
                            report.confusionMatrix()[d.index()][0],
                            report.confusionMatrix()[d.index()][1],
                            report.confusionMatrix()[d.index()][2],
                            report.confusionMatrix()[d.index()][3]));
        }
        assertEquals(4, report.classTable().rowCount());
        assertEquals(150, report.classTable().intColumn("Sequences").sum(), 1e-9);
        assertTrue(report.toString().startsWith("150 sequences: accuracy"), report.toString());
    }

    @Test
    void wilsonIntervalMatchesKnownValuesAndShrinksWithMoreVideos() {
        double[] all100 = EvaluationReport.wilson(100, 100, 1.959964);
        assertEquals(1.0, all100[1], 1e-12);
        assertEquals(0.963, all100[0], 1e-3); // 100 of 100 right: at least about 96%
        double[] of100 = EvaluationReport.wilson(99, 100, 1.959964);
        double[] of1000 = EvaluationReport.wilson(990, 1000, 1.959964);
        assertEquals(0.9455, of100[0], 1e-3);
        assertEquals(0.9983, of100[1], 1e-3);
        assertTrue(of1000[1] - of1000[0] < (of100[1] - of100[0]) / 2);
        assertTrue(of1000[0] < 0.99 && 0.99 < of1000[1]);
    }

    @Test
    void crossEntropyIsMinusLogOfTheTrueClassProbability() {
        double sum = Evaluator.crossEntropySum(
                Nd4j.create(new float[][] {{0.5f, 0.5f, 0f, 0f}, {0f, 0f, 0f, 1f}}),
                Nd4j.create(new float[][] {{1, 0, 0, 0}, {0, 0, 0, 1}}));
        assertEquals(Math.log(2), sum, 1e-6);
    }

    @Test
    void badArgumentsAreRejected() {
        assertMessage(
                () -> Evaluator.evaluate(model, new LineSequenceGenerator(9, 1), 10),
                "generator size = 9",
                "expected 8");
        assertMessage(() -> Evaluator.evaluate(model, new LineSequenceGenerator(8, 1), 0), "count = 0");
        assertMessage(() -> Evaluator.evaluate(null, new LineSequenceGenerator(8, 1), 5), "model", "null");
    }
}
