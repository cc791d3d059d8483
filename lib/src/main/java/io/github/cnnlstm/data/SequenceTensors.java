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
        int n = Check.sequences("sequences", sequences);
        int per = n * n * n;
        float[] data = new float[sequences.size() * per];
        for (int i = 0; i < sequences.size(); i++) {
            sequences.get(i).writeFeatures(data, i * per);
        }
        return NdArrays.fromFloats(data, sequences.size(), (long) n * n, n);
    }

    /** One-hot labels {@code [n, 4]}. */
    public static INDArray labels(List<LineSequence> sequences) {
        Check.sequences("sequences", sequences);
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
}
