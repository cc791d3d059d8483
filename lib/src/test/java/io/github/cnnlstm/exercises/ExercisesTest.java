package io.github.cnnlstm.exercises;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.data.SequenceTensors;
import io.github.cnnlstm.evaluation.EvaluationReport;
import io.github.cnnlstm.evaluation.Evaluator;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.evaluation.classification.Evaluation;
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

    /** A frame with the path's pixels j = from … to − 1 set, as a student's answer might draw it. */
    private static boolean[][] path(LineSequence s, int from, int to) {
        boolean[][] image = new boolean[s.size()][s.size()];
        for (int j = from; j < to; j++) {
            image[s.row(j)][s.col(j)] = true;
        }
        return image;
    }

    @Test
    void frames() {
        passes(Exercises.checkFrame((s, k) -> s.frame(k - 1)));
        // only the newest pixel, whether the student counts it from 1 or from 0
        hints(Exercises.checkFrame((s, k) -> path(s, k - 1, k)), "accumulate");
        hints(
                Exercises.checkFrame((s, k) -> path(s, Math.min(k, s.size() - 1), Math.min(k, s.size() - 1) + 1)),
                "accumulate");
        // counting frames from 0: one pixel too many; or one too few
        hints(Exercises.checkFrame((s, k) -> path(s, 0, Math.min(k + 1, s.size()))), "frame k shows exactly k");
        hints(Exercises.checkFrame((s, k) -> path(s, 0, k - 1)), "frame k shows exactly k");
        hints(
                Exercises.checkFrame((s, k) -> {
                    boolean[][] image = new boolean[s.size()][s.size()];
                    for (int j = 0; j < k; j++) {
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
    void theEdgeReachesTheLstm() {
        passes(Exercises.checkEdgeReachesLstm(ModelConfig.defaults().withKernelSize(3)));
        passes(Exercises.checkEdgeReachesLstm(ModelConfig.defaults().withPoolSize(1)));
        hints(Exercises.checkEdgeReachesLstm(ModelConfig.defaults()), "row 49 never reaches the LSTM");
        hints(Exercises.checkEdgeReachesLstm(ModelConfig.defaults().withPoolSize(5)), "and the 3 before it");
        hints(Exercises.checkEdgeReachesLstm(ModelConfig.defaults().withSize(48)), "size = 48");
        hints(Exercises.checkEdgeReachesLstm(null), "configuration");
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
        // as notebook 02 prints it: the sizes are the course model's
        assertEquals(
                "✗ Not yet: 0 is not it. Per frame the CNN gives 24 × 24 × filters features; the LSTM has 4 gates,"
                        + " each with a weight per input, per recurrent unit and a bias, for each unit; the dense layer"
                        + " has units × 4 weights + 4 biases; the convolution filters × (2 × 2 + 1).",
                Exercises.checkParameterCount(8, 50, 0).toString());
        assertEquals(
                "✗ Not yet: the LSTM's input is no longer 1,152 per frame: with 8 filters each frame gives 24 × 24 × 8"
                        + " features.",
                Exercises.checkParameterCount(8, 100, right - 4L * 100 * (4608 - 1152))
                        .toString());
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

    /**
     * Every public check method, found by reflection, given broken input in each argument in turn
     * (the others ordinary), and in all arguments at once: each call must return a hint, never a
     * tick and never an exception. A check with an argument type this test has no broken values
     * for fails the test, so new checks are covered when they are added.
     */
    @Test
    void everyCheckGivesAHintAndNeverThrowsWhateverItIsGiven() throws Exception {
        Map<Class<?>, List<Object>> broken = brokenInputs();
        Map<Class<?>, Object> ordinary = ordinaryInputs();
        List<Method> checks = Arrays.stream(Exercises.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers()))
                .filter(m -> m.getName().startsWith("check"))
                .toList();
        assertEquals(
                List.of(
                        "checkAccuracyFromConfusion",
                        "checkDecision",
                        "checkEdgeReachesLstm",
                        "checkFirstConfidentFrame",
                        "checkFrame",
                        "checkParameterCount",
                        "checkUniformLoss"),
                checks.stream().map(Method::getName).sorted().toList(),
                "the checks this test knows; every one is exercised below");
        int calls = 0;
        for (Method check : checks) {
            assertEquals(Feedback.class, check.getReturnType(), check.getName());
            Class<?>[] types = check.getParameterTypes();
            for (Class<?> t : types) {
                assertTrue(broken.containsKey(t) && ordinary.containsKey(t), check.getName() + ": no inputs for " + t);
            }
            List<Object[]> argumentLists = new ArrayList<>();
            for (int i = 0; i < types.length; i++) {
                for (Object bad : broken.get(types[i])) {
                    Object[] args = new Object[types.length];
                    for (int j = 0; j < types.length; j++) {
                        args[j] = j == i ? bad : ordinary.get(types[j]);
                    }
                    argumentLists.add(args);
                }
            }
            allCombinations(types, broken, 0, new Object[types.length], argumentLists);
            for (Object[] args : argumentLists) {
                String call = check.getName() + describe(args);
                Feedback f;
                try {
                    f = (Feedback) check.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw new AssertionError(call + " threw " + e.getCause(), e.getCause());
                }
                assertNotNull(f, call);
                assertFalse(f.passed(), call + " passed: " + f);
                assertTrue(f.toString().startsWith("✗ Not yet: ") && f.message().length() > 10, call + ": " + f);
                calls++;
            }
        }
        assertTrue(calls > 100, calls + " calls");
    }

    private static String describe(Object[] args) {
        List<String> parts = new ArrayList<>();
        for (Object a : args) {
            try {
                parts.add(a instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(a));
            } catch (RuntimeException e) { // a report of no videos cannot say its accuracy
                parts.add(a.getClass().getSimpleName());
            }
        }
        return "(" + String.join(", ", parts) + ")";
    }

    private static void allCombinations(
            Class<?>[] types, Map<Class<?>, List<Object>> broken, int i, Object[] args, List<Object[]> out) {
        if (i == types.length) {
            out.add(args.clone());
            return;
        }
        for (Object bad : broken.get(types[i])) {
            args[i] = bad;
            allCombinations(types, broken, i + 1, args, out);
        }
    }

    /** For each argument type of the checks: values no right answer can be. */
    private static Map<Class<?>, List<Object>> brokenInputs() throws Exception {
        Map<Class<?>, List<Object>> m = new LinkedHashMap<>();
        m.put(BiFunction.class, frameAnswers());
        m.put(
                Function.class,
                nullable(
                        (Function<double[], Direction>) p -> null,
                        (Function<double[], Direction>) p -> Direction.ofIndex((int) (p[0] * 1000)),
                        (Function<double[], Direction>) p -> Direction.mostProbable(new double[p.length + 1]),
                        (Function<double[], Direction>) ExercisesTest::recurseForever,
                        (Function<double[], Direction>) p -> {
                            throw new IllegalStateException("not done");
                        }));
        m.put(
                ModelConfig.class,
                Arrays.asList(
                        null,
                        ModelConfig.defaults(),
                        ModelConfig.defaults().withSize(48),
                        ModelConfig.defaults().withPoolSize(5)));
        m.put(int.class, List.of(0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE));
        m.put(long.class, List.of(-1L, 0L, Long.MIN_VALUE, Long.MAX_VALUE));
        m.put(
                double.class,
                List.of(
                        Double.NaN,
                        Double.POSITIVE_INFINITY,
                        Double.NEGATIVE_INFINITY,
                        -1.0,
                        1.5,
                        Double.MAX_VALUE)); // neither a loss of ln 4 nor an accuracy
        double nan = Double.NaN;
        double inf = Double.POSITIVE_INFINITY;
        m.put(
                double[][].class,
                nullable(
                        new double[0][],
                        new double[3][],
                        new double[][] {{0.1, 0.6, 0.2, 0.1}, null},
                        new double[][] {{0.1, 0.6, 0.2, 0.1}, {0.5}},
                        new double[][] {{0.1, 0.6, 0.2, 0.1}, {}},
                        new double[][] {{0.1, 0.6, 0.2, 0.1, 0.0}},
                        new double[][] {{0.1, 0.6}, {0.1, 0.6, 0.2, 0.1}},
                        new double[][] {{nan, nan, nan, nan}},
                        new double[][] {{0.1, 0.2, 0.3, 0.4}, {inf, inf, -inf, 0}},
                        new double[][] {{}}));
        m.put(Direction.class, nullable());
        m.put(EvaluationReport.class, nullable(emptyReport(new Evaluation()), emptyReport(new Evaluation(4))));
        return m;
    }

    /** Frame answers that are not a size × size array, or throw. */
    private static List<Object> frameAnswers() {
        List<BiFunction<LineSequence, Integer, boolean[][]>> f = List.of(
                (s, k) -> null,
                (s, k) -> new boolean[0][0],
                (s, k) -> new boolean[s.size()][], // every row null
                (s, k) -> new boolean[s.size() + 1][s.size()],
                (s, k) -> new boolean[s.size()][s.size() + 1],
                (s, k) -> { // jagged: row r has r + 1 cells
                    boolean[][] a = new boolean[s.size()][];
                    for (int r = 0; r < a.length; r++) {
                        a[r] = new boolean[r + 1];
                    }
                    return a;
                },
                (s, k) -> { // right but for a null last row
                    boolean[][] a = s.frame(k);
                    a[a.length - 1] = null;
                    return a;
                },
                (s, k) -> { // right but for a short last row
                    boolean[][] a = s.frame(k);
                    a[a.length - 1] = new boolean[a.length - 1];
                    return a;
                },
                (s, k) -> { // right but for a long middle row
                    boolean[][] a = s.frame(k);
                    a[a.length / 2] = Arrays.copyOf(a[a.length / 2], a.length + 3);
                    return a;
                },
                (s, k) -> {
                    throw new UnsupportedOperationException();
                },
                (s, k) -> new boolean[recurseForever(null) == null ? 1 : 2][]);
        return nullable(f.toArray());
    }

    private static Direction recurseForever(double[] p) {
        return recurseForever(p);
    }

    /** A report of no videos, as the package-private constructor makes it. */
    private static EvaluationReport emptyReport(Evaluation evaluation) throws Exception {
        var c = EvaluationReport.class.getDeclaredConstructor(int.class, double.class, Evaluation.class);
        c.setAccessible(true);
        return c.newInstance(0, 0.0, evaluation);
    }

    private static List<Object> nullable(Object... values) {
        List<Object> l = new ArrayList<>();
        l.add(null);
        l.addAll(Arrays.asList(values));
        return l;
    }

    /** For each argument type: a value that lets the other arguments decide (not always a right answer). */
    private static Map<Class<?>, Object> ordinaryInputs() {
        var model = CnnLstmModel.create(ModelConfig.defaults().withSize(8).withLstmUnits(4));
        Map<Class<?>, Object> m = new LinkedHashMap<>();
        m.put(BiFunction.class, (BiFunction<LineSequence, Integer, boolean[][]>) LineSequence::frame);
        m.put(Function.class, (Function<double[], Direction>) Direction::mostProbable);
        m.put(ModelConfig.class, ModelConfig.defaults());
        m.put(int.class, 8);
        m.put(long.class, 40_000L);
        m.put(double.class, 0.5);
        m.put(double[][].class, new double[][] {{0.25, 0.25, 0.25, 0.25}, {0.1, 0.6, 0.2, 0.1}});
        m.put(Direction.class, Direction.LEFT);
        m.put(EvaluationReport.class, Evaluator.evaluate(model, new LineSequenceGenerator(8, 3), 40));
        return m;
    }
}
