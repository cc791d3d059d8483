package io.github.cnnlstm.exercises;

import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.evaluation.EvaluationReport;
import io.github.cnnlstm.model.ModelConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Self-checks for the course's exercises: each takes what the student wrote and returns
 * {@link Feedback}, a tick or a hint, never an exception, whatever it is given (null, arrays of the
 * wrong size, jagged or with null rows, NaN or infinite numbers; an answer that throws gets a hint
 * naming the exception). Each method's javadoc states the exercise it checks.
 */
public final class Exercises {
    private static final double LN4 = Math.log(4);
    /** The course's model, whose sizes the parameter-count exercise and its hints speak of. */
    private static final ModelConfig COURSE = ModelConfig.defaults();
    /** Side of the videos the frame exercise draws. */
    private static final int FRAME_SIZE = 12;

    private Exercises() {}

    /**
     * Notebook 1: draw frame {@code k} of a sequence yourself. {@code frame.apply(sequence, k)} must
     * return the {@code [row][col]} image the network sees at frame {@code k}, counted from 1 as the
     * course counts frames (frame k shows the first k pixels of the path), for every frame of several
     * sequences.
     */
    public static Feedback checkFrame(BiFunction<LineSequence, Integer, boolean[][]> frame) {
        if (frame == null) {
            return Feedback.hint("give a function, e.g. (s, k) -> myFrame(s, k)");
        }
        for (LineSequence s : new LineSequenceGenerator(FRAME_SIZE, 99).sequences(4)) {
            int n = s.size();
            for (int k = 1; k <= n; k++) {
                boolean[][] yours;
                try {
                    yours = frame.apply(s, k);
                } catch (IndexOutOfBoundsException e) {
                    return Feedback.hint("frame " + k + " of " + n + " threw "
                            + e.getClass().getSimpleName() + " ("
                            + e.getMessage() + "): frames count from 1 to " + n + ", the path's indices j from 0 to "
                            + (n - 1) + ", so frame k is j = 0 … k − 1.");
                } catch (Exception | Error e) {
                    return threw(e, "for frame " + k);
                }
                String shape = "return a new boolean[size][size] (here " + n + "×" + n
                        + ", rows first) with the set pixels true";
                if (yours == null || yours.length != n || yours[0] == null || yours[0].length != n) {
                    return Feedback.hint(shape);
                }
                for (int r = 1; r < n; r++) {
                    if (yours[r] == null || yours[r].length != n) {
                        return Feedback.hint("frame " + k + ": row " + r + " of your array is "
                                + (yours[r] == null ? "null" : "of length " + yours[r].length) + "; " + shape);
                    }
                }
                boolean[][] expected = s.frame(k - 1); // the sequence indexes its frames from 0
                int count = count(yours);
                boolean newest = yours[s.row(k - 1)][s.col(k - 1)];
                boolean next = k < n && yours[s.row(k)][s.col(k)]; // the newest pixel, counting frames from 0
                if (count == 1 && ((k > 1 && newest) || (next && !expected[s.row(k)][s.col(k)]))) {
                    return Feedback.hint("frame " + k + " shows only one pixel. Frames accumulate: frame k shows"
                            + " the first k pixels of the path, s.row(j), s.col(j) for j = 0 … k − 1.");
                }
                if (count == k - 1 || (k < n && count == k + 1)) {
                    return Feedback.hint("frame " + k + " has " + count + " pixels set, but frame k shows exactly k:"
                            + " frames count from 1 and the path's indices j from 0, so frame k is j = 0 … k − 1.");
                }
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < n; c++) {
                        if (yours[r][c] != expected[r][c]) {
                            return Feedback.hint(String.format(
                                    Locale.ROOT,
                                    "frame %d, row %d, col %d is %s but should be"
                                            + " %s (remember: [row][col], row = s.row(j), col = s.col(j))",
                                    k,
                                    r,
                                    c,
                                    yours[r][c],
                                    expected[r][c]));
                        }
                    }
                }
            }
        }
        return Feedback.pass("every frame of 4 test sequences matches what the network sees.");
    }

    /**
     * Notebook 2: the parameter count of a model with {@code filters} filters and {@code units} LSTM
     * units on videos of the course's size (and the course's kernel and pooling sizes), worked out
     * by hand.
     */
    public static Feedback checkParameterCount(int filters, int units, long answer) {
        ModelConfig config;
        try {
            config = COURSE.withFilters(filters).withLstmUnits(units);
        } catch (RuntimeException e) {
            return Feedback.hint("there is no model with " + filters + " filters and " + units + " units ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); use numbers in the allowed ranges.");
        }
        long expected = config.parameterCount();
        if (answer == expected) {
            return Feedback.pass(String.format(
                    Locale.ROOT, "%,d parameters for %d filters and %d units.", expected, filters, units));
        }
        long features = config.featuresPerFrame();
        long courseFeatures = COURSE.featuresPerFrame(); // 1,152 for the course's 2 filters
        long lstm = 4L * units * (features + units + 1);
        long biases = filters + 4L * units + Direction.COUNT;
        String pooled = config.pooledSide() + " × " + config.pooledSide();
        if (answer == lstm) {
            return Feedback.hint("that is the LSTM alone: add the convolution and the dense layer.");
        }
        if (answer == expected - biases) {
            return Feedback.hint("close: every layer has biases too (one per filter, 4 per LSTM unit, one per class).");
        }
        if (features != courseFeatures && answer == expected - 4L * units * (features - courseFeatures)) {
            return Feedback.hint(String.format(
                    Locale.ROOT,
                    "the LSTM's input is no longer %,d per frame: with %d filters each frame gives %s × %d features.",
                    courseFeatures,
                    filters,
                    pooled,
                    filters));
        }
        return Feedback.hint(String.format(
                Locale.ROOT,
                "%,d is not it. Per frame the CNN gives %s × filters features;"
                        + " the LSTM has 4 gates, each with a weight per input, per recurrent unit and a bias, for each unit;"
                        + " the dense layer has units × %d weights + %d biases; the convolution filters × (%d × %d + 1).",
                answer,
                pooled,
                Direction.COUNT,
                Direction.COUNT,
                config.kernelSize(),
                config.kernelSize()));
    }

    /**
     * Notebook 3: the cross-entropy loss of a model that gives each of the four directions
     * probability 1/4 (what an untrained model roughly does).
     */
    public static Feedback checkUniformLoss(double answer) {
        if (!Double.isFinite(answer)) {
            return notFinite(answer, "the loss of one video is −ln(probability of its true class), a finite number");
        }
        if (Math.abs(answer - LN4) < 1e-3) {
            return Feedback.pass(
                    String.format(Locale.ROOT, "−ln(1/4) = ln 4 ≈ %.3f: where the loss curve starts.", LN4));
        }
        if (Math.abs(answer + LN4) < 1e-3) {
            return Feedback.hint("the sign: the loss is −ln p, and ln(1/4) is negative.");
        }
        if (Math.abs(answer - 0.25) < 1e-3) {
            return Feedback.hint("0.25 is the probability of the true class; the loss is −ln of it.");
        }
        if (Math.abs(answer - Math.log10(4)) < 1e-3) {
            return Feedback.hint("that is log base 10: cross-entropy uses the natural logarithm, Math.log.");
        }
        return Feedback.hint(String.format(
                Locale.ROOT,
                "%.4f is not it: cross-entropy is −ln(probability given to the"
                        + " true class), and every class gets 1/4.",
                answer));
    }

    /**
     * Notebook 4: the accuracy computed from the confusion matrix {@code report.confusionMatrix()}
     * (rows are true directions, columns predicted ones).
     */
    public static Feedback checkAccuracyFromConfusion(EvaluationReport report, double answer) {
        if (report == null) {
            return Feedback.hint("pass the report you computed the answer from.");
        }
        int[][] m;
        try {
            m = report.confusionMatrix();
        } catch (RuntimeException e) { // a report of no videos has no confusion matrix
            m = null;
        }
        long right = 0;
        long total = 0;
        for (int a = 0; m != null && a < m.length; a++) {
            for (int p = 0; m[a] != null && p < m[a].length; p++) {
                total += m[a][p];
                right += a == p ? m[a][p] : 0;
            }
        }
        if (total <= 0) {
            return Feedback.hint("that report holds no videos: evaluate the model on some first.");
        }
        if (!Double.isFinite(answer)) {
            return notFinite(answer, "the accuracy is a fraction between 0 and 1");
        }
        double expected = (double) right / total;
        if (Math.abs(answer - expected) < 1e-9) {
            return Feedback.pass(
                    String.format(Locale.ROOT, "%,d of %,d on the diagonal: accuracy %.3f.", right, total, expected));
        }
        // before the error rate: for a perfect model, 0 is both the placeholder and the error rate
        if (answer == 0 && right > 0) {
            return Feedback.hint("0: replace the placeholder by your computation. If you did divide, note that"
                    + " two ints divide to a whole number in Java: make one of them a double.");
        }
        if (Math.abs(answer - (1 - expected)) < 1e-9) {
            return Feedback.hint("that is the error rate: count the diagonal (true = predicted), not the rest.");
        }
        if (Math.abs(answer - right) < 1e-9) {
            return Feedback.hint("that is the number right: divide by the number of videos (the sum of all cells).");
        }
        if (Math.abs(answer - 100 * expected) < 1e-6) {
            return Feedback.hint("that is a percentage: give a fraction between 0 and 1.");
        }
        return Feedback.hint(String.format(
                Locale.ROOT,
                "%.4f is not it: sum the diagonal cells m[i][i] and divide by" + " the sum of all cells.",
                answer));
    }

    /**
     * Notebook 5: a decision rule from the four probabilities (in {@link Direction} order) to the
     * predicted direction, checked on many random probability vectors.
     */
    public static Feedback checkDecision(Function<double[], Direction> decide) {
        if (decide == null) {
            return Feedback.hint("give a function, e.g. p -> …");
        }
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 200; trial++) {
            double[] p = new double[Direction.COUNT];
            double sum = 0;
            for (int i = 0; i < p.length; i++) {
                p[i] = random.nextDouble() + 1e-3;
                sum += p[i];
            }
            for (int i = 0; i < p.length; i++) {
                p[i] /= sum;
            }
            Direction yours;
            try {
                yours = decide.apply(p.clone());
            } catch (Exception | Error e) {
                return threw(e, "for " + Arrays.toString(p));
            }
            Direction expected = Direction.mostProbable(p);
            if (yours != expected) {
                int least = 0;
                for (int i = 1; i < p.length; i++) {
                    least = p[i] < p[least] ? i : least;
                }
                String probs = String.format(Locale.ROOT, "[%.2f, %.2f, %.2f, %.2f]", p[0], p[1], p[2], p[3]);
                if (yours == Direction.ofIndex(least)) {
                    return Feedback.hint("for " + probs + " you chose the least probable direction; pick the largest.");
                }
                return Feedback.hint("for " + probs + " you answered " + yours + " but the most probable is " + expected
                        + ". Index i of the array is Direction.ofIndex(i): Down, Left, Right, Up.");
            }
        }
        return Feedback.pass("your rule picks the most probable direction on 200 random cases.");
    }

    /**
     * Notebook 6: a model configuration for the course's videos whose CNN passes the image's last row
     * and column to the LSTM, which the default 2×2 kernel with 2×2 pooling drops.
     */
    public static Feedback checkEdgeReachesLstm(ModelConfig config) {
        if (config == null) {
            return Feedback.hint("give a configuration, e.g. ModelConfig.defaults() with another kernel or pool size");
        }
        if (config.size() != COURSE.size()) {
            return Feedback.hint("size = " + config.size() + ": keep the course's videos (size " + COURSE.size()
                    + ") and change the kernel or pool size");
        }
        int seen = config.visibleSide();
        if (seen < config.size()) {
            return Feedback.hint(String.format(
                    Locale.ROOT,
                    "with a %d×%d kernel and %d×%d pooling the map is %d wide and pooling keeps %d×%d = %d of its"
                            + " rows, which see image rows 0 … %d: row %d%s never reaches the LSTM. Choose sizes for"
                            + " which the map's side (size − kernel + 1) is a multiple of the pool size.",
                    config.kernelSize(),
                    config.kernelSize(),
                    config.poolSize(),
                    config.poolSize(),
                    config.mapSide(),
                    config.pooledSide(),
                    config.poolSize(),
                    config.pooledSide() * config.poolSize(),
                    seen - 1,
                    config.size() - 1,
                    seen < config.size() - 1 ? " (and the " + (config.size() - seen - 1) + " before it)" : ""));
        }
        return Feedback.pass(String.format(
                Locale.ROOT,
                "a %d×%d kernel and %d×%d pooling: the %d×%d map pools to %d×%d with nothing left over, so every"
                        + " image row and column, %d included, reaches the LSTM (%,d features per frame).",
                config.kernelSize(),
                config.kernelSize(),
                config.poolSize(),
                config.poolSize(),
                config.mapSide(),
                config.mapSide(),
                config.pooledSide(),
                config.pooledSide(),
                config.size() - 1,
                config.featuresPerFrame()));
    }

    /**
     * Notebook 6: the first frame (numbered from 1, as in the charts) after which the model gives
     * the true direction a probability above one half, read from a belief curve
     * {@code [frame][direction]}; {@code 0} if it never does.
     */
    public static Feedback checkFirstConfidentFrame(double[][] belief, Direction truth, int answer) {
        if (belief == null || truth == null) {
            return Feedback.hint("pass the belief curve and the true direction you used.");
        }
        if (belief.length == 0) {
            return Feedback.hint("that belief curve has no frames: pass the one you read your answer from.");
        }
        for (int t = 0; t < belief.length; t++) {
            if (belief[t] == null || belief[t].length != Direction.COUNT) {
                return Feedback.hint("row " + t + " of the belief curve is "
                        + (belief[t] == null ? "null" : "of length " + belief[t].length) + ": each row holds the "
                        + Direction.COUNT + " probabilities of one frame, in Direction order.");
            }
            for (int d = 0; d < Direction.COUNT; d++) {
                if (!Double.isFinite(belief[t][d])) {
                    return Feedback.hint("belief[" + t + "][" + d + "] is " + belief[t][d]
                            + ", not a probability: pass the belief curve the model gave.");
                }
            }
        }
        int expected = 0;
        for (int t = 0; t < belief.length; t++) {
            if (belief[t][truth.index()] > 0.5) {
                expected = t + 1;
                break;
            }
        }
        if (answer == expected) {
            return Feedback.pass(
                    expected == 0
                            ? "it never passes one half."
                            : "from frame " + expected + " on (counting from 1) the model gives " + truth
                                    + " more than half.");
        }
        if (answer == expected - 1 && expected > 0) {
            return Feedback.hint("off by one: array index t is frame t + 1 in the charts.");
        }
        return Feedback.hint("frame " + answer + " is not it: loop over t and look at belief[t][truth.index()] > 0.5,"
                + " stop at the first such t, and answer t + 1.");
    }

    private static Feedback threw(Throwable e, String when) {
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError || e instanceof OutOfMemoryError)) {
            throw (VirtualMachineError) e; // the JVM is broken, not the answer
        }
        return Feedback.hint("your code threw " + e.getClass().getSimpleName() + " " + when
                + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }

    private static Feedback notFinite(double answer, String what) {
        return Feedback.hint(answer + " is not it: " + what + " (a NaN comes from 0 / 0.0 or the log of a"
                + " negative number, an infinity from dividing by 0.0 or −ln 0).");
    }

    private static int count(boolean[][] image) {
        int c = 0;
        for (boolean[] row : image) {
            for (boolean b : row) {
                c += b ? 1 : 0;
            }
        }
        return c;
    }
}
