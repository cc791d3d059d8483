package io.github.cnnlstm.insights;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.base.Rounding;
import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.model.CnnLstmModel;
import java.util.List;
import java.util.function.DoubleFunction;
import org.nd4j.linalg.api.ndarray.INDArray;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** Accuracy of a model on damaged videos, as the damage grows. */
public final class Robustness {

    private Robustness() {}

    /** Accuracy on the first {@code count} sequences of {@code data} after {@code damage}. */
    public static double accuracy(CnnLstmModel model, LineSequenceGenerator data, int count, Perturbation damage) {
        Check.notNull("model", model);
        Check.notNull("data", data);
        Check.notNull("damage", damage);
        Check.positive("count", count);
        Check.matches("generator size", data.size(), model.size());
        int correct = 0;
        for (int first = 0; first < count; first += CnnLstmModel.EVALUATION_BATCH) {
            List<LineSequence> batch = data.sequences(first, Math.min(CnnLstmModel.EVALUATION_BATCH, count - first));
            // a different damage for every batch, the same for every run
            Perturbation p = new Perturbation(damage.noise(), damage.gaps(), damage.seed() * 31 + first);
            INDArray features = p.features(batch);
            INDArray predicted = model.output(features).argMax(1);
            features.close();
            for (int i = 0; i < batch.size(); i++) {
                if (predicted.getInt(i) == batch.get(i).direction().index()) {
                    correct++;
                }
            }
        }
        return (double) correct / count;
    }

    /** Accuracy for each noise level (see {@link Perturbation#noise()}), as a table. */
    public static Table noiseCurve(CnnLstmModel model, LineSequenceGenerator data, int count, double... levels) {
        return curve("Noise", levels, level -> Perturbation.noise(level, 1), model, data, count);
    }

    /** Accuracy for each gap level (see {@link Perturbation#gaps()}), as a table. */
    public static Table gapCurve(CnnLstmModel model, LineSequenceGenerator data, int count, double... levels) {
        return curve("Gaps", levels, level -> Perturbation.gaps(level, 1), model, data, count);
    }

    private static Table curve(
            String name,
            double[] levels,
            DoubleFunction<Perturbation> damage,
            CnnLstmModel model,
            LineSequenceGenerator data,
            int count) {
        Check.notNull("levels", levels);
        if (levels.length == 0) {
            throw new IllegalArgumentException("levels is empty: give at least one level in [0, 1]");
        }
        DoubleColumn level = DoubleColumn.create(name);
        DoubleColumn accuracy = DoubleColumn.create("Accuracy");
        for (double l : levels) {
            Perturbation p = damage.apply(l); // validates the level before any work
            level.append(l);
            accuracy.append(Rounding.threeDecimals(accuracy(model, data, count, p)));
        }
        return Table.create(name + " vs accuracy on " + count + " sequences", level, accuracy);
    }
}
