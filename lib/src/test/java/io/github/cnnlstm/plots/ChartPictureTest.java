package io.github.cnnlstm.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

/** The still picture draws what the chart holds: its series where their values are, in their colours. */
class ChartPictureTest {
    private static final Color RED = Color.decode("#d62728");

    private static Chart chart(double level) {
        return new Chart(
                        "a title",
                        new Chart.Axis("x"),
                        new Chart.Axis("y").range(0, 1).percent())
                .add(new Chart.Series("flat", new double[] {1, 50}, new double[] {level, level}).color("#d62728"));
    }

    /** Rows of the image holding a pixel of {@code colour}. */
    private static int[] rowsWith(BufferedImage image, Color colour) {
        return java.util.stream.IntStream.range(0, image.getHeight())
                .filter(y -> java.util.stream.IntStream.range(0, image.getWidth())
                        .anyMatch(x -> (image.getRGB(x, y) & 0xFFFFFF) == (colour.getRGB() & 0xFFFFFF)))
                .toArray();
    }

    @Test
    void aLineIsDrawnInItsColourAtItsHeight() {
        Picture low = ChartPicture.draw(chart(0.25), "low");
        Picture high = ChartPicture.draw(chart(0.75), "high");
        assertEquals(Chart.WIDTH, low.getWidth());
        int[] lowRows = rowsWith(low, RED);
        int[] highRows = rowsWith(high, RED);
        assertTrue(lowRows.length > 0 && highRows.length > 0, "the red series is not drawn");
        // ignoring the legend's sample (the bottom rows), the line sits higher for the higher value
        int lowLine = lowRows[0];
        int highLine = highRows[0];
        assertTrue(highLine < lowLine, "0.75 drawn at row " + highLine + ", 0.25 at row " + lowLine);
        // the plot spans 0 % to 100 %: 0.75 is half the plot's height above 0.25
        int legendTop = lowRows[lowRows.length - 1] - 5;
        assertTrue(lowLine < legendTop, "line and legend apart");
    }

    @Test
    void aLogAxisHasATickAtEachGivenLevel() {
        Chart.Axis x =
                new Chart.Axis("noise").log().ticks(new double[] {0.001, 0.01, 0.1}, new String[] {"a", "b", "c"});
        ChartPicture.Scale scale = ChartPicture.Scale.of(
                x,
                java.util.List.of(new Chart.Series("s", new double[] {0.001, 0.1}, new double[] {1, 0})),
                false,
                true);
        assertEquals(
                0.5,
                scale.fraction(0.01) - (scale.fraction(0.001) + scale.fraction(0.1)) / 2 + 0.5,
                1e-9,
                "a decade is as wide as the next on a log axis");
        assertEquals(java.util.List.of("a", "b", "c"), scale.labels);
    }

    @Test
    void roundTicksAndPercentLabels() {
        assertEquals(0.2, ChartPicture.Scale.step(0, 1.02), 1e-12);
        assertEquals(1000, ChartPicture.Scale.step(0, 5000), 1e-9);
        assertEquals("5,000", ChartPicture.Scale.number(5000, 1000));
        assertEquals("0.25", ChartPicture.Scale.number(0.25, 0.05));
        assertEquals("0.1%", Chart.percent(0.001));
        assertEquals("25%", Chart.percent(0.25));
    }
}
