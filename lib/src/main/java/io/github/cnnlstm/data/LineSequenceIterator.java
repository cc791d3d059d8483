package io.github.cnnlstm.data;

import io.github.cnnlstm.base.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * Streams {@code count} sequences of a {@link LineSequenceGenerator} as DL4J mini-batches,
 * generating each batch only when asked, so memory stays flat however many sequences it yields.
 * The last batch is smaller when {@code count} is not a multiple of the batch size.
 * {@link #reset()} replays the same sequences.
 */
public final class LineSequenceIterator implements DataSetIterator {
    private static final long serialVersionUID = 1L;

    private final LineSequenceGenerator generator;
    private final int count;
    private final int batchSize;
    private int position;
    private DataSetPreProcessor preProcessor;

    /**
     * @param generator where the sequences come from
     * @param count     how many sequences in total, ≥ 1
     * @param batchSize sequences per batch, ≥ 1
     */
    public LineSequenceIterator(LineSequenceGenerator generator, int count, int batchSize) {
        this.generator = Check.notNull("generator", generator);
        this.count = Check.positive("count", count);
        this.batchSize = Check.positive("batchSize", batchSize);
    }

    /** Total sequences this iterator yields per pass. */
    public int count() {
        return count;
    }

    /** Number of batches per pass. */
    public int batchCount() {
        return (count + batchSize - 1) / batchSize;
    }

    /** The sequences of the next batch, without turning them into tensors. */
    public List<LineSequence> nextSequences(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + count + " sequences have been read; call reset()");
        }
        Check.positive("num", num);
        int n = Math.min(num, count - position);
        List<LineSequence> batch = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            batch.add(generator.sequence(position + i));
        }
        position += n;
        return batch;
    }

    @Override
    public DataSet next(int num) {
        DataSet ds = SequenceTensors.dataSet(nextSequences(num));
        if (preProcessor != null) {
            preProcessor.preProcess(ds);
        }
        return ds;
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public boolean hasNext() {
        return position < count;
    }

    @Override
    public int inputColumns() {
        return generator.size() * generator.size();
    }

    @Override
    public int totalOutcomes() {
        return Direction.COUNT;
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return true;
    }

    @Override
    public void reset() {
        position = 0;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return Direction.labels();
    }
}
