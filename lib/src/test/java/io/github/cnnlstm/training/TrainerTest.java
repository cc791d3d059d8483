package io.github.cnnlstm.training;

import static io.github.cnnlstm.base.BadInput.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.data.LineSequenceIterator;
import io.github.cnnlstm.evaluation.EvaluationReport;
import io.github.cnnlstm.evaluation.Evaluator;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class TrainerTest {
    /** Small enough to train in seconds, big enough to need the CNN and the LSTM. */
    static final ModelConfig SMALL = ModelConfig.defaults().withSize(12);

    @Test
    void eachBatchsAccuracyIsMeasuredBeforeTrainingOnIt() {
        TrainingConfig config = new TrainingConfig(96, 32, 1, 7, 1);
        CnnLstmModel trained = CnnLstmModel.create(SMALL);
        TrainingHistory history = Trainer.train(trained, config);

        // the same steps by hand on a twin: accuracy of each batch with the weights before fitting it
        MultiLayerNetwork twin = CnnLstmModel.create(SMALL).network();
        LineSequenceIterator batches = new LineSequenceGenerator(12, 7).iterator(96, 32);
        double[] expected = new double[3];
        for (int i = 0; i < 3; i++) {
            DataSet batch = batches.next();
            expected[i] = Trainer.accuracy(twin.output(batch.getFeatures(), false), batch.getLabels());
            twin.fit(batch);
        }
        assertArrayEquals(expected, history.accuracies(), 1e-9);
        assertTrue(expected[2] > expected[0] || expected[2] == 1.0, "the twin learns: " + Arrays.toString(expected));
    }

    @Test
    void aShortRunLearnsToTellTheDirections() {
        CnnLstmModel model = CnnLstmModel.create(SMALL);
        double before = Evaluator.evaluate(model, new LineSequenceGenerator(12, 100), 400)
                .accuracy();
        List<TrainingProgress> reports = new ArrayList<>();
        TrainingHistory history =
                Trainer.train(model, TrainingConfig.defaults().withSequences(3_000), (p, h) -> reports.add(p));
        EvaluationReport after = Evaluator.evaluate(model, new LineSequenceGenerator(12, 100), 400);

        assertTrue(before < 0.5, "an untrained model guesses: " + before);
        assertTrue(after.accuracy() >= 0.9, "accuracy after training: " + after);
        assertEquals(94, history.iterations());
        assertEquals(94, reports.size());
        assertTrue(reports.get(93).finished());
        assertEquals(3_000, reports.get(93).sequencesDone());
        assertFalse(history.interrupted());
        assertTrue(history.completed());
        double firstLosses = mean(history.losses(), 0, 10);
        double lastLosses = mean(history.losses(), 84, 94);
        assertTrue(lastLosses < firstLosses / 2, "loss fell from " + firstLosses + " to " + lastLosses);
    }

    @Test
    void anInterruptStopsTrainingAfterTheCurrentBatch() {
        CnnLstmModel model = CnnLstmModel.create(SMALL);
        List<String> stops = new ArrayList<>();
        TrainingHistory history =
                Trainer.train(model, TrainingConfig.defaults().withSequences(3_200), new ProgressListener() {
                    @Override
                    public void onProgress(TrainingProgress p, TrainingHistory h) {
                        if (p.iteration() == 3) {
                            Thread.currentThread().interrupt();
                        }
                    }

                    @Override
                    public void onStop(TrainingProgress last, TrainingHistory h) {
                        // told once, with the flag cleared so a display update can reach the kernel's sockets
                        stops.add(last.sequencesDone() + "/" + last.totalSequences() + " "
                                + Thread.currentThread().isInterrupted() + " " + h.interrupted());
                    }
                });
        assertTrue(Thread.interrupted(), "the interrupt flag is kept for the caller");
        assertTrue(history.interrupted());
        assertFalse(history.completed());
        assertEquals(3, history.iterations());
        assertEquals(List.of("96/3200 false true"), stops);
    }

    @Test
    void aCompletedRunReportsNoStop() {
        List<TrainingProgress> stops = new ArrayList<>();
        Trainer.train(CnnLstmModel.create(SMALL), TrainingConfig.defaults().withSequences(64), new ProgressListener() {
            @Override
            public void onProgress(TrainingProgress p, TrainingHistory h) {}

            @Override
            public void onStop(TrainingProgress last, TrainingHistory h) {
                stops.add(last);
            }
        });
        assertEquals(List.of(), stops);
    }

    @Test
    void aRunStoppedInsideABatchIsRecordedAsInterrupted() {
        CnnLstmModel model = CnnLstmModel.create(SMALL);
        TrainingHistory history = new TrainingHistory();
        RuntimeException stop = new RuntimeException("stopped by the kernel");
        RuntimeException thrown = org.junit.jupiter.api.Assertions.assertThrows(
                RuntimeException.class,
                () -> Trainer.train(model, TrainingConfig.defaults().withSequences(320), history, (p, h) -> {
                    if (p.iteration() == 2) {
                        throw stop;
                    }
                }));
        assertEquals(stop, thrown);
        assertTrue(history.interrupted());
        assertEquals(2, history.iterations());
        assertMessage(
                () -> Trainer.train(model, TrainingConfig.defaults(), history, ProgressListener.none()),
                "history already holds 2 batches");
    }

    @Test
    void aRunNotYetCompletedCountsAsInterrupted() throws Exception {
        CnnLstmModel model = CnnLstmModel.create(SMALL);
        TrainingHistory history = new TrainingHistory();
        assertFalse(history.interrupted(), "not started yet");
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread training =
                new Thread(() -> Trainer.train(model, TrainingConfig.defaults().withSequences(320), history, (p, h) -> {
                    if (p.iteration() == 2) {
                        inside.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }));
        training.setDaemon(true); // a failed run must not keep the test JVM alive
        training.start();
        // bounded waits: a run that throws before its second batch fails the test instead of hanging it
        assertTrue(inside.await(60, java.util.concurrent.TimeUnit.SECONDS), "the run reached its second batch");
        // the notebook cell has returned, the batch is still finishing: not a finished model
        assertTrue(history.interrupted());
        assertFalse(history.completed());
        release.countDown();
        training.join(60_000);
        assertFalse(training.isAlive(), "the run ended");
        assertTrue(history.completed());
        assertFalse(history.interrupted());
    }

    @Test
    void theHistoryReportsTheMeanLossOfTheLastTenBatches() {
        TrainingHistory history = new TrainingHistory();
        assertTrue(Double.isNaN(history.recentLoss()));
        for (int i = 1; i <= 12; i++) {
            history.record(32L * i, i, Double.NaN); // losses 1 .. 12
        }
        assertEquals((3 + 12) / 2.0, history.recentLoss(), 1e-12); // mean of 3 .. 12
        assertEquals(12, history.lastLoss(), 0);
        assertTrue(history.toString().contains("mean loss of the last 10 batches 7.5000"), history.toString());
    }

    @Test
    void progressReportsSpeedAndTimeLeft() {
        TrainingProgress p = new TrainingProgress(10, 100, 320, 3_200, 1, 0.5, 0.75, 8.0);
        assertEquals(40.0, p.sequencesPerSecond(), 1e-9);
        assertEquals(72.0, p.etaSeconds(), 1e-9);
        assertEquals(0.1, p.fraction(), 1e-9);
        assertTrue(p.toString().contains("320/3,200 seq"), p.toString());
        assertEquals("1:12", TrainingProgress.clock(72));
    }

    @Test
    void noTimeLeftIsEstimatedDuringWarmUp() {
        // the first batches are slow (JIT, workspaces): an estimate from them would be far too long
        for (int i = 1; i < TrainingProgress.WARMUP_BATCHES; i++) {
            TrainingProgress p = new TrainingProgress(i, 100, 32L * i, 3_200, 1, 0.5, Double.NaN, i);
            assertFalse(p.etaKnown(), "batch " + i);
            assertTrue(p.toString().contains("ETA -"), p.toString());
        }
        assertTrue(new TrainingProgress(TrainingProgress.WARMUP_BATCHES, 100, 160, 3_200, 1, 0.5, 0.5, 4).etaKnown());
    }

    @Test
    void theTrainersTimeLeftLeavesTheWarmUpOut() {
        List<TrainingProgress> reports = new ArrayList<>();
        Trainer.train(
                CnnLstmModel.create(SMALL), TrainingConfig.defaults().withSequences(640), (p, h) -> reports.add(p));
        for (TrainingProgress p : reports) {
            assertEquals(p.iteration() > TrainingProgress.WARMUP_BATCHES, p.etaKnown(), "batch " + p.iteration());
        }
        TrainingProgress p = reports.get(9);
        double sinceWarmUp = p.elapsedSeconds()
                - reports.get(TrainingProgress.WARMUP_BATCHES - 1).elapsedSeconds();
        double rate = (p.sequencesDone() - 32.0 * TrainingProgress.WARMUP_BATCHES) / sinceWarmUp;
        assertEquals((640 - p.sequencesDone()) / rate, p.etaSeconds(), 1e-6);
    }

    @Test
    void throttlingPassesTheFirstAndLastReports() {
        List<Integer> seen = new ArrayList<>();
        ProgressListener l = ProgressListener.throttled((p, h) -> seen.add(p.iteration()), 60_000);
        for (int i = 1; i <= 5; i++) {
            l.onProgress(new TrainingProgress(i, 5, i, 5, 1, 1, Double.NaN, i), new TrainingHistory());
        }
        assertEquals(List.of(1, 5), seen);
    }

    @Test
    void badBudgetsAreRejected() {
        assertMessage(() -> TrainingConfig.defaults().withSequences(0), "sequences = 0", "1..10000000");
        assertMessage(() -> TrainingConfig.defaults().withBatchSize(0), "batchSize = 0", "1..4096");
        assertMessage(() -> TrainingConfig.defaults().withEpochs(-1), "epochs = -1");
        assertMessage(() -> Trainer.train(null, TrainingConfig.defaults()), "model", "null");
    }

    private static double mean(double[] v, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += v[i];
        }
        return s / (to - from);
    }
}
