package io.github.cnnlstm.evaluation;

import io.github.cnnlstm.base.Rounding;
import io.github.cnnlstm.data.Direction;
import java.util.Locale;
import org.nd4j.evaluation.classification.Evaluation;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * How well a model did on a set of sequences: mean loss, accuracy, confusion matrix and per-class
 * precision and recall.
 */
public final class EvaluationReport {
    private final int count;
    private final double loss;
    private final Evaluation evaluation;

    EvaluationReport(int count, double loss, Evaluation evaluation) {
        this.count = count;
        this.loss = loss;
        this.evaluation = evaluation;
    }

    /** Sequences evaluated. */
    public int count() {
        return count;
    }

    /** Mean categorical cross-entropy. */
    public double loss() {
        return loss;
    }

    /** Fraction classified correctly. */
    public double accuracy() {
        return evaluation.accuracy();
    }

    /**
     * A 95% confidence interval for the accuracy, {@code {low, high}}: where the model's true
     * accuracy on all videos of this kind probably lies, given that {@link #count()} of them were
     * tested. Wilson's score interval, which stays inside [0, 1] and is sensible even at 100%: 100
     * videos all right still only say "at least about 96%".
     */
    public double[] accuracyInterval95() {
        return wilson(Math.round(accuracy() * count), count, 1.959964);
    }

    /** Wilson score interval for {@code successes} out of {@code trials} at the normal quantile {@code z}. */
    static double[] wilson(long successes, long trials, double z) {
        double p = (double) successes / trials;
        double z2n = z * z / trials;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z / (1 + z2n) * Math.sqrt(p * (1 - p) / trials + z2n / (4.0 * trials));
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** Confusion counts {@code [actual][predicted]} in {@link Direction} order. */
    public int[][] confusionMatrix() {
        int[][] m = new int[Direction.COUNT][Direction.COUNT];
        for (int a = 0; a < Direction.COUNT; a++) {
            for (int p = 0; p < Direction.COUNT; p++) {
                m[a][p] = evaluation.getConfusionMatrix().getCount(a, p);
            }
        }
        return m;
    }

    /** Of the sequences predicted as {@code d}, the fraction that really are {@code d}. */
    public double precision(Direction d) {
        return evaluation.precision(d.index());
    }

    /** Of the sequences that are {@code d}, the fraction predicted as {@code d}. */
    public double recall(Direction d) {
        return evaluation.recall(d.index());
    }

    /** DL4J's full evaluation, for anything else (e.g. {@code stats()}). */
    public Evaluation evaluation() {
        return evaluation;
    }

    /** One row per direction: support, precision, recall, F1 (rounded to 3 decimals). */
    public Table classTable() {
        StringColumn name = StringColumn.create("Direction");
        IntColumn support = IntColumn.create("Sequences");
        DoubleColumn precision = DoubleColumn.create("Precision");
        DoubleColumn recall = DoubleColumn.create("Recall");
        DoubleColumn f1 = DoubleColumn.create("F1");
        int[][] m = confusionMatrix();
        for (Direction d : Direction.values()) {
            name.append(d.label());
            int s = 0;
            for (int p = 0; p < Direction.COUNT; p++) {
                s += m[d.index()][p];
            }
            support.append(s);
            precision.append(Rounding.threeDecimals(evaluation.precision(d.index())));
            recall.append(Rounding.threeDecimals(evaluation.recall(d.index())));
            f1.append(Rounding.threeDecimals(evaluation.f1(d.index())));
        }
        return Table.create("Per-class results on " + count + " sequences", name, support, precision, recall, f1);
    }

    /** The confusion matrix as a table: rows are actual directions, columns predicted ones. */
    public Table confusionTable() {
        int[][] m = confusionMatrix();
        StringColumn actual = StringColumn.create("Actual \\ Predicted");
        Table t = Table.create("Confusion matrix", actual);
        for (Direction d : Direction.values()) {
            actual.append(d.label());
        }
        for (Direction p : Direction.values()) {
            IntColumn col = IntColumn.create(p.label());
            for (Direction a : Direction.values()) {
                col.append(m[a.index()][p.index()]);
            }
            t.addColumns(col);
        }
        return t;
    }

    /** E.g. {@code 1,000 sequences: accuracy 99.60%, loss 0.0214}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%,d sequences: accuracy %.2f%%, loss %.4f", count, 100 * accuracy(), loss);
    }
}
