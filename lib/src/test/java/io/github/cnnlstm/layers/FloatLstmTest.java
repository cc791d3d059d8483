package io.github.cnnlstm.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The float LSTM's own activation functions, against the exact ones. */
class FloatLstmTest {

    @Test
    void tanhAndSigmoidAreWithinAFewFloatRoundingsOfTheExactValues() {
        double tanhError = 0;
        double sigmoidError = 0;
        for (int k = -2_000_000; k <= 2_000_000; k++) {
            float x = k / 50_000f; // [-40, 40]
            tanhError = Math.max(tanhError, Math.abs(FloatLstm.tanh(x) - Math.tanh(x)));
            sigmoidError = Math.max(sigmoidError, Math.abs(FloatLstm.sigmoid(x) - 1 / (1 + Math.exp(-x))));
        }
        assertTrue(tanhError < 4e-7, "tanh is off by " + tanhError);
        assertTrue(sigmoidError < 3e-7, "sigmoid is off by " + sigmoidError);
    }

    @Test
    void activationsKeepTheirSymmetryAndLimits() {
        for (float x : new float[] {0.001f, 0.5f, 3f, 8f, 100f, Float.MAX_VALUE}) {
            assertEquals(-FloatLstm.tanh(x), FloatLstm.tanh(-x), 0f);
            assertTrue(Math.abs(FloatLstm.tanh(x)) <= 1f);
        }
        assertEquals(0f, FloatLstm.tanh(0f), 0f);
        assertEquals(0.5f, FloatLstm.sigmoid(0f), 0f);
        assertEquals(1f, FloatLstm.sigmoid(100f), 1e-6f);
        assertEquals(0f, FloatLstm.sigmoid(-100f), 2e-7f);
    }
}
