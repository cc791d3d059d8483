package io.github.cnnlstm.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The moving-dot variant and single-frame data used by the course's baselines. */
class MovingDotTest {

    @Test
    void aMovingDotFollowsTheSamePathButShowsOnlyTheNewestPixel() {
        LineSequence line = new LineSequenceGenerator(12, 3).sequence(4);
        LineSequence dot = LineSequenceGenerator.movingDot(12, 3).sequence(4);
        assertTrue(dot.isMovingDot());
        assertFalse(line.isMovingDot());
        assertEquals(line.direction(), dot.direction());
        assertNotEquals(line, dot);
        for (int k = 0; k < 12; k++) {
            assertEquals(line.row(k), dot.row(k));
            assertEquals(line.col(k), dot.col(k));
            assertEquals(1L, count(dot.frame(k)), "frame " + k + " of a dot has one pixel");
            assertTrue(dot.frame(k)[dot.row(k)][dot.col(k)]);
            assertEquals(k + 1L, count(line.frame(k)));
        }
    }

    @Test
    void featuresOfAMovingDotAreOneInItsOwnFrameOnly() {
        LineSequence dot = LineSequenceGenerator.movingDot(8, 1).sequence(0);
        INDArray f = SequenceTensors.features(List.of(dot)); // [1, 64, 8]
        for (int t = 0; t < 8; t++) {
            assertEquals(1.0, f.get(point(0), all(), point(t)).sumNumber().doubleValue(), 1e-9);
            assertEquals(1.0, f.getDouble(0, dot.row(t) * 8 + dot.col(t), t), 1e-9);
        }
    }

    @Test
    void aSingleFrameTensorIsThatFrameOfTheSequenceTensor() {
        List<LineSequence> videos = new LineSequenceGenerator(10, 7).sequences(5);
        INDArray all = SequenceTensors.features(videos);
        for (int frame : new int[] {0, 4, 9}) {
            INDArray one = SequenceTensors.frame(videos, frame);
            assertEquals(List.of(5L, 100L), List.of(one.size(0), one.size(1)));
            for (int i = 0; i < 5; i++) {
                for (int p = 0; p < 100; p++) {
                    assertEquals(all.getDouble(i, p, frame), one.getDouble(i, p), 0);
                }
            }
        }
        var data = SequenceTensors.frameDataSet(videos, 3);
        assertEquals(SequenceTensors.labels(videos), data.getLabels());
    }

    @Test
    void aFrameOutsideTheVideoIsRejectedWithTheRange() {
        List<LineSequence> videos = new LineSequenceGenerator(10, 7).sequences(2);
        var e = assertThrows(IllegalArgumentException.class, () -> SequenceTensors.frame(videos, 10));
        assertTrue(e.getMessage().contains("frame = 10") && e.getMessage().contains("9"), e.getMessage());
    }

    private static long count(boolean[][] image) {
        return Arrays.stream(image)
                .flatMapToInt(row -> IntStream.range(0, row.length).map(c -> row[c] ? 1 : 0))
                .sum();
    }
}
