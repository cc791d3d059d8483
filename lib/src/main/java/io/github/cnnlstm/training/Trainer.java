package io.github.cnnlstm.training;

import io.github.cnnlstm.Check;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.data.LineSequenceIterator;
import io.github.cnnlstm.model.CnnLstmModel;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Trains a {@link CnnLstmModel} on freshly generated sequences, recording a {@link TrainingHistory}.
 *
 * <p>Interrupting the training thread (Jupyter's stop button) ends training after the current
 * mini-batch: the model keeps what it learned so far and the history says it was interrupted.
 */
public final class Trainer {
    /** Batches generated ahead of training (the smallest queue DL4J's prefetch iterator allows). */
    private static final int PREFETCHED_BATCHES = 2;

    private Trainer() {
    }

    /** Trains with the given budget, reporting progress after every mini-batch. */
    public static TrainingHistory train(CnnLstmModel model, TrainingConfig config, ProgressListener listener) {
        TrainingHistory history = new TrainingHistory();
        train(model, config, history, listener);
        return history;
    }

    /**
     * Trains with the given budget, recording into {@code history} as it goes. Create the history
     * in its own notebook cell: if the training cell is stopped, the history still says how far
     * training got and that it was interrupted.
     */
    public static void train(CnnLstmModel model, TrainingConfig config, TrainingHistory history,
                             ProgressListener listener) {
        Check.notNull("model", model);
        Check.notNull("config", config);
        Check.notNull("history", history);
        Check.notNull("listener", listener);
        if (history.iterations() > 0) {
            throw new IllegalArgumentException("history already holds " + history.iterations()
                    + " batches: give a new TrainingHistory for each training run");
        }
        MultiLayerNetwork net = model.network();
        LineSequenceIterator source = new LineSequenceGenerator(model.size(), config.seed())
                .iterator(config.sequences(), config.batchSize());
        int total = config.batchesPerEpoch() * config.epochs();
        long totalSequences = (long) config.sequences() * config.epochs();
        long start = System.nanoTime();
        int iteration = 0;
        long seen = 0;
        double accuracy = Double.NaN;
        boolean stopped = false;
        boolean completed = false;
        history.start();
        // The next batches are generated on DL4J's prefetch thread while this one trains (outside any
        // workspace: each batch is closed below once trained on).
        AsyncDataSetIterator batches = new AsyncDataSetIterator(source, PREFETCHED_BATCHES, false);
        try {
            epochs:
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                if (epoch > 1) {
                    batches.reset();
                }
                while (true) {
                    if (Thread.currentThread().isInterrupted()) {
                        stopped = true;
                        break epochs;
                    }
                    boolean more;
                    try {
                        more = batches.hasNext();
                    } catch (RuntimeException e) {
                        // an interrupt while waiting for a batch arrives wrapped, with the flag cleared
                        if (!(e.getCause() instanceof InterruptedException)) {
                            throw e;
                        }
                        Thread.currentThread().interrupt();
                        stopped = true;
                        break epochs;
                    }
                    if (!more) {
                        break;
                    }
                    DataSet batch = batches.next();
                    boolean measure = iteration % config.accuracyEvery() == 0;
                    if (measure) {
                        // Measured before the batch is trained on: an honest estimate on unseen data.
                        accuracy = accuracy(net.output(batch.getFeatures(), false), batch.getLabels());
                    }
                    net.fit(batch);
                    iteration++;
                    seen += batch.numExamples();
                    double loss = net.score();
                    // Free the batch's native memory now rather than when the garbage collector
                    // gets to it: keeps the process size flat however many sequences are trained.
                    batch.getFeatures().close();
                    batch.getLabels().close();
                    history.record(seen, loss, measure ? accuracy : Double.NaN);
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    listener.onProgress(new TrainingProgress(iteration, total, seen, totalSequences, epoch,
                            loss, accuracy, elapsed), history);
                }
            }
            completed = !stopped;
        } finally {
            shutdown(batches);
            // not completed: interrupted between batches, or stopped inside one (e.g. by the kernel)
            history.finish(completed, (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Stops the prefetch thread. DL4J's shutdown joins that thread, which fails if this thread is
     * interrupted: the flag is set aside meanwhile and kept for the caller.
     */
    private static void shutdown(AsyncDataSetIterator batches) {
        boolean interrupted = Thread.interrupted();
        try {
            batches.shutdown();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Trains with the given budget and no progress reports. */
    public static TrainingHistory train(CnnLstmModel model, TrainingConfig config) {
        return train(model, config, ProgressListener.none());
    }

    /** Fraction of rows whose highest probability is on the labelled class. */
    static double accuracy(INDArray probabilities, INDArray oneHotLabels) {
        INDArray predicted = probabilities.argMax(1);
        INDArray expected = oneHotLabels.argMax(1);
        return predicted.eq(expected).castTo(DataType.FLOAT).meanNumber().doubleValue();
    }
}
