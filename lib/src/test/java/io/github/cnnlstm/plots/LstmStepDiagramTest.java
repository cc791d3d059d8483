package io.github.cnnlstm.plots;

import static io.github.cnnlstm.base.BadInput.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LstmStepDiagramTest {
    @Test
    void namesEachGatesBlockOfColumnsForTheUnitsGiven() {
        Picture p = LstmStepDiagram.draw(1152, 50);
        assertTrue(p.description().contains("g 0–49, f 50–99, o 100–149, i 150–199"), p.description());
        assertTrue(p.description().contains("1,152 features"), p.description());
        Picture small = LstmStepDiagram.draw(8, 3);
        assertTrue(small.description().contains("12 columns: g 0–2, f 3–5, o 6–8, i 9–11"), small.description());
        // something is drawn: not a blank white image
        int dark = 0;
        for (int y = 0; y < p.getHeight(); y += 2) {
            for (int x = 0; x < p.getWidth(); x += 2) {
                dark += (p.getRGB(x, y) & 0xff) < 128 ? 1 : 0;
            }
        }
        assertTrue(dark > 1_000, "dark pixels: " + dark);
        assertEquals(1010, p.getWidth());
    }

    @Test
    void badSizesNameTheValue() {
        assertMessage(() -> LstmStepDiagram.draw(0, 50), "inputs = 0");
        assertMessage(() -> LstmStepDiagram.draw(10, -1), "units = -1");
    }
}
