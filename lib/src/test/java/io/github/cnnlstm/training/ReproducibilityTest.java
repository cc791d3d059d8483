package io.github.cnnlstm.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.cnnlstm.base.Numerics;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** The set-up that makes training give the same bits on every machine with AVX2. */
class ReproducibilityTest {
    @Test
    void openBlasRunsOneThreadAndTheChosenKernel() {
        String summary = Numerics.configure();
        assertEquals(1, Nd4j.factory().blas().getMaxThreads(), summary);
        assumeTrue(System.getenv("CNN_LSTM_BLAS_CORETYPE") == null, "kernel overridden: " + summary);
        // "(chosen for this CPU (AVX2, FMA))"; elsewhere, e.g. on ARM: "(no AVX2 and FMA found: …)"
        assumeTrue(summary.contains("chosen for this CPU"), "not a CPU with AVX2 and FMA: " + summary);
        assertEquals(Numerics.REFERENCE_CORE, Numerics.blasCore(), summary);
    }

    /**
     * The layers run examples on whatever fork-join pool the training runs in (a parallel stream
     * started inside a pool stays in it): one thread, three and eight must train the same bits.
     */
    @Test
    void trainingGivesTheSameBitsOnAnyNumberOfThreads() throws Exception {
        float[] one = trainIn(1);
        assertArrayEquals(one, trainIn(3));
        assertArrayEquals(one, trainIn(8));
    }

    private static float[] trainIn(int threads) throws Exception {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(() -> {
                        CnnLstmModel model = CnnLstmModel.create(ModelConfig.defaults());
                        Trainer.train(model, TrainingConfig.defaults().withSequences(96));
                        return model.network().params().dup().reshape(-1).toFloatVector();
                    })
                    .get();
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void theFingerprintIsStableWithinOneMachine() {
        String first = Fingerprint.compute();
        assertEquals(16, first.length());
        assertTrue(first.matches("[0-9a-f]{16}"), first);
        assertEquals(first, Fingerprint.compute());
    }
}
