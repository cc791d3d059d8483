package io.github.cnnlstm.exercises;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.data.SequenceTensors;
import io.github.cnnlstm.evaluation.EvaluationReport;
import io.github.cnnlstm.evaluation.Evaluator;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Right answers get a tick, typical wrong ones a specific hint, broken code a hint and no exception. */
class ExercisesTest {

    private static void passes(Feedback f) {
        assertTrue(f.passed(), f.toString());
        assertTrue(f.toString().startsWith("✓"), f.toString());
    }

    private static void hints(Feedback f, String expectedWords) {
        assertFalse(f.passed(), f.toString());
        assertTrue(f.toString().startsWith("✗"), f.toString());
        assertTrue(f.message().contains(expectedWords), f.message());
    }

    @Test
    void frames() {
        passes(Exercises.checkFrame(LineSequence::frame));
        hints(
                Exercises.checkFrame((s, k) -> {
                    boolean[][] image = new boolean[s.size()][s.size()];
                    image[s.row(k)][s.col(k)] = true;
                    return image;
                }),
                "accumulate");
        hints(
                Exercises.checkFrame((s, k) -> {
                    boolean[][] image = new boolean[s.size()][s.size()];
                    for (int j = 0; j < k; j++) {
                        image[s.row(j)][s.col(j)] = true;
                    }
                    return image;
                }),
                "k + 1");
        hints(
                Exercises.checkFrame((s, k) -> {
                    boolean[][] image = new boolean[s.size()][s.size()];
                    for (int j = 0; j <= k; j++) {
                        image[s.col(j)][s.row(j)] = true;
                    }
                    return image;
                }),
                "[row][col]");
        hints(Exercises.checkFrame((s, k) -> new boolean[3][3]), "boolean[size][size]");
        hints(
                Exercises.checkFrame((s, k) -> {
                    throw new IllegalStateException("not done");
                }),
                "IllegalStateException");
        hints(Exercises.checkFrame(null), "function");
    }

    @Test
    void parameterCount() {
        // 8 filters: 24·24·8 = 4,608 features; LSTM 4·100·(4608 + 100 + 1); dense 404; conv 40
        long right = 40 + 4L * 100 * (4608 + 100 + 1) + 404;
        passes(Exercises.checkParameterCount(8, 100, right));
        hints(Exercises.checkParameterCount(8, 100, 4L * 100 * (4608 + 100 + 1)), "LSTM alone");
        hints(Exercises.checkParameterCount(8, 100, right - 8 - 400 - 4), "biases");
        hints(Exercises.checkParameterCount(8, 100, right - 4L * 100 * (4608 - 1152)), "1,152");
        hints(Exercises.checkParameterCount(8, 100, 12), "is not it");
        hints(Exercises.checkParameterCount(0, 100, 12), "IllegalArgumentException");
    }

    @Test
    void uniformLoss() {
        passes(Exercises.checkUniformLoss(-Math.log(0.25)));
        hints(Exercises.checkUniformLoss(Math.log(0.25)), "sign");
        hints(Exercises.checkUniformLoss(0.25), "−ln");
        hints(Exercises.checkUniformLoss(Math.log10(4)), "natural");
        hints(Exercises.checkUniformLoss(2), "not it");
    }

    @Test
    void accuracyFromTheConfusionMatrix() {
        var model = CnnLstmModel.create(ModelConfig.defaults().withSize(8).withLstmUnits(4));
        EvaluationReport report = Evaluator.evaluate(model, new LineSequenceGenerator(8, 3), 40);
        int right = 0;
        for (int i = 0; i < 4; i++) {
            right += report.confusionMatrix()[i][i];
        }
        passes(Exercises.checkAccuracyFromConfusion(report, right / 40.0));
        if (right > 0 && right < 40) {
            hints(Exercises.checkAccuracyFromConfusion(report, 1 - right / 40.0), "error rate");
            hints(Exercises.checkAccuracyFromConfusion(report, right / 40), "int");
        }
        hints(Exercises.checkAccuracyFromConfusion(report, right), right == 0 ? "0" : "divide");
        hints(Exercises.checkAccuracyFromConfusion(null, 0.5), "report");
    }

    @Test
    void aPerfectModelsZeroIsStillThePlaceholder() {
        // labels set to the model's own answers: every video is on the diagonal, the error rate is 0
        var model = CnnLstmModel.create(ModelConfig.defaults().withSize(8).withLstmUnits(4));
        INDArray features = SequenceTensors.features(new LineSequenceGenerator(8, 3).sequences(20));
        INDArray answers = model.network().output(features).argMax(1);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 20, 4);
        for (int i = 0; i < 20; i++) {
            labels.putScalar(i, answers.getInt(i), 1);
        }
        EvaluationReport perfect = Evaluator.evaluate(model.network(), new DataSet(features, labels));
        passes(Exercises.checkAccuracyFromConfusion(perfect, 1.0));
        hints(Exercises.checkAccuracyFromConfusion(perfect, 0), "placeholder");
    }

    @Test
    void decision() {
        passes(Exercises.checkDecision(Direction::mostProbable));
        hints(
                Exercises.checkDecision(p -> {
                    int least = 0;
                    for (int i = 1; i < p.length; i++) {
                        least = p[i] < p[least] ? i : least;
                    }
                    return Direction.ofIndex(least);
                }),
                "least probable");
        hints(
                Exercises.checkDecision(
                        p -> { // the second most probable
                            Direction best = Direction.mostProbable(p);
                            double[] q = p.clone();
                            q[best.index()] = -1;
                            return Direction.mostProbable(q);
                        }),
                "but the most probable is");
        hints(Exercises.checkDecision(p -> Direction.ofIndex(7)), "threw");
    }

    @Test
    void firstConfidentFrame() {
        double[][] belief = {{0.25, 0.25, 0.25, 0.25}, {0.1, 0.4, 0.3, 0.2}, {0.1, 0.6, 0.2, 0.1}, {0, 0.9, 0.1, 0}};
        passes(Exercises.checkFirstConfidentFrame(belief, Direction.LEFT, 3));
        hints(Exercises.checkFirstConfidentFrame(belief, Direction.LEFT, 2), "off by one");
        hints(Exercises.checkFirstConfidentFrame(belief, Direction.LEFT, 4), "is not it");
        passes(Exercises.checkFirstConfidentFrame(belief, Direction.UP, 0));
    }
}
