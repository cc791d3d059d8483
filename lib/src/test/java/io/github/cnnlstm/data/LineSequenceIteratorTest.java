package io.github.cnnlstm.data;

import static io.github.cnnlstm.base.BadInput.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class LineSequenceIteratorTest {

    @Test
    void yieldsBatchesOfTheRightShapeWithASmallerLastOne() {
        LineSequenceIterator it = new LineSequenceGenerator(8, 2).iterator(10, 4);
        assertEquals(3, it.batchCount());
        int[] sizes = new int[3];
        for (int b = 0; b < 3; b++) {
            DataSet ds = it.next();
            sizes[b] = ds.numExamples();
            assertArrayEquals(new long[] {sizes[b], 64, 8}, ds.getFeatures().shape());
            assertArrayEquals(new long[] {sizes[b], 4}, ds.getLabels().shape());
        }
        assertArrayEquals(new int[] {4, 4, 2}, sizes);
        assertFalse(it.hasNext());
        assertThrows(NoSuchElementException.class, it::next);
    }

    @Test
    void featuresAndLabelsEncodeTheSequences() {
        LineSequenceGenerator g = new LineSequenceGenerator(6, 9);
        DataSet ds = g.iterator(5, 5).next();
        List<LineSequence> expected = g.sequences(5);
        for (int i = 0; i < 5; i++) {
            LineSequence s = expected.get(i);
            INDArray labels = ds.getLabels().getRow(i);
            assertEquals(1.0, labels.getDouble(s.direction().index()));
            assertEquals(1.0, labels.sumNumber().doubleValue());
            for (int t = 0; t < 6; t++) {
                boolean[][] frame = s.frame(t);
                for (int r = 0; r < 6; r++) {
                    for (int c = 0; c < 6; c++) {
                        assertEquals(
                                frame[r][c] ? 1.0 : 0.0,
                                ds.getFeatures().getDouble(i, r * 6 + c, t),
                                "sequence " + i + " frame " + t + " pixel " + r + "," + c);
                    }
                }
            }
        }
    }

    @Test
    void resetReplaysTheSameData() {
        LineSequenceIterator it = new LineSequenceGenerator(8, 4).iterator(6, 3);
        DataSet first = it.next();
        it.next();
        it.reset();
        assertEquals(first.getFeatures(), it.next().getFeatures());
        assertEquals(List.of("Down", "Left", "Right", "Up"), it.getLabels());
    }

    @Test
    void badArgumentsAreRejected() {
        LineSequenceGenerator g = new LineSequenceGenerator(8, 4);
        assertMessage(() -> g.iterator(0, 3), "count = 0");
        assertMessage(() -> g.iterator(5, -2), "batchSize = -2");
        assertMessage(() -> new LineSequenceIterator(null, 5, 2), "generator", "null");
        assertMessage(() -> SequenceTensors.features(List.of()), "empty");
        assertMessage(
                () -> SequenceTensors.features(List.of(g.sequence(0), new LineSequenceGenerator(9, 1).sequence(0))),
                "sequences[1] has size 9");
    }
}
