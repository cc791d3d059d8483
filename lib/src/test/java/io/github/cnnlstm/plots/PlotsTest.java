package io.github.cnnlstm.plots;

import static io.github.cnnlstm.base.BadInput.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.FeatureMaps;
import io.github.cnnlstm.model.ModelConfig;
import io.github.cnnlstm.model.Prediction;
import io.github.cnnlstm.training.Trainer;
import io.github.cnnlstm.training.TrainingConfig;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PlotsTest {
    private static CnnLstmModel model;

    @BeforeAll
    static void trainTinyModel() {
        model = CnnLstmModel.create(ModelConfig.defaults().withSize(8));
        Trainer.train(model, TrainingConfig.defaults().withSequences(96));
    }

    @Test
    void aFrameShowsExactlyThePixelsOfThePathInsideAVisibleBorder() {
        LineSequence s = new LineSequenceGenerator(10, 4).sequence(0);
        Picture image = FrameImages.frame(s, 4, 3);
        int left = 6;
        int top = 16; // caption above the frame
        assertEquals(30 + 2 * left, image.getWidth());
        int white = 0xFFFFFF;
        boolean[][] frame = s.frame(4);
        for (int r = 0; r < 10; r++) {
            for (int c = 0; c < 10; c++) {
                int rgb = image.getRGB(left + c * 3 + 1, top + r * 3 + 1) & 0xFFFFFF;
                assertEquals(frame[r][c], rgb != white, "pixel " + r + "," + c);
            }
        }
        // the newest pixel stands out
        assertNotEquals(
                image.getRGB(left + s.col(3) * 3 + 1, top + s.row(3) * 3 + 1),
                image.getRGB(left + s.col(4) * 3 + 1, top + s.row(4) * 3 + 1));
        // a grey border runs all round, one pixel outside the frame, so a white frame has an edge
        for (int i = -1; i <= 30; i++) {
            assertBorder(image, left + i, top - 1);
            assertBorder(image, left + i, top + 30);
            assertBorder(image, left - 1, top + i);
            assertBorder(image, left + 30, top + i);
        }
        assertTrue(
                image.toString().contains("frame 5 of 10")
                        && image.toString().contains("true direction " + s.direction()),
                image.toString());
    }

    private static void assertBorder(BufferedImage image, int x, int y) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        int r = rgb >> 16;
        assertTrue(r < 160 && r == (rgb & 0xFF), "no grey border at " + x + "," + y + ": " + Integer.toHexString(rgb));
    }

    @Test
    void stripsAndGridsHaveOnePanelPerFrameShown() {
        List<LineSequence> seqs = new LineSequenceGenerator(10, 4).sequences(3);
        BufferedImage strip = FrameImages.strip(seqs.get(0), 3, 2); // frames 1, 4, 7, 10
        BufferedImage grid = FrameImages.grid(seqs, 3, 2);
        assertEquals(strip.getWidth(), grid.getWidth());
        assertEquals(3 * strip.getHeight(), grid.getHeight());
        assertEquals(6 + 4 * (20 + 6), strip.getWidth());
        assertTrue(strip.toString().contains("frames 1, 4, 7, 10"), strip.toString());
        assertMessage(() -> FrameImages.strip(seqs.get(0), 0, 2), "step = 0", "1..10");
        assertMessage(() -> FrameImages.grid(seqs, 1, 40), "scale = 40", "1..16");
        assertMessage(() -> FrameImages.grid(List.of(), 1, 2), "empty");
    }

    @Test
    void gridsWithPredictionsTitleEachRowWithTruthPredictionAndProbability() {
        LineSequenceGenerator generator = new LineSequenceGenerator(10, 4);
        List<LineSequence> seqs = List.of(generator.firstOf(Direction.LEFT), generator.firstOf(Direction.UP));
        Direction wrong = Direction.DOWN;
        List<Prediction> predictions = List.of(
                new Prediction(
                        seqs.get(0).direction(),
                        seqs.get(0).direction(),
                        one(seqs.get(0).direction(), 0.875)),
                new Prediction(seqs.get(1).direction(), wrong, one(wrong, 0.625)));
        Picture grid = FrameImages.grid(seqs, predictions, 3, 2);
        String text = grid.toString();
        assertTrue(
                text.contains("true " + seqs.get(0).direction() + " · predicted "
                        + seqs.get(0).direction() + " (p = 0.875)"),
                text);
        assertTrue(
                text.contains("true " + seqs.get(1).direction() + " · predicted " + wrong + " (p = 0.625) · WRONG"),
                text);
        assertEquals(FrameImages.grid(seqs, 3, 2).getHeight(), grid.getHeight());
        // the wrong row's title is red, the right one's is not
        int rowHeight = grid.getHeight() / 2;
        assertFalse(hasRed(grid, 0, 16), "right answer titled in red");
        assertTrue(hasRed(grid, rowHeight, rowHeight + 16), "wrong answer not titled in red");

        assertMessage(
                () -> FrameImages.grid(seqs, predictions.subList(0, 1), 3, 2), "predictions has 1", "sequences has 2");
        assertMessage(() -> FrameImages.grid(List.of(seqs.get(1), seqs.get(0)), predictions, 3, 2), "predictions[0]");
    }

    private static double[] one(Direction d, double p) {
        double[] probabilities = new double[Direction.COUNT];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = i == d.index() ? p : (1 - p) / (Direction.COUNT - 1);
        }
        return probabilities;
    }

    private static boolean hasRed(BufferedImage image, int fromY, int toY) {
        for (int y = fromY; y < toY; y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int r = (rgb >> 16) & 0xFF;
                int g = (rgb >> 8) & 0xFF;
                if (r > 150 && g < 80) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void theVideoIsAnAnimatedGifWithOneFramePerStepThatLoops() throws Exception {
        LineSequence s = new LineSequenceGenerator(12, 7).sequence(3);
        byte[] gif = FrameImages.gif(s, 3, 150);
        assertEquals("GIF89a", new String(gif, 0, 6, StandardCharsets.US_ASCII));
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(gif))) {
            reader.setInput(in);
            assertEquals(12, reader.getNumImages(true));
            boolean loops = false;
            List<Integer> delays = new ArrayList<>();
            for (int f = 0; f < 12; f++) {
                IIOMetadataNode root =
                        (IIOMetadataNode) reader.getImageMetadata(f).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode control = (IIOMetadataNode)
                        root.getElementsByTagName("GraphicControlExtension").item(0);
                delays.add(Integer.parseInt(control.getAttribute("delayTime")));
                var apps = root.getElementsByTagName("ApplicationExtension");
                for (int i = 0; i < apps.getLength(); i++) {
                    IIOMetadataNode app = (IIOMetadataNode) apps.item(i);
                    byte[] data = (byte[]) app.getUserObject();
                    loops |= "NETSCAPE".equals(app.getAttribute("applicationID"))
                            && data[0] == 1
                            && data[1] == 0
                            && data[2] == 0;
                }
            }
            assertTrue(loops, "no NETSCAPE2.0 loop-forever block");
            assertEquals(15, delays.get(0), "150 ms in hundredths");
            assertEquals(FrameImages.VIDEO_LAST_FRAME_MILLIS / 10, delays.get(11), "the last frame is held");
            // frame k shows k + 1 pixels, the newest red: check frames 1 and 12 against the path
            for (int f : new int[] {0, 11}) {
                BufferedImage frame = reader.read(f);
                int x0 = 6;
                int y0 = 32; // two caption lines above the frame
                boolean[][] expected = s.frame(f);
                for (int r = 0; r < 12; r++) {
                    for (int c = 0; c < 12; c++) {
                        int rgb = frame.getRGB(x0 + c * 3 + 1, y0 + r * 3 + 1) & 0xFFFFFF;
                        assertEquals(expected[r][c], rgb != 0xFFFFFF, "frame " + f + " pixel " + r + "," + c);
                    }
                }
                int newest = frame.getRGB(x0 + s.col(f) * 3 + 1, y0 + s.row(f) * 3 + 1);
                assertTrue(((newest >> 16) & 0xFF) > 150 && ((newest >> 8) & 0xFF) < 80, "newest pixel not red");
            }
        } finally {
            reader.dispose();
        }
        assertMessage(() -> FrameImages.gif(s, 3, 5), "frameMillis = 5", "20..5000");
        // outside the kernel the video is an <img> with the same GIF
        String html = (String) FrameImages.video(s, 3);
        assertTrue(html.contains("data:image/gif;base64,") && html.contains("growing " + s.direction()), html);
    }

    @Test
    void everyPictureDescribesItselfWithoutAnIdentityHash() {
        LineSequence s = new LineSequenceGenerator(10, 4).sequence(0);
        FeatureMaps maps = model.featureMaps(new LineSequenceGenerator(8, 1).sequence(0), 5);
        List<Picture> pictures = List.of(
                FrameImages.frame(s, 2, 2),
                FrameImages.strip(s, 3, 2),
                FrameImages.grid(List.of(s, s), 3, 2),
                FilterImages.kernels(model),
                FilterImages.featureMaps(maps, 4));
        for (Picture p : pictures) {
            String text = p.toString();
            assertFalse(text.contains("@"), text);
            assertFalse(text.contains("ColorModel"), text);
            assertTrue(text.startsWith("Image (" + p.getWidth() + "×" + p.getHeight() + " px): "), text);
            assertTrue(text.length() > 30, text);
        }
        assertTrue(
                FilterImages.kernels(model).toString().contains("filter 2: ["),
                FilterImages.kernels(model).toString());
    }

    @Test
    void poolingMapsAreDrawnAtTheirRealHalvedSizeNextToAColourBar() {
        LineSequence s = new LineSequenceGenerator(8, 1).sequence(0);
        FeatureMaps maps = model.featureMaps(s, 6);
        int scale = 4;
        Picture image = FilterImages.featureMaps(maps, scale);
        // grey map borders on the line just above the first row of maps: one run per map
        int y = 18 - 1;
        List<Integer> runs = new ArrayList<>();
        int run = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            if ((image.getRGB(x, y) & 0xFFFFFF) == 0x808080) {
                run++;
            } else if (run > 0) {
                runs.add(run);
                run = 0;
            }
        }
        int conv = maps.afterConv()[0].length * scale;
        int pool = maps.afterPool()[0].length * scale;
        assertEquals(List.of(conv + 2, pool + 2), runs.subList(0, 2), "borders of the conv and pooled maps");
        assertEquals(7 * scale, conv);
        assertEquals(3 * scale, pool);
        String text = image.toString();
        assertTrue(text.matches(".*values 0 \\(white\\) to [0-9.]+ \\(dark blue\\).*"), text);
        assertEquals(java.awt.Color.WHITE, FilterImages.sequential(0));
        assertTrue(FilterImages.sequential(1).getBlue()
                > FilterImages.sequential(1).getRed() + 80);
    }

    @Test
    void aBeliefCurveSaysInWordsWhatItShows() {
        double[][] p = {
            {0.25, 0.25, 0.25, 0.25}, // a tie: nobody leads
            {0.40, 0.20, 0.10, 0.30},
            {0.20, 0.10, 0.10, 0.60},
            {0.45, 0.05, 0.05, 0.45}, // a tie again
            {0.10, 0.05, 0.05, 0.80}
        };
        assertEquals(
                "Up leads from frame 5 on, passes one half at frame 3 and ends at 0.80;"
                        + " the highest any other direction reaches: Down 0.45 at frame 4",
                InsightCharts.beliefSummary(p, Direction.UP));
        assertEquals(
                "Down does not lead at the end, never passes one half and ends at 0.10;"
                        + " the highest any other direction reaches: Up 0.80 at frame 5",
                InsightCharts.beliefSummary(p, Direction.DOWN));
        assertEquals(
                "Belief curve: Video 1: Up. " + InsightCharts.beliefSummary(p, Direction.UP),
                InsightCharts.belief(p, Direction.UP, "Video 1: Up").summary());
        assertEquals(
                "Belief curve: one video", InsightCharts.belief(p, "one video").summary());
    }
}
