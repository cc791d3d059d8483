package io.github.cnnlstm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The wrapping-line variant of notebook 2's experiment: lines that start anywhere and wrap around. */
class WrappingLineTest {
    private static final int SIZE = 20;

    @Test
    void eachFrameAddsOnePixelOneStepOnAlongTheDirectionWrappingAround() {
        LineSequenceGenerator generator = LineSequenceGenerator.wrapping(SIZE, 5);
        assertTrue(generator.isWrapping());
        assertFalse(new LineSequenceGenerator(SIZE, 5).isWrapping());
        for (LineSequence s : generator.sequences(400)) {
            Direction d = s.direction();
            for (int k = 1; k < SIZE; k++) {
                int along = d.isVertical() ? step(s.row(k - 1), s.row(k)) : step(s.col(k - 1), s.col(k));
                int cross = d.isVertical() ? step(s.col(k - 1), s.col(k)) : step(s.row(k - 1), s.row(k));
                int forward = d == Direction.DOWN || d == Direction.RIGHT ? 1 : -1;
                assertEquals(forward, along, s + " frame " + k);
                assertTrue(Math.abs(cross) <= 1, s + " frame " + k + " moved sideways by " + cross);
            }
            // a full line visits every position along its direction exactly once
            Set<Integer> alongs = new HashSet<>();
            for (int k = 0; k < SIZE; k++) {
                alongs.add(d.isVertical() ? s.row(k) : s.col(k));
            }
            assertEquals(SIZE, alongs.size(), s.toString());
            assertEquals(s.frame(SIZE - 1).length, SIZE);
        }
    }

    @Test
    void linesStartAnywhereNotOnAnEdge() {
        Set<Integer> startRows = new HashSet<>();
        Set<Integer> startCols = new HashSet<>();
        for (LineSequence s : LineSequenceGenerator.wrapping(SIZE, 1).sequences(2_000)) {
            startRows.add(s.row(0));
            startCols.add(s.col(0));
        }
        assertEquals(SIZE, startRows.size());
        assertEquals(SIZE, startCols.size());
        // the course's own lines start on the edge they grow from
        for (LineSequence s : new LineSequenceGenerator(SIZE, 1).sequences(200)) {
            int start = s.direction().isVertical() ? s.row(0) : s.col(0);
            assertTrue(start == 0 || start == SIZE - 1, s.toString());
        }
    }

    @Test
    void sideStepsAreSymmetricSoAFrameLooksTheSameForOppositeDirections() {
        // A frame is a set of pixels; a Right line read backwards is a Left line. With symmetric
        // side steps and a uniform start, the pixel sets of Right and Left frames have the same
        // statistics: here, how often the line's two ends are on the same row.
        double[] sameRow = new double[2];
        int[] count = new int[2];
        for (LineSequence s : LineSequenceGenerator.wrapping(SIZE, 9).sequences(8_000)) {
            if (s.direction() == Direction.RIGHT || s.direction() == Direction.LEFT) {
                int i = s.direction() == Direction.RIGHT ? 0 : 1;
                sameRow[i] += s.row(0) == s.row(SIZE / 2) ? 1 : 0;
                count[i]++;
            }
        }
        assertEquals(sameRow[0] / count[0], sameRow[1] / count[1], 0.03);
    }

    @Test
    void theSameSeedGivesTheSameLines() {
        assertEquals(
                LineSequenceGenerator.wrapping(SIZE, 3).sequences(50),
                LineSequenceGenerator.wrapping(SIZE, 3).sequences(50));
    }

    /** The signed step from a to b on a ring of SIZE positions: −1, 0 or +1 for neighbours. */
    private static int step(int a, int b) {
        int d = Math.floorMod(b - a, SIZE);
        return d > SIZE / 2 ? d - SIZE : d;
    }
}
