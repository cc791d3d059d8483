import io.github.cnnlstm.base.Numerics;
import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.data.SequenceTensors;
import io.github.cnnlstm.evaluation.EvaluationReport;
import io.github.cnnlstm.evaluation.Evaluator;
import io.github.cnnlstm.exercises.Exercises;
import io.github.cnnlstm.layers.FrameConvolutionLayer;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import io.github.cnnlstm.training.Trainer;
import io.github.cnnlstm.training.TrainingConfig;
import io.github.cnnlstm.training.TrainingHistory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * The experiments behind TEACHERS.md's answers to the exercises: each one run as its exercise in
 * the notebook describes it, with the notebooks' own settings, printing one labelled line per
 * result (the label is the exercise's number, notebook.exercise). A few "check" lines reproduce
 * committed notebook outputs first, to show that this run computes what the notebooks computed.
 *
 * <p>Run from the project's root, one JVM at a time (about 10 minutes on 2 shared cores):
 * <pre>
 *   OMP_WAIT_POLICY=PASSIVE java -Xmx2g -cp "lib/target/cnn-lstm.jar:lib/target/classpath/*" bench/TeacherAnswers.java
 * </pre>
 * Trained numbers are exact on x86-64 CPUs with AVX2 (see io.github.cnnlstm.base.Numerics); times
 * depend on the machine and its load.
 */
public class TeacherAnswers {
    // notebook 02's and 03's settings
    static final int SIZE = 50;
    static final int FILTERS = 2;
    static final int LSTM_UNITS = 50;
    static final double LEARNING_RATE = 1e-3;
    static final long WEIGHT_SEED = 42;
    static final int BATCH_SIZE = 32;
    // notebook 04's test set and notebook 05's videos
    static final long TEST_SEED = 102;
    static final long PREDICTION_SEED = 2024;

    public static void main(String[] args) {
        System.out.println("setup " + Numerics.configure()); // as the course's kernel does, before ND4J loads
        long start = System.nanoTime();
        notebook1();
        notebook2();
        CnnLstmModel course = notebook3();
        notebook4(course);
        notebook5(course);
        System.out.println(String.format(Locale.ROOT, "total %.0f s", seconds(start)));
        System.exit(0);
    }

    // ---------------------------------------------------------------- notebook 1

    static void notebook1() {
        var generator = new LineSequenceGenerator(SIZE, 1);
        // the zeros cell (notebook 01, "What the network reads"), as the notebook formats it
        var batch = generator.iterator(5_000, 32).next();
        double ones = batch.getFeatures().sumNumber().doubleValue();
        System.out.println("1.3 zeros cell: " + String.format(Locale.ROOT, "%,.0f of the %,d values in this batch are 1: %.1f%% are 0",
                ones, batch.getFeatures().length(), 100 * (1 - ones / batch.getFeatures().length())));
        for (long seed : new long[] {1, 2, 3, 7}) {
            var counts = new TreeMap<Direction, Integer>();
            for (var s : new LineSequenceGenerator(SIZE, seed).sequences(5_000)) {
                counts.merge(s.direction(), 1, Integer::sum);
            }
            int min = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
            int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            System.out.println("1.4 class counts of 5,000, seed " + seed + (seed == 1 ? " (the notebook's)" : "") + ": "
                    + counts + "  range " + min + "–" + max);
        }
        // the "your turn" check with the common wrong answers
        System.out.println("1.yt newest pixel only: " + Exercises.checkFrame((s, k) -> {
            boolean[][] image = new boolean[s.size()][s.size()];
            image[s.row(k - 1)][s.col(k - 1)] = true;
            return image;
        }));
        System.out.println("1.yt j <= k: " + Exercises.checkFrame((s, k) -> drawUpTo(s, k, true, false)));
        System.out.println("1.yt [col][row]: " + Exercises.checkFrame((s, k) -> drawUpTo(s, k, false, true)));
        System.out.println("1.yt right: " + Exercises.checkFrame((s, k) -> drawUpTo(s, k, false, false)));
    }

    static boolean[][] drawUpTo(LineSequence s, int k, boolean inclusive, boolean swapped) {
        boolean[][] image = new boolean[s.size()][s.size()];
        for (int j = 0; inclusive ? j <= k : j < k; j++) {
            if (swapped) {
                image[s.col(j)][s.row(j)] = true;
            } else {
                image[s.row(j)][s.col(j)] = true;
            }
        }
        return image;
    }

    // ---------------------------------------------------------------- notebook 2

    /** Notebook 02's singleFrameCnn(): the course's convolution layer, Dense(50, tanh), Dense(4, softmax). */
    static MultiLayerNetwork singleFrameCnn() {
        var network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(WEIGHT_SEED)
                .dataType(DataType.FLOAT)
                .updater(new Adam(LEARNING_RATE, 0.9, 0.999, 1e-7))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new FrameConvolutionLayer.Builder().size(SIZE).filters(FILTERS)
                        .weightInit(WeightInit.RELU_UNIFORM).build())
                .layer(new DenseLayer.Builder().nOut(50).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunction.MCXENT).nOut(4).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(SIZE * SIZE, 1))
                .build());
        network.init();
        return network;
    }

    /** Notebook 02's oneFrame(videos, frame): frame counted from 1, as a one-frame video [n, 2500, 1]. */
    static DataSet oneFrame(List<LineSequence> videos, int frame) {
        var images = SequenceTensors.frameDataSet(videos, frame - 1);
        return new DataSet(images.getFeatures().reshape(videos.size(), SIZE * SIZE, 1), images.getLabels());
    }

    static ModelConfig notebook2Config() {
        return ModelConfig.defaults().withSize(SIZE).withFilters(FILTERS).withLstmUnits(LSTM_UNITS)
                .withLearningRate(LEARNING_RATE).withSeed(WEIGHT_SEED);
    }

    static void notebook2() {
        int trainingVideos = 2_000;
        int testVideos = 500;
        long trainSeed = 1;
        long testSeed = 1_000_001;
        System.out.println("2.x notebook 02's config equals ModelConfig.defaults(): " + notebook2Config().equals(ModelConfig.defaults()));

        // exercises 4 and 5: the confusion-matrix cell, the last-frame network on the growing lines,
        // trained 10 passes instead of 3, measured after every pass
        long t0 = System.nanoTime();
        var lastFrameOnly = singleFrameCnn();
        var lineTrain = oneFrame(new LineSequenceGenerator(SIZE, trainSeed).sequences(trainingVideos), 50);
        var lineTest = oneFrame(new LineSequenceGenerator(SIZE, testSeed).sequences(testVideos), 50);
        StringBuilder curve = new StringBuilder();
        for (int pass = 1; pass <= 10; pass++) {
            for (var batch : lineTrain.batchBy(BATCH_SIZE)) {
                lastFrameOnly.fit(batch);
            }
            EvaluationReport report = Evaluator.evaluate(lastFrameOnly, lineTest);
            curve.append(String.format(Locale.ROOT, " %d:%.1f%%", pass, 100 * report.accuracy()));
            if (pass == 3 || pass == 5 || pass == 10) {
                int[][] m = report.confusionMatrix();
                System.out.println(String.format(Locale.ROOT,
                        "2.5 last-frame network (2,000 videos of seed 1, tested on 500 of seed 1,000,001) after %2d passes: accuracy %.1f%%;"
                                + " %s; horizontal/vertical told apart %.1f%%",
                        pass, 100 * report.accuracy(), pairs(m), 100 * axisAccuracy(m)));
                if (pass == 3) {
                    System.out.println("2.4 its confusion matrix after 3 passes (notebook 02's confusion-matrix cell):\n"
                            + indent(report.confusionTable().print()));
                }
                if (pass == 10) {
                    System.out.println("2.5 its confusion matrix after 10 passes:\n" + indent(report.confusionTable().print()));
                }
            }
        }
        System.out.println("2.5 accuracy after each pass:" + curve
                + String.format(Locale.ROOT, "  (%.0f s)", seconds(t0)));

        // exercise 6: the CNN-LSTM on 20,000 wrapping lines per pass, 3 passes (cnnLstmAccuracy with
        // trainingVideos = 20_000)
        var train = LineSequenceGenerator.wrapping(SIZE, trainSeed);
        var test = LineSequenceGenerator.wrapping(SIZE, testSeed);
        var cnnLstm = CnnLstmModel.create(notebook2Config());
        for (int pass = 1; pass <= 3; pass++) {
            t0 = System.nanoTime();
            cnnLstm.network().fit(train.iterator(20_000, BATCH_SIZE));
            double trainS = seconds(t0);
            EvaluationReport report = Evaluator.evaluate(cnnLstm, test, testVideos);
            int[][] m = report.confusionMatrix();
            System.out.println(String.format(Locale.ROOT,
                    "2.6 CNN-LSTM, wrapping lines, 20,000 videos per pass, after pass %d (%,d videos seen): accuracy %.1f%% on 500 fresh;"
                            + " %s; horizontal/vertical %.1f%%  (pass %.0f s)",
                    pass, 20_000 * pass, 100 * report.accuracy(), pairs(m), 100 * axisAccuracy(m), trainS));
        }
    }

    /** How many answers went to the true direction, to the opposite one, and to the other axis. */
    static String pairs(int[][] m) {
        int right = 0;
        int opposite = 0;
        int other = 0;
        for (Direction truth : Direction.values()) {
            for (Direction answer : Direction.values()) {
                int n = m[truth.index()][answer.index()];
                if (answer == truth) {
                    right += n;
                } else if (answer == opposite(truth)) {
                    opposite += n;
                } else {
                    other += n;
                }
            }
        }
        return "right " + right + ", opposite direction " + opposite + ", other axis " + other;
    }

    static double axisAccuracy(int[][] m) {
        int same = 0;
        int total = 0;
        for (Direction truth : Direction.values()) {
            for (Direction answer : Direction.values()) {
                int n = m[truth.index()][answer.index()];
                total += n;
                same += truth.isVertical() == answer.isVertical() ? n : 0;
            }
        }
        return (double) same / total;
    }

    static Direction opposite(Direction d) {
        return switch (d) {
            case DOWN -> Direction.UP;
            case UP -> Direction.DOWN;
            case LEFT -> Direction.RIGHT;
            case RIGHT -> Direction.LEFT;
        };
    }

    // ---------------------------------------------------------------- notebook 3

    static final class Run {
        final CnnLstmModel model;
        final TrainingHistory history;

        Run(ModelConfig modelConfig, TrainingConfig trainingConfig) {
            model = CnnLstmModel.create(modelConfig);
            history = Trainer.train(model, trainingConfig);
        }

        double secondsPerBatch() {
            return history.seconds() / history.iterations();
        }
    }

    /** Notebook 03's loss table: the mean loss over each run of 20 batches. */
    static List<String> lossTable(TrainingHistory history) {
        double[] losses = history.losses();
        List<String> rows = new ArrayList<>();
        for (int first = 0; first < losses.length; first += 20) {
            int last = Math.min(first + 20, losses.length);
            double sum = 0;
            for (int b = first; b < last; b++) {
                sum += losses[b];
            }
            rows.add(String.format(Locale.ROOT, "batches %3d–%3d   mean loss %.3f", first + 1, last, sum / (last - first)));
        }
        return rows;
    }

    static EvaluationReport notebook4Test(CnnLstmModel model) {
        return Evaluator.evaluate(model, new LineSequenceGenerator(SIZE, TEST_SEED), 1_000);
    }

    static String describe(EvaluationReport r) {
        double[] ci = r.accuracyInterval95();
        return String.format(Locale.ROOT, "accuracy %.1f%% (%d of %,d), loss %.3f; 95%% interval %.1f%%–%.1f%%",
                100 * r.accuracy(), Math.round(r.accuracy() * r.count()), r.count(), r.loss(), 100 * ci[0], 100 * ci[1]);
    }

    static CnnLstmModel notebook3() {
        ModelConfig courseModel = ModelConfig.defaults();
        TrainingConfig courseTraining = TrainingConfig.defaults();

        // exercise 3: 8 filters against the course's 2, alternating, two runs of each; the course
        // model is the first 2-filter run (every run of the same settings trains the same model)
        ModelConfig eight = ModelConfig.defaults().withFilters(8);
        List<Run> twoRuns = new ArrayList<>();
        List<Run> eightRuns = new ArrayList<>();
        for (int rep = 0; rep < 2; rep++) {
            twoRuns.add(new Run(courseModel, courseTraining));
            eightRuns.add(new Run(eight, courseTraining));
        }
        Run two = twoRuns.get(0);
        Run eightRun = eightRuns.get(0);
        System.out.println("check notebook 03's training: " + two.history);
        System.out.println("check the two 2-filter runs trained the same model: "
                + Arrays.equals(twoRuns.get(0).history.losses(), twoRuns.get(1).history.losses())
                + "; the two 8-filter runs: " + Arrays.equals(eightRuns.get(0).history.losses(), eightRuns.get(1).history.losses()));
        List<String> twoTable = lossTable(two.history);
        List<String> eightTable = lossTable(eightRun.history);
        System.out.println("3.3 loss table, 2 filters (notebook 03) | 8 filters:");
        for (int i = 0; i < Math.max(twoTable.size(), eightTable.size()); i++) {
            String right = i < eightTable.size() ? eightTable.get(i).replaceFirst(".*mean loss ", "") : "";
            System.out.println("3.3   " + (i < twoTable.size() ? twoTable.get(i) : "") + "   | " + right);
        }
        for (int rep = 0; rep < 2; rep++) {
            System.out.println(String.format(Locale.ROOT,
                    "3.3 time, round %d: 2 filters %.1f ms per batch (%.1f s for 157 batches), 8 filters %.1f ms per batch (%.1f s)",
                    rep + 1, 1000 * twoRuns.get(rep).secondsPerBatch(), twoRuns.get(rep).history.seconds(),
                    1000 * eightRuns.get(rep).secondsPerBatch(), eightRuns.get(rep).history.seconds()));
        }
        System.out.println(String.format(Locale.ROOT, "3.3 8 filters: %,d parameters; %s on notebook 04's test",
                eightRun.model.parameterCount(), describe(notebook4Test(eightRun.model))));
        System.out.println("3.3 8 filters, notebook 03's summary: " + eightRun.history);

        // exercise 2: 1,000 and 20,000 training videos
        for (int videos : new int[] {1_000, 20_000}) {
            Run run = new Run(courseModel, TrainingConfig.defaults().withSequences(videos));
            EvaluationReport report = notebook4Test(run.model);
            System.out.println(String.format(Locale.ROOT, "3.2 %,d training videos (%d batches, %.1f s): %s on notebook 04's test",
                    videos, run.history.iterations(), run.history.seconds(), describe(report)));
            List<String> table = lossTable(run.history);
            if (videos == 1_000) {
                for (String row : table) {
                    System.out.println("3.2   1,000 videos: " + row);
                }
                System.out.println("3.2 1,000 videos, confusion matrix on notebook 04's test:\n" + indent(report.confusionTable().print()));
            } else {
                System.out.println("3.2   20,000 videos: first rows " + table.subList(0, 4) + " … last " + table.get(table.size() - 1));
            }
        }

        // exercise 4: only weightSeed changes
        for (long seed : new long[] {1, 2, 3}) {
            Run run = new Run(ModelConfig.defaults().withSeed(seed), courseTraining);
            System.out.println(String.format(Locale.ROOT, "3.4 weightSeed %d (data seed 1): %s on notebook 04's test; last-10 loss %.4f",
                    seed, describe(notebook4Test(run.model)), run.history.recentLoss()));
        }
        return two.model;
    }

    static String indent(String table) {
        return "      " + table.replace("\n", "\n      ");
    }

    // ---------------------------------------------------------------- notebook 4

    static void notebook4(CnnLstmModel model) {
        EvaluationReport thousand = notebook4Test(model);
        System.out.println("check notebook 04's test (1,000 videos of seed 102): " + describe(thousand));
        EvaluationReport small = Evaluator.evaluate(model, new LineSequenceGenerator(SIZE, 101), 100);
        System.out.println("check notebook 04's 100 videos of seed 101: " + describe(small));
        EvaluationReport fiveThousand = Evaluator.evaluate(model, new LineSequenceGenerator(SIZE, TEST_SEED), 5_000);
        double[] a = thousand.accuracyInterval95();
        double[] b = fiveThousand.accuracyInterval95();
        System.out.println("4.2 5,000 videos of seed 102: " + describe(fiveThousand));
        System.out.println(String.format(Locale.ROOT,
                "4.2 interval 1,000 videos [%.4f, %.4f] width %.4f; 5,000 videos [%.4f, %.4f] width %.4f;"
                        + " low end +%.4f, high end +%.4f; widths' ratio %.2f (sqrt 5 = %.2f)",
                a[0], a[1], a[1] - a[0], b[0], b[1], b[1] - b[0], b[0] - a[0], b[1] - a[1],
                (a[1] - a[0]) / (b[1] - b[0]), Math.sqrt(5)));
        System.out.println("4.2 confusion matrix on 5,000:\n" + indent(fiveThousand.confusionTable().print()));
        EvaluationReport training = Evaluator.evaluate(model, new LineSequenceGenerator(SIZE, 1), 1_000);
        System.out.println("4.3 testSeed = 1 (the first 1,000 training videos): " + describe(training));
    }

    // ---------------------------------------------------------------- notebook 5

    /** Notebook 05's reverseFrames: the frames of a [videos, pixels, frames] tensor, last one first. */
    static INDArray reverseFrames(INDArray videos) {
        long frames = videos.size(2);
        INDArray reversed = videos.dup();
        for (int t = 0; t < frames; t++) {
            reversed.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t))
                    .assign(videos.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(frames - 1 - t)));
        }
        return reversed;
    }

    /** The videos with their last frame repeated {@code extra} more times: [videos, pixels, 50 + extra]. */
    static INDArray repeatLastFrame(INDArray videos, int extra) {
        long frames = videos.size(2);
        INDArray last = videos.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.interval(frames - 1, frames));
        INDArray[] parts = new INDArray[extra + 1];
        parts[0] = videos;
        for (int i = 1; i <= extra; i++) {
            parts[i] = last;
        }
        return Nd4j.concat(2, parts);
    }

    static void notebook5(CnnLstmModel model) {
        var generator = new LineSequenceGenerator(SIZE, PREDICTION_SEED);
        var four = Arrays.stream(Direction.values()).map(generator::firstOf).toList();
        System.out.println("check notebook 05's four videos: " + model.predict(four).get(0));

        // exercise 2, the notebook's call on its four videos, then on 200 videos of seed 2024
        INDArray p4 = model.network().output(reverseFrames(SequenceTensors.features(four)));
        for (int i = 0; i < four.size(); i++) {
            double[] p = p4.getRow(i).toDoubleVector();
            System.out.println(String.format(Locale.ROOT,
                    "5.2 reversed, the notebook's four: %-5s video → %-5s  [Down %.3f, Left %.3f, Right %.3f, Up %.3f]",
                    four.get(i).direction(), Direction.mostProbable(p), p[0], p[1], p[2], p[3]));
        }
        var videos = generator.sequences(200);
        INDArray features = SequenceTensors.features(videos);
        INDArray reversed = model.network().output(reverseFrames(features));
        int same = 0;
        int opposite = 0;
        int other = 0;
        double confidence = 0;
        for (int i = 0; i < videos.size(); i++) {
            double[] p = reversed.getRow(i).toDoubleVector();
            Direction answer = Direction.mostProbable(p);
            Direction truth = videos.get(i).direction();
            confidence += p[answer.index()];
            if (answer == truth) {
                same++;
            } else if (answer == opposite(truth)) {
                opposite++;
            } else {
                other++;
            }
        }
        System.out.println(String.format(Locale.ROOT,
                "5.2 reversed frames, 200 videos of seed 2024: original direction %d, opposite %d, other %d;"
                        + " mean top probability %.3f",
                same, opposite, other, confidence / videos.size()));

        // exercise 3: the last frame repeated 10 more times, 60 frames
        INDArray normal = model.network().output(features);
        INDArray sixty;
        try {
            INDArray longer = repeatLastFrame(features, 10);
            sixty = model.network().output(longer);
            System.out.println("5.3 a 60-frame input " + Arrays.toString(longer.shape()) + " is accepted: output "
                    + Arrays.toString(sixty.shape()));
        } catch (RuntimeException e) {
            System.out.println("5.3 a 60-frame input is refused: " + e);
            return;
        }
        int rightBefore = 0;
        int rightAfter = 0;
        double largestChange = 0;
        double meanTrueBefore = 0;
        double meanTrueAfter = 0;
        for (int i = 0; i < videos.size(); i++) {
            double[] before = normal.getRow(i).toDoubleVector();
            double[] after = sixty.getRow(i).toDoubleVector();
            Direction truth = videos.get(i).direction();
            rightBefore += Direction.mostProbable(before) == truth ? 1 : 0;
            rightAfter += Direction.mostProbable(after) == truth ? 1 : 0;
            meanTrueBefore += before[truth.index()];
            meanTrueAfter += after[truth.index()];
            for (int d = 0; d < 4; d++) {
                largestChange = Math.max(largestChange, Math.abs(after[d] - before[d]));
            }
        }
        System.out.println(String.format(Locale.ROOT,
                "5.3 last frame repeated 10 more times, 200 videos of seed 2024: right %d of 200 (50 frames: %d);"
                        + " mean probability of the true direction %.3f (50 frames: %.3f); largest change of a probability %.3f",
                rightAfter, rightBefore, meanTrueAfter / videos.size(), meanTrueBefore / videos.size(), largestChange));
    }

    static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
