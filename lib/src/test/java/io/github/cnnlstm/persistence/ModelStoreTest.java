package io.github.cnnlstm.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import io.github.cnnlstm.model.Prediction;
import io.github.cnnlstm.training.Trainer;
import io.github.cnnlstm.training.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStoreTest {
    @TempDir
    Path dir;

    private final ModelConfig config = ModelConfig.defaults().withSize(8).withSeed(7);

    @Test
    void aSavedModelLoadsAndPredictsExactlyTheSame() throws IOException {
        CnnLstmModel model = CnnLstmModel.create(config);
        Trainer.train(model, TrainingConfig.defaults().withSequences(64));
        Path file = ModelStore.save(model, dir.resolve("sub/model.zip"), "64 sequences");

        CnnLstmModel loaded = ModelStore.load(file);
        assertEquals(config, loaded.config());
        List<LineSequence> seqs = new LineSequenceGenerator(8, 3).sequences(20);
        List<Prediction> a = model.predict(seqs);
        List<Prediction> b = loaded.predict(seqs);
        for (int i = 0; i < seqs.size(); i++) {
            assertArrayEquals(a.get(i).probabilities(), b.get(i).probabilities(), 0.0);
        }
        assertEquals("64 sequences", ModelStore.metadata(file).getProperty("description"));
        assertEquals("Down,Left,Right,Up", ModelStore.metadata(file).getProperty("labels"));
        try (var files = Files.list(file.getParent())) {
            assertEquals(
                    List.of("model.zip"),
                    files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file is left behind");
        }
    }

    @Test
    void trainingALoadedModelContinuesExactlyAsTrainingTheSavedOne() throws IOException {
        CnnLstmModel model = CnnLstmModel.create(config);
        Trainer.train(model, TrainingConfig.defaults().withSequences(64));
        CnnLstmModel loaded = ModelStore.load(ModelStore.save(model, dir.resolve("model.zip"), ""));
        assertEquals(model.network().getIterationCount(), loaded.network().getIterationCount());
        // same Adam moments and step count, so the next updates are the same
        TrainingConfig more = TrainingConfig.defaults().withSequences(64).withSeed(99);
        Trainer.train(model, more);
        Trainer.train(loaded, more);
        assertArrayEquals(
                model.network().params().toFloatVector(),
                loaded.network().params().toFloatVector(),
                0f);
    }

    @Test
    void aSavedFileHoldsPlainTextAndArraysOnly() throws IOException {
        Path file = ModelStore.save(CnnLstmModel.create(config), dir.resolve("model.zip"), "näive \u00e9 = x\n2");
        try (var zip = new java.util.zip.ZipFile(file.toFile())) {
            assertEquals(
                    List.of("configuration.json", "coefficients.bin", "updaterState.bin", "cnn-lstm.properties"),
                    zip.stream().map(java.util.zip.ZipEntry::getName).toList());
        }
        assertEquals("näive \u00e9 = x\n2", ModelStore.metadata(file).getProperty("description"));
    }

    @Test
    void savingReplacesThePreviousModel() throws IOException {
        Path file = dir.resolve("model.zip");
        ModelStore.save(CnnLstmModel.create(config), file, "first");
        ModelStore.save(CnnLstmModel.create(config.withSeed(8)), file, "second");
        assertEquals("second", ModelStore.metadata(file).getProperty("description"));
        assertEquals(8, ModelStore.load(file).config().seed());
    }

    @Test
    void aFailedSaveLeavesThePreviousModelIntact() throws IOException {
        Path file = dir.resolve("model.zip");
        ModelStore.save(CnnLstmModel.create(config), file, "good");
        byte[] before = Files.readAllBytes(file);
        CnnLstmModel broken = CnnLstmModel.create(config);
        broken.network().close(); // its parameters are released: writing fails half-way
        assertThrows(Exception.class, () -> ModelStore.save(broken, file, "bad"));
        assertArrayEquals(before, Files.readAllBytes(file));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void aMissingModelSaysToRunTheTrainingNotebook() {
        Path file = dir.resolve("nothing.zip");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelStore.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("03-training"), e.getMessage());
        assertEquals(file, e.file());
    }

    @Test
    void aTruncatedModelIsReportedNotLoaded() throws IOException {
        Path file = ModelStore.save(CnnLstmModel.create(config), dir.resolve("model.zip"), "");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelStore.load(file));
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("03-training"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAModelIsReported() throws IOException {
        Path file = dir.resolve("notes.zip");
        Files.writeString(file, "not a model");
        ModelFileException e = assertThrows(ModelFileException.class, () -> ModelStore.load(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
