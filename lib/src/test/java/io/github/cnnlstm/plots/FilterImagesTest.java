package io.github.cnnlstm.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.FeatureMaps;
import io.github.cnnlstm.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Kernels and feature maps drawn and labelled for the model's kernel and pool sizes, whatever they are. */
class FilterImagesTest {
    private static final int GAP = 14; // FilterImages' margins
    private static final int TITLE = 18;
    private static final int FILTERS = 3;

    @Test
    void everyWeightOfAKernelOfAnySizeIsDrawnAndWrittenInTheCaption() {
        for (int side : new int[] {1, 2, 3, 5}) {
            CnnLstmModel model = CnnLstmModel.create(
                    ModelConfig.defaults().withSize(12).withFilters(FILTERS).withKernelSize(side));
            double[][][] k = model.convolutionKernels();
            double[] bias = model.convolutionBiases();
            Picture image = FilterImages.kernels(model);
            String what = side + "×" + side + " kernels";

            // layout: a row of FILTERS squares of side × side cells
            assertEquals(0, (image.getWidth() - GAP) % FILTERS, what);
            int pitch = (image.getWidth() - GAP) / FILTERS; // one filter and a gap
            assertEquals(0, (pitch - GAP) % side, what);
            int cell = (pitch - GAP) / side;
            assertTrue(cell >= 40, what + ": cells of " + cell + " px hold no legible weight");
            assertEquals(TITLE + side * cell + TITLE + GAP, image.getHeight(), what);
            double max = 1e-9;
            for (double[][] f : k) {
                for (double[] row : f) {
                    for (double v : row) {
                        max = Math.max(max, Math.abs(v));
                    }
                }
            }
            for (int f = 0; f < FILTERS; f++) {
                for (int r = 0; r < side; r++) {
                    for (int c = 0; c < side; c++) {
                        int x = GAP + f * pitch + c * cell + 3; // inside the cell, clear of border and text
                        int y = TITLE + r * cell + 3;
                        assertEquals(
                                Integer.toHexString(
                                        FilterImages.diverging(k[f][r][c] / max).getRGB()),
                                Integer.toHexString(image.getRGB(x, y)),
                                what + ": colour of filter " + (f + 1) + ", row " + r + ", col " + c);
                    }
                }
            }

            // caption: the size, and every weight, rows separated by " / "
            String text = image.toString();
            assertTrue(
                    text.contains("the " + FILTERS + " convolution filters' " + side + "×" + side + " weights"), text);
            if (side != 2) {
                assertFalse(text.contains("2×2"), text);
            }
            Matcher m = Pattern.compile("filter (\\d+): \\[([^\\]]*)\\], bias ([-+]\\d+\\.\\d\\d)")
                    .matcher(text);
            List<String> filters = new ArrayList<>();
            while (m.find()) {
                int f = Integer.parseInt(m.group(1)) - 1;
                filters.add(m.group(1));
                String[] rows = m.group(2).split(" / ");
                assertEquals(side, rows.length, text);
                for (int r = 0; r < side; r++) {
                    String[] values = rows[r].split(" ");
                    assertEquals(side, values.length, text);
                    for (int c = 0; c < side; c++) {
                        assertEquals(String.format(Locale.ROOT, "%+.2f", k[f][r][c]), values[c], text);
                    }
                }
                assertEquals(String.format(Locale.ROOT, "%+.2f", bias[f]), m.group(3), text);
            }
            assertEquals(List.of("1", "2", "3"), filters, text);
        }
    }

    @Test
    void theDefaultKernelCaptionKeepsItsWording() {
        CnnLstmModel model = CnnLstmModel.create(ModelConfig.defaults().withSize(8));
        String w = "[-+]\\d\\.\\d\\d";
        String filter = ": \\[" + w + " " + w + " / " + w + " " + w + "\\], bias " + w;
        String text = FilterImages.kernels(model).toString();
        assertTrue(
                text.matches("Image \\(282×170 px\\): the 2 convolution filters' 2×2 weights \\(rows top, bottom\\);"
                        + " filter 1" + filter + "; filter 2" + filter),
                text);
    }

    @Test
    void featureMapsAreLabelledWithTheModelsPoolSize() {
        int scale = 4;
        for (int pool : new int[] {1, 2, 3, 4}) {
            ModelConfig config =
                    ModelConfig.defaults().withSize(12).withKernelSize(3).withPoolSize(pool);
            CnnLstmModel model = CnnLstmModel.create(config);
            LineSequence s = new LineSequenceGenerator(12, 2).sequence(0);
            FeatureMaps maps = model.featureMaps(s, 8);
            int conv = 10;
            int pooled = conv / pool;
            assertEquals(pool, maps.poolSize());
            assertEquals(pooled, maps.afterPool()[0].length);
            // maps made without a pool size take one that fits their sides
            int inferred = new FeatureMaps(maps.afterConv(), maps.afterPool()).poolSize();
            assertEquals(pooled, conv / inferred, "inferred pool size " + inferred);

            Picture image = FilterImages.featureMaps(maps, scale);
            String text = image.toString();
            assertTrue(
                    text.contains("feature maps of one frame for 2 filters: " + conv + "×" + conv
                            + " after conv + ReLU, " + pooled + "×" + pooled + " after " + pool + "×" + pool
                            + " max pooling; values 0 (white) to "),
                    text);
            if (pool != 2) {
                assertFalse(text.contains("2×2 max"), text);
            }
            // grey map borders just above the first row of maps: the conv map, then the pooled one
            List<Integer> runs = new ArrayList<>();
            int run = 0;
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, TITLE - 1) & 0xFFFFFF) == 0x808080) {
                    run++;
                } else if (run > 0) {
                    runs.add(run);
                    run = 0;
                }
            }
            assertEquals(List.of(conv * scale + 2, pooled * scale + 2), runs.subList(0, 2), "pool " + pool);
        }
    }
}
