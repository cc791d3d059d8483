package io.github.cnnlstm.persistence;

import io.github.cnnlstm.Check;
import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Collectors;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Saves and loads trained models as one file: DL4J's model zip (weights, configuration, Adam state)
 * plus what is needed to use it (size, label order, seed, library version).
 *
 * <p>Saving writes a temporary file beside the target and then moves it into place, so a crash or
 * an interrupt never leaves a half-written model where a good one was.
 */
public final class ModelStore {
    /** Where the notebooks keep the trained model, relative to the notebooks folder. */
    public static final Path DEFAULT_FILE = Path.of("..", "build", "model", "cnn-lstm.zip");
    /** What to do when there is no usable model. */
    public static final String HOW_TO_FIX = "run notebook 03-training.ipynb first to train and save one";

    static final String METADATA_KEY = "cnn-lstm-metadata";
    static final String FORMAT = "2"; // 2: fused FrameConvolution and LastStepLstm layers

    private ModelStore() {
    }

    /**
     * Saves {@code model} to {@code file}, replacing any previous file atomically.
     *
     * @param description free text stored with the model, e.g. how it was trained (may be empty)
     * @return the absolute path written
     */
    public static Path save(CnnLstmModel model, Path file, String description) throws IOException {
        Check.notNull("model", model);
        Check.notNull("file", file);
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".part");
        try {
            ModelSerializer.writeModel(model.network(), tmp.toFile(), true);
            ModelSerializer.addObjectToFile(tmp.toFile(), METADATA_KEY, metadata(model, description));
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }

    /**
     * Loads a model saved by {@link #save}.
     *
     * @throws ModelFileException if the file is missing, truncated, not a model of this library, or
     *                            saved in an incompatible format; the message names the file and the fix
     */
    public static CnnLstmModel load(Path file) throws ModelFileException {
        Check.notNull("file", file);
        Path path = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new ModelFileException(path, "No trained model at " + path + ": " + HOW_TO_FIX + ".", null);
        }
        Properties p;
        MultiLayerNetwork network;
        try {
            Object meta = ModelSerializer.getObjectFromFile(path.toFile(), METADATA_KEY);
            p = new Properties();
            p.load(new StringReader((String) meta));
            network = ModelSerializer.restoreMultiLayerNetwork(path.toFile(), true);
        } catch (Exception | LinkageError e) {
            throw new ModelFileException(path, "Cannot read the model in " + path
                    + " (the file is truncated, damaged or not a model saved by this library): " + HOW_TO_FIX
                    + " again to recreate it.", e);
        }
        if (!FORMAT.equals(p.getProperty("format"))
                || !labels().equals(p.getProperty("labels"))) {
            throw new ModelFileException(path, "The model in " + path + " has format " + p.getProperty("format")
                    + " and labels " + p.getProperty("labels") + " but this library needs format " + FORMAT
                    + " and labels " + labels() + ": " + HOW_TO_FIX + " again to recreate it.", null);
        }
        try {
            ModelConfig config = new ModelConfig(
                    Integer.parseInt(p.getProperty("size")),
                    Integer.parseInt(p.getProperty("filters")),
                    Integer.parseInt(p.getProperty("lstmUnits")),
                    Double.parseDouble(p.getProperty("learningRate")),
                    Long.parseLong(p.getProperty("seed")));
            return CnnLstmModel.wrap(config, network);
        } catch (RuntimeException e) {
            throw new ModelFileException(path, "The model in " + path + " does not match its description ("
                    + e.getMessage() + "): " + HOW_TO_FIX + " again to recreate it.", e);
        }
    }

    /** What was stored with the model: size, filters, LSTM units, seed, labels, library version, description. */
    public static Properties metadata(Path file) throws ModelFileException {
        Path path = file.toAbsolutePath().normalize();
        try {
            Properties p = new Properties();
            p.load(new StringReader((String) ModelSerializer.getObjectFromFile(path.toFile(), METADATA_KEY)));
            return p;
        } catch (Exception e) {
            throw new ModelFileException(path, "Cannot read the model description in " + path + ": " + HOW_TO_FIX
                    + ".", e);
        }
    }

    private static String metadata(CnnLstmModel model, String description) throws IOException {
        ModelConfig c = model.config();
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("size", Integer.toString(c.size()));
        p.setProperty("filters", Integer.toString(c.filters()));
        p.setProperty("lstmUnits", Integer.toString(c.lstmUnits()));
        p.setProperty("learningRate", Double.toString(c.learningRate()));
        p.setProperty("seed", Long.toString(c.seed()));
        p.setProperty("labels", labels());
        p.setProperty("libraryVersion", io.github.cnnlstm.Library.version());
        p.setProperty("description", description == null ? "" : description);
        StringWriter w = new StringWriter();
        p.store(w, null);
        return w.toString();
    }

    private static String labels() {
        return Arrays.stream(Direction.values()).map(Direction::label).collect(Collectors.joining(","));
    }
}
