package io.github.cnnlstm.base;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Why {@link Numerics#configureInBackground()} may let a cell load ND4J before {@code configure()}
 * has set the thread count: with the choice made and {@value Numerics#SKIP_BLAS_THREADS} set,
 * OpenBLAS runs one thread from the moment it loads, whichever thread loads it. Each case runs in a
 * JVM of its own (this one has loaded ND4J long ago) that loads ND4J without calling {@code
 * configure()}.
 */
class NumericsInBackgroundTest {
    @Test
    void openBlasRunsOneThreadFromItsLoadWhenNd4jLeavesTheCountAlone() throws Exception {
        assertEquals("1", threadsAfterLoading(Map.of(Numerics.SKIP_BLAS_THREADS, "1")));
    }

    @Test
    void withoutTheVariableNd4jWouldRaiseTheCount() throws Exception {
        assumeTrue(Runtime.getRuntime().availableProcessors() > 1, "one core: ND4J would choose one thread too");
        assertNotEquals("1", threadsAfterLoading(Map.of()));
    }

    /** In a child JVM: the choice, then ND4J loaded by the same thread; prints OpenBLAS's thread count. */
    public static void main(String[] args) {
        Numerics.choose();
        Nd4j.ones(2).sumNumber();
        System.out.println(Numerics.blasThreads());
        System.exit(0);
    }

    private static String threadsAfterLoading(Map<String, String> env) throws Exception {
        // this JVM's java; under tests/platforms/run-arm64.sh the wrapper that emulates it
        String java = System.getenv("CNN_LSTM_TEST_JAVA");
        if (java == null || java.isBlank()) {
            java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
        List<String> command = new ArrayList<>(List.of(java));
        String cache = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (cache != null) {
            command.add("-Dorg.bytedeco.javacpp.cachedir=" + cache);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NumericsInBackgroundTest.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // ND4J reads these two when it sets the count itself
        builder.environment().remove(Numerics.SKIP_BLAS_THREADS);
        builder.environment().remove("OMP_NUM_THREADS");
        builder.environment().putAll(env);
        Process child = builder.start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(300, TimeUnit.SECONDS), "the child JVM did not end");
        assertEquals(0, child.exitValue(), "the child JVM failed: " + out);
        List<String> lines = out.lines().toList();
        return lines.get(lines.size() - 1).trim();
    }
}
