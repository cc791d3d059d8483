package io.github.cnnlstm.data;

import io.github.cnnlstm.Check;
import io.github.cnnlstm.NdArrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Turns sequences into the tensors the network reads.
 *
 * <p>Features use DL4J's recurrent layout {@code [examples, size*size, frames]} (NCW: each frame's
 * pixels flattened row by row); labels are one-hot {@code [examples, 4]} in {@link Direction} order.
 */
public final class SequenceTensors {
    private SequenceTensors() {
    }

    /** Features {@code [n, size*size, size]} for the given sequences, all of one size. */
    public static INDArray features(List<LineSequence> sequences) {
        int n = checkSameSize(sequences);
        int per = n * n * n;
        float[] data = new float[sequences.size() * per];
        for (int i = 0; i < sequences.size(); i++) {
            sequences.get(i).writeFeatures(data, i * per);
        }
        return NdArrays.fromFloats(data, sequences.size(), (long) n * n, n);
    }

    /** One-hot labels {@code [n, 4]}. */
    public static INDArray labels(List<LineSequence> sequences) {
        checkSameSize(sequences);
        float[] data = new float[sequences.size() * Direction.COUNT];
        for (int i = 0; i < sequences.size(); i++) {
            data[i * Direction.COUNT + sequences.get(i).direction().index()] = 1f;
        }
        return NdArrays.fromFloats(data, sequences.size(), Direction.COUNT);
    }

    /** Features and labels together. */
    public static DataSet dataSet(List<LineSequence> sequences) {
        return new DataSet(features(sequences), labels(sequences));
    }

    /** The size shared by all sequences; rejects null, empty and mixed-size lists. */
    static int checkSameSize(List<LineSequence> sequences) {
        Check.notNull("sequences", sequences);
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("sequences is empty: give at least one sequence");
        }
        int size = Check.notNull("sequences[0]", sequences.get(0)).size();
        for (int i = 1; i < sequences.size(); i++) {
            int s = Check.notNull("sequences[" + i + "]", sequences.get(i)).size();
            if (s != size) {
                throw new IllegalArgumentException("sequences[" + i + "] has size " + s
                        + " but sequences[0] has size " + size + ": all must have the same size");
            }
        }
        return size;
    }
}
