package io.github.cnnlstm.model;

import static io.github.cnnlstm.base.BadInput.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Every setting outside what ModelConfig accepts is refused with a message naming it and what is allowed. */
class ModelConfigTest {
    private static ModelConfig config(int size, int filters, int kernel, int pool, int units, double rate) {
        return new ModelConfig(size, filters, kernel, pool, units, rate, 1);
    }

    @Test
    void eachSettingOutOfRangeIsNamedWithWhatIsAllowed() {
        for (int size : new int[] {Integer.MIN_VALUE, -1, 0, 3, 129, Integer.MAX_VALUE}) {
            assertMessage(() -> config(size, 2, 2, 2, 50, 1e-3), "size = " + size, "4..128");
        }
        for (int filters : new int[] {Integer.MIN_VALUE, -1, 0, 65, Integer.MAX_VALUE}) {
            assertMessage(() -> config(8, filters, 2, 2, 50, 1e-3), "filters = " + filters, "1..64");
        }
        for (int kernel : new int[] {Integer.MIN_VALUE, -1, 0, 17, Integer.MAX_VALUE}) {
            assertMessage(() -> config(32, 2, kernel, 2, 50, 1e-3), "kernelSize = " + kernel, "1..16");
        }
        for (int pool : new int[] {Integer.MIN_VALUE, -1, 0, 17, Integer.MAX_VALUE}) {
            assertMessage(() -> config(32, 2, 2, pool, 50, 1e-3), "poolSize = " + pool, "1..16");
        }
        for (int units : new int[] {Integer.MIN_VALUE, -1, 0, 1025, Integer.MAX_VALUE}) {
            assertMessage(() -> config(8, 2, 2, 2, units, 1e-3), "lstmUnits = " + units, "1..1024");
        }
        double[] rates = {0, -0.0, -1e-3, 1.0000001, 2, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (double rate : rates) {
            assertMessage(() -> config(8, 2, 2, 2, 50, rate), "learningRate = " + rate, "(0, 1]");
        }
    }

    @Test
    void windowsThatDoNotFitTheImageAreNamedWithTheRule() {
        // a kernel larger than the image
        assertMessage(
                () -> config(4, 2, 5, 1, 50, 1e-3), "kernelSize = 5", "size = 4", "kernelSize + poolSize <= size + 1");
        assertMessage(() -> config(8, 2, 16, 1, 50, 1e-3), "kernelSize = 16", "size = 8");
        // a pool larger than the convolution's map
        assertMessage(() -> config(4, 2, 2, 4, 50, 1e-3), "poolSize = 4", "size = 4");
        assertMessage(() -> config(16, 2, 16, 2, 50, 1e-3), "kernelSize = 16", "poolSize = 2", "size = 16");
        assertMessage(() -> config(10, 2, 1, 11, 50, 1e-3), "poolSize = 11", "size = 10");
        // one setting at a time through the withers: the message names the pair that clashes
        assertMessage(() -> ModelConfig.defaults().withSize(4).withKernelSize(4), "kernelSize = 4", "poolSize = 2");
    }

    @Test
    void tooManyParametersAreNamedWithTheLimit() {
        // the largest of everything: about a billion parameters
        assertMessage(
                () -> config(128, 64, 1, 1, 1024, 1e-3),
                "size = 128",
                "filters = 64",
                "lstmUnits = 1024",
                "allowed at most " + ModelConfig.MAX_PARAMETERS);
        assertMessage(() -> config(12, 64, 1, 1, 1024, 1e-3), "parameters: allowed at most 33554432");
        // just within the limit
        config(8, 64, 1, 1, 1024, 1e-3);
    }

    @Test
    void theVisibleSideIsWhatPoolingKeepsPlusTheKernel() {
        assertEquals(49, ModelConfig.defaults().visibleSide(), "2×2 pooling of the 49×49 map drops image row 49");
        assertEquals(50, ModelConfig.defaults().withKernelSize(3).visibleSide());
        assertEquals(50, ModelConfig.defaults().withPoolSize(1).visibleSide());
        assertEquals(46, ModelConfig.defaults().withPoolSize(5).visibleSide());
    }
}
