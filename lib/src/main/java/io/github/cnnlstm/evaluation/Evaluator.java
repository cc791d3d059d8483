package io.github.cnnlstm.evaluation;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.data.LineSequenceIterator;
import io.github.cnnlstm.model.CnnLstmModel;
import java.util.Arrays;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Measures a trained model on sequences it has not seen. */
public final class Evaluator {
    private Evaluator() {}

    /**
     * Evaluates {@code model} on the first {@code count} sequences of {@code data}.
     * Use a generator seed the model was not trained on.
     *
     * @throws IllegalArgumentException if the generator's size differs from the model's, or count ≤ 0
     */
    public static EvaluationReport evaluate(CnnLstmModel model, LineSequenceGenerator data, int count) {
        Check.notNull("model", model);
        Check.notNull("data", data);
        Check.positive("count", count);
        Check.matches("generator size", data.size(), model.size());
        Evaluation evaluation = byDirection();
        LineSequenceIterator batches = data.iterator(count, CnnLstmModel.EVALUATION_BATCH);
        double lossSum = 0;
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            INDArray probabilities = model.output(batch.getFeatures());
            evaluation.eval(batch.getLabels(), probabilities);
            lossSum += crossEntropySum(probabilities, batch.getLabels());
            batch.getFeatures().close(); // native memory back now, not at the next GC
            batch.getLabels().close();
        }
        return new EvaluationReport(count, lossSum / count, evaluation);
    }

    /**
     * Evaluates any network that outputs the four directions' probabilities {@code [examples, 4]}
     * (such as the course's single-frame baselines) on a data set held in memory.
     *
     * @throws IllegalArgumentException if the network does not output 4 probabilities per example
     */
    public static EvaluationReport evaluate(MultiLayerNetwork network, DataSet data) {
        Check.notNull("network", network);
        Check.notNull("data", data);
        INDArray probabilities = network.output(data.getFeatures(), false);
        if (probabilities.rank() != 2 || probabilities.size(1) != Direction.COUNT) {
            throw new IllegalArgumentException("the network outputs shape " + Arrays.toString(probabilities.shape())
                    + " but [examples, " + Direction.COUNT + "] probabilities are needed");
        }
        Evaluation evaluation = byDirection();
        evaluation.eval(data.getLabels(), probabilities);
        int count = (int) data.numExamples();
        return new EvaluationReport(count, crossEntropySum(probabilities, data.getLabels()) / count, evaluation);
    }

    /** DL4J's classification evaluation with the four directions as class names. */
    private static Evaluation byDirection() {
        return new Evaluation(Direction.labels());
    }

    /** Sum over examples of −log p(true class), with p clipped away from 0 as Keras does. */
    static double crossEntropySum(INDArray probabilities, INDArray oneHot) {
        INDArray p = probabilities.mul(oneHot).sum(1);
        double sum = 0;
        for (int i = 0; i < p.length(); i++) {
            sum -= Math.log(Math.max(p.getDouble(i), 1e-7));
        }
        return sum;
    }
}
