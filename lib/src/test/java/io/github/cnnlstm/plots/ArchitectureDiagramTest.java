package io.github.cnnlstm.plots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.cnnlstm.model.ModelConfig;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ArchitectureDiagramTest {

    @Test
    void theDiagramFollowsTheConfiguration() {
        BufferedImage defaults = ArchitectureDiagram.draw(ModelConfig.defaults());
        BufferedImage wider =
                ArchitectureDiagram.draw(ModelConfig.defaults().withFilters(8).withLstmUnits(100));
        assertEquals(defaults.getWidth(), wider.getWidth());
        int[] a = defaults.getRGB(0, 0, defaults.getWidth(), defaults.getHeight(), null, 0, defaults.getWidth());
        int[] b = wider.getRGB(0, 0, wider.getWidth(), wider.getHeight(), null, 0, wider.getWidth());
        assertFalse(Arrays.equals(a, b), "other filters and units must change the labels drawn");
        long ink = Arrays.stream(a).filter(p -> (p & 0xffffff) != 0xffffff).count();
        assertFalse(ink < a.length / 50, "the diagram is nearly blank");
        assertEquals(
                "Image (1180×300 px): the CNN-LSTM: 50 frames of 50×50 → the same CNN on every frame "
                        + "(8 filters, 4,608 features) → LSTM(100) → Dense(4, softmax)",
                wider.toString());
    }

    @Test
    void noConfigurationIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> ArchitectureDiagram.draw(null));
        assertEquals("config must not be null", e.getMessage());
    }
}
