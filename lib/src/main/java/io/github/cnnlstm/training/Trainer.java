package io.github.cnnlstm.training;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.data.LineSequenceIterator;
import io.github.cnnlstm.data.SequenceTensors;
import io.github.cnnlstm.model.CnnLstmModel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a {@link CnnLstmModel} on freshly generated sequences, recording a {@link TrainingHistory}.
 *
 * <p>Interrupting the training thread (Jupyter's stop button) ends training after the current
 * mini-batch: the model keeps what it learned so far, the history says it was interrupted, and
 * the listener is told with {@link ProgressListener#onStop}.
 */
public final class Trainer {
    private Trainer() {}

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
    public static void train(
            CnnLstmModel model, TrainingConfig config, TrainingHistory history, ProgressListener listener) {
        Check.notNull("model", model);
        Check.notNull("config", config);
        Check.notNull("history", history);
        Check.notNull("listener", listener);
        if (history.iterations() > 0) {
            throw new IllegalArgumentException("history already holds " + history.iterations()
                    + " batches: give a new TrainingHistory for each training run");
        }
        Run run = new Run(model, config, history, listener);
        boolean completed = false;
        try {
            completed = run.allEpochs();
        } finally {
            // not completed: interrupted between batches, or stopped inside one (e.g. by the kernel)
            run.finish(completed);
        }
    }

    /**
     * One training run: the batches, their two feature buffers, the prefetch thread, the counters
     * and the last progress report.
     */
    private static final class Run {
        private final MultiLayerNetwork net;
        private final TrainingConfig config;
        private final TrainingHistory history;
        private final ProgressListener listener;
        private final LineSequenceIterator batches;
        private final int total;
        private final long totalSequences;
        private final long start = System.nanoTime();
        private final INDArray[] buffers;
        /** Accuracy read off each measured training step's own forward pass, not a second one. */
        private final BatchAccuracy batchAccuracy = new BatchAccuracy();

        private final Collection<TrainingListener> listenersBefore;
        private final ExecutorService prefetch;
        private int iteration;
        private long seen;
        private double accuracy = Double.NaN;
        // the time left is estimated from the speed after warm-up (see TrainingProgress.WARMUP_BATCHES)
        private long seenAtWarm;
        private double secondsAtWarm;
        private TrainingProgress last;

        Run(CnnLstmModel model, TrainingConfig config, TrainingHistory history, ProgressListener listener) {
            this.net = model.network();
            this.config = config;
            this.history = history;
            this.listener = listener;
            this.batches = new LineSequenceGenerator(model.size(), config.seed())
                    .iterator(config.sequences(), config.batchSize());
            this.total = config.batchesPerEpoch() * config.epochs();
            this.totalSequences = (long) config.sequences() * config.epochs();
            this.last = new TrainingProgress(0, total, 0, totalSequences, 1, Double.NaN, Double.NaN, 0);
            this.buffers = buffers(config.batchSize(), model.size());
            history.start();
            this.listenersBefore = new ArrayList<>(net.getListeners());
            net.addListeners(batchAccuracy);
            this.prefetch = prefetchThread();
        }

        /**
         * Two feature buffers, written in turn: batch k+1 is generated into one while batch k trains
         * from the other. Memory stays flat, and no batch pays for fresh memory.
         */
        private static INDArray[] buffers(int batchSize, int size) {
            INDArray[] buffers = new INDArray[2];
            for (int i = 0; i < buffers.length; i++) {
                buffers[i] =
                        Nd4j.createUninitialized(DataType.FLOAT, new long[] {batchSize, (long) size * size, size}, 'c');
            }
            return buffers;
        }

        /**
         * The thread that generates the next batch while this one trains. Not DL4J's
         * AsyncDataSetIterator: it trained 4-35% slower in bench runs alternating the two, and it
         * turns a stop into a wrapped exception, an ERROR log line and a failing shutdown.
         */
        private static ExecutorService prefetchThread() {
            return Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "cnn-lstm-batches");
                t.setDaemon(true);
                return t;
            });
        }

        /** Every epoch; false if the thread was interrupted (a stop) before the end. */
        boolean allEpochs() {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                if (!epoch(epoch)) {
                    return false;
                }
            }
            return true;
        }

        /** One pass over the batches, each reported to the listener; false if stopped. */
        private boolean epoch(int epoch) {
            batches.reset();
            int current = 0; // the buffer holding the batch that pending delivers
            Future<DataSet> pending = prefetch.submit(() -> next(batches, buffers, 0));
            while (pending != null) {
                DataSet batch = await(pending);
                if (batch == null) {
                    return false;
                }
                // into the other buffer: this batch's stays untouched until it is trained on
                int other = 1 - current;
                pending = batches.hasNext() ? prefetch.submit(() -> next(batches, buffers, other)) : null;
                current = other;
                fit(batch, epoch);
                if (Thread.currentThread().isInterrupted()) {
                    return false; // stopped during this batch: report the stop, not progress
                }
                listener.onProgress(last, history);
            }
            return true;
        }

        /** The prefetched batch, or null if the thread is interrupted before or while waiting. */
        private static DataSet await(Future<DataSet> pending) {
            if (Thread.currentThread().isInterrupted()) {
                return null;
            }
            try {
                return pending.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (ExecutionException e) {
                throw new IllegalStateException("generating a training batch failed", e.getCause());
            }
        }

        /** Trains on one batch (measuring its accuracy first on every n-th), records it and sets {@link #last}. */
        private void fit(DataSet batch, int epoch) {
            boolean measure = iteration % config.accuracyEvery() == 0;
            if (measure) {
                batchAccuracy.measure(batch.getLabels());
            }
            net.fit(batch);
            if (measure) {
                accuracy = batchAccuracy.result();
            }
            iteration++;
            seen += batch.numExamples();
            double loss = net.score();
            batch.getLabels().close();
            history.record(seen, loss, measure ? accuracy : Double.NaN);
            double elapsed = elapsedSeconds();
            last = new TrainingProgress(
                    iteration, total, seen, totalSequences, epoch, loss, accuracy, elapsed, etaSeconds(elapsed));
        }

        /** Seconds left, from the speed since warm-up; NaN until warm-up is over. */
        private double etaSeconds(double elapsed) {
            if (iteration == TrainingProgress.WARMUP_BATCHES) {
                seenAtWarm = seen;
                secondsAtWarm = elapsed;
            }
            return iteration <= TrainingProgress.WARMUP_BATCHES
                    ? Double.NaN
                    : TrainingProgress.eta(
                            iteration, totalSequences - seen, seen - seenAtWarm, elapsed - secondsAtWarm);
        }

        private double elapsedSeconds() {
            return (System.nanoTime() - start) / 1e9;
        }

        /**
         * Puts the network's listeners back, stops the prefetch thread, frees native memory, closes
         * the history and, unless the run completed, tells the listener it stopped.
         */
        void finish(boolean completed) {
            net.setListeners(listenersBefore);
            prefetch.shutdownNow();
            awaitQuietly(prefetch);
            // native memory back now rather than when the garbage collector gets to it; the network
            // lets go of its last input first
            net.clear();
            for (INDArray b : buffers) {
                b.close();
            }
            history.finish(completed, elapsedSeconds());
            if (!completed) {
                reportStop(listener, last, history);
            }
        }
    }

    /** The next batch of {@code batches}, its features written into {@code buffers[slot]}. */
    private static DataSet next(LineSequenceIterator batches, INDArray[] buffers, int slot) {
        List<LineSequence> sequences = batches.nextSequences(batches.batch());
        return new DataSet(SequenceTensors.features(sequences, buffers[slot]), SequenceTensors.labels(sequences));
    }

    /** Waits for the prefetch thread to stop, so it no longer writes into the buffers about to be freed. */
    private static void awaitQuietly(ExecutorService prefetch) {
        boolean interrupted = Thread.interrupted();
        try {
            while (!prefetch.awaitTermination(10, TimeUnit.SECONDS)) {
                // a batch takes milliseconds to write; keep waiting rather than free memory in use
            }
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Tells the listener about the stop with the thread's interrupt flag cleared, then sets it
     * again: a notebook display update writes to the kernel's sockets, and an interrupted thread
     * writing to an NIO channel would close it. A failing listener does not hide why training ended.
     */
    private static void reportStop(ProgressListener listener, TrainingProgress last, TrainingHistory history) {
        boolean interrupted = Thread.interrupted();
        try {
            listener.onStop(last, history);
        } catch (RuntimeException e) {
            // training already ended for a reason of its own; the display is secondary
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

    /**
     * The accuracy of a batch measured in the training step's forward pass, with the weights from
     * before the step: an honest estimate on data the network has not yet seen, at no extra cost.
     * The output layer's scores h·W + b are computed from the activations DL4J hands its listeners
     * (those up to the layer before the output layer); softmax does not change which class is highest.
     */
    private static final class BatchAccuracy extends BaseTrainingListener {
        private INDArray labels;
        private double accuracy = Double.NaN;

        /** Measure the next forward pass, whose labels are {@code labels}. */
        void measure(INDArray labels) {
            this.labels = labels;
            this.accuracy = Double.NaN;
        }

        double result() {
            labels = null;
            return accuracy;
        }

        @Override
        public void onForwardPass(Model model, List<INDArray> activations) {
            if (labels == null) {
                return;
            }
            Layer output = ((MultiLayerNetwork) model).getOutputLayer();
            INDArray scores = activations
                    .get(activations.size() - 1)
                    .mmul(output.getParam(DefaultParamInitializer.WEIGHT_KEY))
                    .addiRowVector(output.getParam(DefaultParamInitializer.BIAS_KEY));
            accuracy = accuracy(scores, labels);
            labels = null;
        }
    }

    /** Fraction of rows whose highest probability (or score) is on the labelled class. */
    static double accuracy(INDArray probabilities, INDArray oneHotLabels) {
        INDArray predicted = probabilities.argMax(1);
        INDArray expected = oneHotLabels.argMax(1);
        return predicted.eq(expected).castTo(DataType.FLOAT).meanNumber().doubleValue();
    }
}
