package io.github.cnnlstm.base;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Which arrays are read in place: a whole buffer, and a view of its first rows (the last, shorter
 * batch of an epoch is one), which then reads without a copy and as the same kind of buffer as every
 * other batch; any other view is copied, and every one reads its own values.
 */
class NdArraysTest {
    private static INDArray batch() {
        return Nd4j.arange(0, 4 * 3 * 2).castTo(DataType.FLOAT).reshape('c', 4, 3, 2);
    }

    @Test
    void aWholeBufferAndItsFirstRowsAreReadInPlace() {
        INDArray whole = batch();
        INDArray firstRows = whole.get(NDArrayIndex.interval(0, 2));
        assertTrue(NdArrays.isPlainFloat(whole));
        assertTrue(NdArrays.isPlainFloat(firstRows));
        assertTrue(NdArrays.floats(firstRows).isDirect(), "read in place, not copied");
        assertArrayEquals(firstRows.dup().reshape(firstRows.length()).toFloatVector(), NdArrays.toFloats(firstRows));
        float[] read = new float[(int) firstRows.length()];
        NdArrays.floats(firstRows).get(0, read);
        assertArrayEquals(firstRows.dup().reshape(firstRows.length()).toFloatVector(), read);
    }

    @Test
    void otherViewsAreCopied() {
        INDArray whole = batch();
        INDArray laterRows = whole.get(NDArrayIndex.interval(1, 3));
        INDArray columns = whole.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2), NDArrayIndex.all());
        INDArray transposed = whole.permute(2, 1, 0);
        for (INDArray view : new INDArray[] {laterRows, columns, transposed}) {
            assertFalse(NdArrays.isPlainFloat(view), view.shapeInfoToString());
            assertArrayEquals(view.dup('c').reshape(view.length()).toFloatVector(), NdArrays.toFloats(view));
        }
    }

    @Test
    void writesReachTheFirstRowsOnly() {
        INDArray whole = batch();
        INDArray firstRows = whole.get(NDArrayIndex.interval(0, 1));
        NdArrays.copyInto(firstRows, new double[] {-1, -2, -3, -4, -5, -6});
        assertArrayEquals(
                new float[] {-1, -2, -3, -4, -5, -6},
                whole.get(NDArrayIndex.point(0)).dup().reshape(6).toFloatVector());
        assertArrayEquals(
                new float[] {6, 7, 8, 9, 10, 11},
                whole.get(NDArrayIndex.point(1)).dup().reshape(6).toFloatVector());
    }

    @Test
    void writesReachAnFOrderViewInItsOwnOrder() {
        // a parameter's gradient view: f order, inside a larger buffer; its transpose is c order
        INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 2 + 6 + 2);
        INDArray view =
                flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(2, 8)).reshape('f', 3, 2);
        NdArrays.copyInto(view.transpose(), new float[] {1, 2, 3, 4, 5, 6});
        assertArrayEquals(
                new float[] {0, 0, 1, 2, 3, 4, 5, 6, 0, 0},
                flat.dup().reshape(10).toFloatVector());
        assertArrayEquals(
                new float[] {1, 4, 2, 5, 3, 6}, view.dup('c').reshape(6).toFloatVector());
    }
}
