package io.github.cnnlstm.data;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.base.NdArrays;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Turns sequences into the tensors the network reads.
 *
 * <p>Features use DL4J's recurrent layout {@code [examples, size*size, frames]} (NCW: each frame's
 * pixels flattened row by row); labels are one-hot {@code [examples, 4]} in {@link Direction} order.
 */
public final class SequenceTensors {
    private SequenceTensors() {}

    /** Features {@code [n, size*size, size]} for the given sequences, all of one size. */
    public static INDArray features(List<LineSequence> sequences) {
        int n = LineSequence.requireSameSize("sequences", sequences);
        INDArray features =
                Nd4j.createUninitialized(DataType.FLOAT, new long[] {sequences.size(), (long) n * n, n}, 'c');
        return features(sequences, features);
    }

    /**
     * The features of the given sequences written into {@code buffer}, a float c-order array
     * {@code [capacity, size*size, size]} with room for at least as many sequences: the buffer
     * itself, or a view of its first rows when there are fewer sequences. Writing into the same buffers
     * again spares the allocation and first touch of a fresh 16 MB per batch of 32.
     *
     * @throws IllegalArgumentException if the buffer has another type, order or shape, or too few rows
     */
    public static INDArray features(List<LineSequence> sequences, INDArray buffer) {
        int n = LineSequence.requireSameSize("sequences", sequences);
        Check.notNull("buffer", buffer);
        long[] shape = buffer.shape();
        if (!NdArrays.isPlainFloat(buffer)
                || shape.length != 3
                || shape[0] < sequences.size()
                || shape[1] != (long) n * n
                || shape[2] != n) {
            throw new IllegalArgumentException("buffer " + Arrays.toString(shape) + " " + buffer.dataType()
                    + ": need a plain float c-order array [at least " + sequences.size() + ", " + n * n + ", " + n
                    + "]");
        }
        // written straight into ND4J's memory: a batch of videos is large (16 MB for 32 of 50×50×50)
        FloatBuffer data = buffer.data().asNioFloat();
        int per = n * n * n;
        for (int i = 0; i < sequences.size(); i++) {
            sequences.get(i).writeFeatures(data, i * per);
        }
        return shape[0] == sequences.size() ? buffer : buffer.get(NDArrayIndex.interval(0, sequences.size()));
    }

    /**
     * Frame {@code frame} (0-based) of each sequence alone, {@code [n, size*size]}: the input of a
     * network that sees one image per video (DL4J's flat image layout, rows of pixels one after
     * another; {@code InputType.convolutionalFlat(size, size, 1)} reads it as an image).
     *
     * @throws IllegalArgumentException if {@code frame} is not in [0, size − 1]
     */
    public static INDArray frame(List<LineSequence> sequences, int frame) {
        int n = LineSequence.requireSameSize("sequences", sequences);
        Check.inRange("frame", frame, 0, n - 1);
        int per = n * n;
        float[] data = new float[sequences.size() * per];
        for (int i = 0; i < sequences.size(); i++) {
            sequences.get(i).writeFrame(frame, data, i * per);
        }
        return NdArrays.fromFloats(data, sequences.size(), per);
    }

    /** One frame of each sequence with its one-hot label: a data set of single images. */
    public static DataSet frameDataSet(List<LineSequence> sequences, int frame) {
        return new DataSet(frame(sequences, frame), labels(sequences));
    }

    /** One-hot labels {@code [n, 4]}. */
    public static INDArray labels(List<LineSequence> sequences) {
        LineSequence.requireSameSize("sequences", sequences);
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
