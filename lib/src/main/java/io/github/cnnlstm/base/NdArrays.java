package io.github.cnnlstm.base;

import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Bulk copies between Java arrays and ND4J arrays. ND4J's {@code Nd4j.create(float[])} copies
 * element by element; these copy the whole block at once.
 */
public final class NdArrays {
    private NdArrays() {}

    /** A new c-order float array of the given shape holding {@code values}. */
    public static INDArray fromFloats(float[] values, long... shape) {
        INDArray array = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        if (array.length() != values.length) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + Arrays.toString(shape));
        }
        array.data().asNioFloat().put(values, 0, values.length);
        return array;
    }

    /**
     * Writes {@code values} (c order) into {@code target}, which must be float: in place when its
     * elements are contiguous in c order, wherever they start in its buffer (such as a gradient view,
     * or the transpose of an f-order one), else through a copy.
     */
    public static INDArray copyInto(INDArray target, float[] values) {
        if (target.length() != values.length) {
            throw new IllegalArgumentException(
                    "cannot copy " + values.length + " values into an array of " + target.length());
        }
        if (target.dataType() == DataType.FLOAT && target.ordering() == 'c' && target.elementWiseStride() == 1) {
            // a view's buffer spans the whole allocation, and its offset counts from the start of it
            FloatBuffer memory = target.data().asNioFloat();
            if (memory.capacity() >= target.offset() + values.length) {
                memory.put((int) target.offset(), values, 0, values.length);
                return target;
            }
        }
        return target.assign(fromFloats(values, target.shape()));
    }

    /** The values of {@code array} in c order, as a new Java array. */
    public static float[] toFloats(INDArray array) {
        INDArray a = isPlainFloat(array) ? array : array.castTo(DataType.FLOAT).dup('c');
        float[] values = new float[(int) a.length()];
        a.data().asNioFloat().get(values, 0, values.length);
        return values;
    }

    /**
     * The values of {@code array} in c order as a buffer over its own memory when it is a plain float
     * array (no copy; valid while the array is), otherwise over a Java copy. Use absolute reads and
     * writes only: the buffer may be shared.
     */
    public static FloatBuffer floats(INDArray array) {
        return isPlainFloat(array) ? array.data().asNioFloat() : FloatBuffer.wrap(toFloats(array));
    }

    /**
     * A float array's memory with its element offset and strides: element (i, j, …) is at {@code
     * offset + i·strides[0] + j·strides[1] + …}.
     */
    public record Strided(FloatBuffer buffer, long offset, long[] strides) {}

    /**
     * {@code array} as {@link Strided}: in place when it is float and its last dimension contiguous
     * (such as a permuted view), otherwise a c-order Java copy.
     */
    public static Strided strided(INDArray array) {
        int last = array.rank() - 1;
        if (array.dataType() == DataType.FLOAT && (array.stride(last) == 1 || array.size(last) == 1)) {
            return new Strided(array.data().asNioFloat(), array.offset(), array.stride());
        }
        INDArray copy = array.castTo(DataType.FLOAT).dup('c');
        return new Strided(FloatBuffer.wrap(toFloats(copy)), 0, copy.stride());
    }

    /** Writes {@code values} (c order) into {@code target}, of any floating-point type. */
    public static INDArray copyInto(INDArray target, double[] values) {
        if (target.length() != values.length) {
            throw new IllegalArgumentException(
                    "cannot copy " + values.length + " values into an array of " + target.length());
        }
        INDArray source = Nd4j.createUninitialized(DataType.DOUBLE, target.shape(), 'c');
        source.data().asNioDouble().put(values, 0, values.length);
        return target.assign(source);
    }

    /** The values of {@code array} in c order, as a new Java array of doubles. */
    public static double[] toDoubles(INDArray array) {
        INDArray a = array.dataType() == DataType.DOUBLE && isPlain(array)
                ? array
                : array.castTo(DataType.DOUBLE).dup('c');
        double[] values = new double[(int) a.length()];
        a.data().asNioDouble().get(values, 0, values.length);
        return values;
    }

    /**
     * Float, c order, contiguous, and at the start of its buffer (the whole buffer, or a view of its
     * first rows, such as the last, shorter batch of an epoch): {@link #floats} reads it in place.
     */
    public static boolean isPlainFloat(INDArray a) {
        return a.dataType() == DataType.FLOAT && isPlain(a);
    }

    /**
     * C order, contiguous, at the start of its buffer: its elements are the buffer's first {@code
     * a.length()}.
     */
    private static boolean isPlain(INDArray a) {
        return a.ordering() == 'c'
                && a.elementWiseStride() == 1
                && a.offset() == 0
                && a.data().length() >= a.length();
    }
}
