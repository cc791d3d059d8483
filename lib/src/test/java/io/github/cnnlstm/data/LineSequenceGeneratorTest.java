package io.github.cnnlstm.data;

import static io.github.cnnlstm.base.BadInput.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineSequenceGeneratorTest {

    @ParameterizedTest
    @ValueSource(ints = {4, 7, 50})
    void everySequenceFollowsTheGrowthRules(int size) {
        LineSequenceGenerator generator = new LineSequenceGenerator(size, 3);
        for (LineSequence s : generator.sequences(400)) {
            assertEquals(size, s.size());
            Direction d = s.direction();
            // starts at the edge the direction names
            switch (d) {
                case RIGHT -> assertEquals(0, s.col(0));
                case LEFT -> assertEquals(size - 1, s.col(0));
                case DOWN -> assertEquals(0, s.row(0));
                case UP -> assertEquals(size - 1, s.row(0));
            }
            for (int k = 1; k < size; k++) {
                int dr = s.row(k) - s.row(k - 1);
                int dc = s.col(k) - s.col(k - 1);
                int along = d.isVertical() ? dr : dc;
                int cross = d.isVertical() ? dc : dr;
                int expectedStep = (d == Direction.DOWN || d == Direction.RIGHT) ? 1 : -1;
                assertEquals(expectedStep, along, "one step along " + d + " at frame " + k);
                assertTrue(Math.abs(cross) <= 1, "sideways move " + cross + " at frame " + k);
                assertTrue(s.row(k) >= 0 && s.row(k) < size && s.col(k) >= 0 && s.col(k) < size, "in bounds");
            }
        }
    }

    @Test
    void frameKHasKPixelsAndFramesAccumulate() {
        LineSequence s = new LineSequenceGenerator(12, 5).sequence(0);
        boolean[][] previous = new boolean[12][12];
        for (int k = 0; k < 12; k++) {
            boolean[][] frame = s.frame(k);
            int count = 0;
            for (int r = 0; r < 12; r++) {
                for (int c = 0; c < 12; c++) {
                    if (frame[r][c]) {
                        count++;
                    } else {
                        assertTrue(!previous[r][c], "a pixel disappeared at frame " + k);
                    }
                }
            }
            assertEquals(k + 1, count, "pixels in frame " + k);
            assertTrue(frame[s.row(k)][s.col(k)], "newest pixel is set");
            previous = frame;
        }
    }

    @Test
    void sameSeedSameSequencesOtherSeedOtherSequences() {
        List<LineSequence> a = new LineSequenceGenerator(50, 11).sequences(50);
        List<LineSequence> b = new LineSequenceGenerator(50, 11).sequences(50);
        List<LineSequence> c = new LineSequenceGenerator(50, 12).sequences(50);
        assertEquals(a, b);
        assertNotEquals(a, c);
        // a sequence depends on its index only, not on what was generated before
        assertEquals(a.get(37), new LineSequenceGenerator(50, 11).sequence(37));
        assertEquals(a.subList(10, 20), new LineSequenceGenerator(50, 11).sequences(10, 10));
    }

    @Test
    void directionsAreRoughlyBalancedAndStartsCoverTheEdge() {
        Map<Direction, Integer> counts = new EnumMap<>(Direction.class);
        boolean[] starts = new boolean[10];
        for (LineSequence s : new LineSequenceGenerator(10, 8).sequences(4000)) {
            counts.merge(s.direction(), 1, Integer::sum);
            starts[s.direction().isVertical() ? s.col(0) : s.row(0)] = true;
        }
        for (Direction d : Direction.values()) {
            int n = counts.getOrDefault(d, 0);
            assertTrue(n > 850 && n < 1150, d + " drawn " + n + " times of 4000");
        }
        for (int i = 0; i < 10; i++) {
            assertTrue(starts[i], "no sequence starts at position " + i);
        }
    }

    @Test
    void labelIndicesAreAlphabetical() {
        assertEquals(
                List.of("Down", "Left", "Right", "Up"),
                List.of(Direction.values()).stream().map(Direction::label).toList());
        for (Direction d : Direction.values()) {
            assertEquals(d, Direction.ofIndex(d.index()));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Direction.ofIndex(4));
        assertTrue(e.getMessage().contains("4") && e.getMessage().contains("0..3"), e.getMessage());
    }

    @Test
    void firstOfFindsEachDirection() {
        LineSequenceGenerator g = new LineSequenceGenerator(20, 1);
        for (Direction d : Direction.values()) {
            assertEquals(d, g.firstOf(d).direction());
        }
    }

    @Test
    void badArgumentsAreRejectedWithTheValueAndTheRange() {
        assertMessage(() -> new LineSequenceGenerator(3, 1), "size = 3", "4..128");
        assertMessage(() -> new LineSequenceGenerator(129, 1), "size = 129", "4..128");
        LineSequenceGenerator g = new LineSequenceGenerator(10, 1);
        assertMessage(() -> g.sequences(0), "count = 0", ">= 1");
        assertMessage(() -> g.sequence(-1), "index = -1", ">= 0");
        assertMessage(() -> g.sequence(0).frame(10), "frame = 10", "0..9");
        assertMessage(() -> g.firstOf(null), "direction", "null");
    }
}
