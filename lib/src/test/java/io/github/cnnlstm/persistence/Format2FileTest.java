package io.github.cnnlstm.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import io.github.cnnlstm.model.Prediction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file saved by the library in format 2, before its layers moved to their own package
 * (src/test/resources: a 12×12 model with 3 filters and 8 LSTM units, seed 5, trained on 64 videos),
 * still loads, and predicts the probabilities it predicted when it was saved, to the bit.
 */
class Format2FileTest {
    @Test
    void aFormat2FileLoadsAndPredictsAsWhenItWasSaved(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("format2.zip");
        try (var in = Format2FileTest.class.getResourceAsStream("format2.zip")) {
            Files.copy(in, file);
        }
        CnnLstmModel model = ModelStore.load(file);
        assertEquals(
                ModelConfig.defaults()
                        .withSize(12)
                        .withFilters(3)
                        .withLstmUnits(8)
                        .withSeed(5),
                model.config());
        List<String> expected;
        try (var in = Format2FileTest.class.getResourceAsStream("format2-probabilities.txt")) {
            expected = List.of(new String(in.readAllBytes()).strip().split("\n"));
        }
        List<Prediction> predictions = model.predict(new LineSequenceGenerator(12, 9).sequences(3));
        for (int i = 0; i < expected.size(); i++) {
            StringBuilder bits = new StringBuilder();
            for (double q : predictions.get(i).probabilities()) {
                bits.append(Float.floatToIntBits((float) q)).append(' ');
            }
            assertEquals(expected.get(i).strip(), bits.toString().strip(), "video " + i);
        }
    }
}
