package io.github.cnnlstm.persistence;

import io.github.cnnlstm.base.Check;
import io.github.cnnlstm.base.Library;
import io.github.cnnlstm.data.Direction;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Saves and loads trained models as one file: a zip with DL4J's entries (configuration JSON,
 * coefficients, Adam state, written as DL4J's {@code ModelSerializer} writes them) plus a plain-text
 * description of what is needed to use the model (size, label order, seed, library version).
 *
 * <p>Saving writes a temporary file beside the target and then moves it into place, so a crash or
 * an interrupt never leaves a half-written model where a good one was.
 *
 * <p>Loading treats the file as untrusted input, since model files are passed around: it never
 * runs Java deserialization ({@code ObjectInputStream}) or DL4J's model restore, reads every
 * entry with a cap on its size and to its end, checking its length and CRC-32 against the zip's
 * records (so a damaged file is refused, never loaded with other weights), rebuilds the network
 * from this library's own code for the described {@link ModelConfig} and accepts the file only if
 * its configuration is exactly that network's, and checks the length and shape of the coefficients and Adam state before
 * allocating them. Anything else is a {@link ModelFileException} naming the file and the fix.
 */
public final class ModelStore {
    /** Where the notebooks keep the trained model, relative to the notebooks folder. */
    public static final Path DEFAULT_FILE = Path.of("..", "build", "model", "cnn-lstm.zip");
    /** What to do when there is no usable model. */
    public static final String HOW_TO_FIX = "run notebook 03-training.ipynb first to train and save one";
    /**
     * Largest model this library loads, in parameters: {@link ModelConfig#MAX_PARAMETERS}, the
     * largest it builds, so larger files are hostile or broken.
     */
    public static final long MAX_PARAMETERS = ModelConfig.MAX_PARAMETERS;

    /**
     * 3: the fused layers' configurations are io.github.cnnlstm.layers.FrameConvolutionLayer and
     * LastStepLstmLayer. 2: the same network, with those classes named
     * io.github.cnnlstm.model.FrameConvolution and LastStepLstm; still loaded.
     */
    static final String FORMAT = "3";

    static final String PREVIOUS_FORMAT = "2";
    /** The layer class names of format 2 and what they are called now. */
    private static final Map<String, String> FORMAT_2_CLASSES = Map.of(
            "\"io.github.cnnlstm.model.FrameConvolution\"", "\"io.github.cnnlstm.layers.FrameConvolutionLayer\"",
            "\"io.github.cnnlstm.model.LastStepLstm\"", "\"io.github.cnnlstm.layers.LastStepLstmLayer\"");

    static final int MAX_DESCRIPTION_BYTES = 1 << 16;
    /** The configuration JSON takes about 4 KB whatever the model's size. */
    static final int MAX_CONFIGURATION_BYTES = 1 << 18;
    /** The configuration JSON nests about 4 levels; deeper nesting is rejected before parsing. */
    static final int MAX_JSON_DEPTH = 32;

    static final int MAX_JSON_NUMBER = 64;
    private static final String RECREATE = "run notebook 03-training.ipynb to train and save a new one";
    /** For files that look crafted or damaged rather than merely old. */
    private static final String UNTRUSTED =
            "use a model file you trained yourself or got from someone you trust, or " + RECREATE;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelStore() {}

    /**
     * Saves {@code model} to {@code file}, replacing any previous file atomically.
     *
     * @param description free text stored with the model, e.g. how it was trained (may be empty;
     *                    at most about 60,000 characters)
     * @return the absolute path written
     */
    public static Path save(CnnLstmModel model, Path file, String description) throws IOException {
        Check.notNull("model", model);
        Check.notNull("file", file);
        byte[] text = description(model, description).getBytes(StandardCharsets.UTF_8);
        if (text.length > MAX_DESCRIPTION_BYTES) {
            throw new IllegalArgumentException("description is " + (description == null ? 0 : description.length())
                    + " characters long: allowed at most about " + (MAX_DESCRIPTION_BYTES - 1024));
        }
        Path target = file.toAbsolutePath().normalize();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".part");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(model.network(), text, out);
            }
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

    /** DL4J's model zip layout (so DL4J's own tools can open the file) plus the description entry. */
    private static void write(MultiLayerNetwork network, byte[] description, OutputStream target) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(target))) {
            // Buffered in front of the deflater too: Nd4j.write hands over a few bytes at a time, and
            // deflating each handful on its own took seconds per million parameters. Flushed at the
            // end of every entry, before the next one starts.
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(zip, 1 << 16));
            zip.putNextEntry(new ZipEntry(ModelZip.CONFIGURATION));
            out.write(network.getLayerWiseConfigurations().toJson().getBytes(StandardCharsets.UTF_8));
            out.flush();
            zip.putNextEntry(new ZipEntry(ModelZip.COEFFICIENTS));
            Nd4j.write(network.params(), out);
            out.flush();
            INDArray state = network.getUpdater().getStateViewArray();
            if (state != null && state.length() > 0) {
                zip.putNextEntry(new ZipEntry(ModelZip.UPDATER_STATE));
                Nd4j.write(state, out);
                out.flush();
            }
            zip.putNextEntry(new ZipEntry(ModelZip.DESCRIPTION));
            out.write(description);
            out.flush();
            zip.closeEntry();
        }
    }

    /**
     * Loads a model saved by {@link #save}, treating the file as untrusted input: it never runs
     * Java deserialization, reads a bounded number of bytes, reads every entry to its end and checks
     * it against the CRC-32 the zip recorded for it (a damaged file is refused, never loaded with
     * other weights), and accepts only a network of exactly the architecture this library builds
     * for the described configuration, with coefficients (and Adam state, so training can
     * continue) of the right length. Files of the previous
     * layout (description stored as a serialized String) still load; their description is parsed
     * by hand, never deserialized.
     *
     * @throws ModelFileException if the file is missing, truncated, not a model of this library,
     *                            saved in an incompatible format, damaged (an entry whose bytes do
     *                            not match their recorded CRC-32) or crafted; the message names
     *                            the file, what is wrong and the fix
     */
    public static CnnLstmModel load(Path file) throws ModelFileException {
        Check.notNull("file", file);
        Path path = existing(file);
        try (ModelZip zip = ModelZip.open(path)) {
            Properties description = description(zip);
            ModelConfig config = config(path, description);
            long parameters = config.parameterCount();
            // every entry read to its end and checked against its recorded CRC-32 before any is parsed
            zip.verifyAll(Map.of(
                    ModelZip.DESCRIPTION, (long) MAX_DESCRIPTION_BYTES,
                    ModelZip.LEGACY_DESCRIPTION, (long) MAX_DESCRIPTION_BYTES,
                    ModelZip.CONFIGURATION, (long) MAX_CONFIGURATION_BYTES,
                    ModelZip.COEFFICIENTS, ModelZip.maxArrayBytes(parameters),
                    ModelZip.UPDATER_STATE, ModelZip.maxArrayBytes(2 * parameters))); // Adam: two moments
            float[] coefficients = zip.floatVector(ModelZip.COEFFICIENTS, parameters);
            JsonNode stored = configurationJson(zip, PREVIOUS_FORMAT.equals(description.getProperty("format")));
            // The network is built by this library's code, never from the file's JSON, which is only
            // compared with it: so the architecture check follows CnnLstmModel wherever it goes.
            CnnLstmModel model = CnnLstmModel.create(config);
            MultiLayerNetwork network = model.network();
            try {
                MultiLayerConfiguration expected = network.getLayerWiseConfigurations();
                String difference = difference(
                        withoutCounters(JSON.readTree(expected.toJson())), withoutCounters(stored.deepCopy()), "");
                if (difference != null) {
                    throw new ModelFileException(
                            path,
                            "The model in " + path + " is not the network this library"
                                    + " builds for " + config + " (configuration differs at " + difference + "); it may"
                                    + " come from another version of the course or have been altered; " + UNTRUSTED
                                    + ".",
                            null);
                }
                network.setParams(Nd4j.createFromArray(coefficients).reshape(1, parameters));
                expected.setIterationCount(counter(stored, "iterationCount"));
                expected.setEpochCount(counter(stored, "epochCount"));
                if (zip.has(ModelZip.UPDATER_STATE)) {
                    INDArray state = network.getUpdater().getStateViewArray();
                    if (state == null) {
                        throw new ModelZip.InvalidModelException(
                                "it holds updater state but this model's updater" + " keeps none");
                    }
                    float[] values = zip.floatVector(ModelZip.UPDATER_STATE, state.length());
                    state.assign(Nd4j.createFromArray(values).reshape(state.shape()));
                }
                return model;
            } catch (IOException | RuntimeException e) {
                network.close(); // its native memory now, not at some later garbage collection
                throw e;
            }
        } catch (ModelFileException e) {
            throw e;
        } catch (ModelZip.DamagedEntryException e) {
            throw damaged(path, e);
        } catch (ModelZip.InvalidModelException e) {
            throw new ModelFileException(
                    path, "Cannot load the model in " + path + ": " + e.getMessage() + "; " + UNTRUSTED + ".", e);
        } catch (Exception | LinkageError e) {
            throw new ModelFileException(
                    path,
                    "Cannot read the model in " + path
                            + " (the file is truncated, damaged or not a model saved by this library): " + RECREATE
                            + ".",
                    e);
        }
    }

    /**
     * What was stored with the model: format, size, filters, LSTM units, learning rate, seed,
     * labels, library version, description. Read and checked as {@link #load} does (never
     * deserialized, size capped, checked against its CRC-32, numbers in range), without the
     * weights (which only {@link #load} reads and checks).
     *
     * @throws ModelFileException if the file is missing or its description is unreadable, damaged,
     *                            crafted or from an incompatible format
     */
    public static Properties metadata(Path file) throws ModelFileException {
        Check.notNull("file", file);
        Path path = existing(file);
        try (ModelZip zip = ModelZip.open(path)) {
            Properties p = description(zip);
            config(path, p);
            return p;
        } catch (ModelFileException e) {
            throw e;
        } catch (ModelZip.DamagedEntryException e) {
            throw damaged(path, e);
        } catch (ModelZip.InvalidModelException e) {
            throw new ModelFileException(
                    path,
                    "Cannot read the model description in " + path + ": " + e.getMessage() + "; " + UNTRUSTED + ".",
                    e);
        } catch (Exception | LinkageError e) {
            throw new ModelFileException(
                    path,
                    "Cannot read the model description in " + path
                            + " (the file is truncated, damaged or not a model saved by this library): " + RECREATE
                            + ".",
                    e);
        }
    }

    private static ModelFileException damaged(Path path, ModelZip.DamagedEntryException e) {
        return new ModelFileException(
                path,
                "The model in " + path + " is damaged: its entry \"" + e.entry() + "\" " + e.getMessage()
                        + ", so its bytes are not the ones that were saved (a broken copy, download or disk); "
                        + RECREATE + ".",
                e);
    }

    private static Path existing(Path file) throws ModelFileException {
        Path path = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new ModelFileException(path, "No trained model at " + path + ": " + HOW_TO_FIX + ".", null);
        }
        return path;
    }

    /** The description entry, or in files of the older layout (see {@link ModelZip#LEGACY_DESCRIPTION}) the serialized String, parsed by hand. */
    private static Properties description(ModelZip zip) throws IOException {
        if (!zip.has(ModelZip.DESCRIPTION) && !zip.has(ModelZip.LEGACY_DESCRIPTION)) {
            throw new ModelZip.InvalidModelException("it has no description (entry \"" + ModelZip.DESCRIPTION
                    + "\"), so it was not saved by this library");
        }
        String text = zip.has(ModelZip.DESCRIPTION)
                ? zip.text(ModelZip.DESCRIPTION, MAX_DESCRIPTION_BYTES)
                : zip.serializedString(ModelZip.LEGACY_DESCRIPTION, MAX_DESCRIPTION_BYTES);
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IllegalArgumentException e) { // a malformed backslash-u escape
            throw new ModelZip.InvalidModelException(
                    "its description is not valid properties text (" + e.getMessage() + ")", e);
        }
        return p;
    }

    /** The configuration the description states, every number checked against what is allowed. */
    private static ModelConfig config(Path path, Properties p) throws ModelFileException {
        String format = p.getProperty("format");
        if (!(FORMAT.equals(format) || PREVIOUS_FORMAT.equals(format)) || !labels().equals(p.getProperty("labels"))) {
            throw new ModelFileException(
                    path,
                    "The model in " + path + " has format "
                            + printable(p.getProperty("format")) + " and labels " + printable(p.getProperty("labels"))
                            + " but this library reads format " + PREVIOUS_FORMAT + " or " + FORMAT + " with labels "
                            + labels() + ": " + RECREATE
                            + ".",
                    null);
        }
        ModelConfig config;
        try {
            // all settings at once: one at a time, a valid kernel and pool could clash with a default
            config = new ModelConfig(
                    integer(p, "size"),
                    integer(p, "filters"),
                    p.getProperty("kernelSize") == null ? ModelConfig.DEFAULT_KERNEL_SIZE : integer(p, "kernelSize"),
                    p.getProperty("poolSize") == null ? ModelConfig.DEFAULT_POOL_SIZE : integer(p, "poolSize"),
                    integer(p, "lstmUnits"),
                    number(p, "learningRate"),
                    wholeNumber(p, "seed"));
        } catch (IllegalArgumentException e) {
            throw new ModelFileException(
                    path, "The description in " + path + " is invalid (" + e.getMessage() + "); " + UNTRUSTED + ".", e);
        }
        return config;
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return v.strip();
    }

    private static int integer(Properties p, String key) {
        long v = wholeNumber(p, key);
        if (v != (int) v) {
            throw new IllegalArgumentException(key + " = " + v + " is out of range");
        }
        return (int) v;
    }

    private static long wholeNumber(Properties p, String key) {
        String v = required(p, key);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = " + printable(v) + " is not a whole number");
        }
    }

    private static double number(Properties p, String key) {
        String v = required(p, key);
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " = " + printable(v) + " is not a number");
        }
    }

    private static String printable(String s) {
        return s == null ? "(none)" : ModelZip.printable(s);
    }

    /**
     * The stored configuration as a plain JSON tree: Jackson builds only maps, lists, strings and
     * numbers here (no class named in the JSON is looked up), after a scan has bounded its nesting.
     * In a file of format 2 ({@code previousFormat}) the layer classes are renamed to their current
     * names first, so that it compares equal to what this library builds.
     */
    private static JsonNode configurationJson(ModelZip zip, boolean previousFormat) throws IOException {
        String json = zip.text(ModelZip.CONFIGURATION, MAX_CONFIGURATION_BYTES);
        if (previousFormat) {
            for (Map.Entry<String, String> e : FORMAT_2_CLASSES.entrySet()) {
                json = json.replace(e.getKey(), e.getValue());
            }
        }
        String problem = shapeProblem(json);
        if (problem != null) {
            throw new ModelZip.InvalidModelException("its configuration JSON " + problem);
        }
        try {
            JsonNode tree = JSON.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new ModelZip.InvalidModelException("its configuration is not a JSON object");
            }
            return tree;
        } catch (org.nd4j.shade.jackson.core.JsonProcessingException e) {
            throw new ModelZip.InvalidModelException(
                    "its configuration is not valid JSON (" + printable(e.getOriginalMessage()) + ")", e);
        }
    }

    /**
     * What makes {@code json} too costly to parse, or null: objects and arrays nested deeper than
     * {@link #MAX_JSON_DEPTH}, or a number longer than {@link #MAX_JSON_NUMBER} characters (parsing
     * a huge number takes time quadratic in its length). Brackets and digits in strings are skipped.
     */
    static String shapeProblem(String json) {
        int depth = 0;
        int number = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            boolean numeric = (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E';
            number = numeric ? number + 1 : 0;
            if (number > MAX_JSON_NUMBER) {
                return "has a number longer than " + MAX_JSON_NUMBER + " characters";
            }
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_JSON_DEPTH) {
                    return "nests deeper than " + MAX_JSON_DEPTH + " levels";
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return null;
    }

    /** Training counters are state, not architecture: dropped before comparing. */
    private static JsonNode withoutCounters(JsonNode node) {
        if (node.isObject()) {
            ((ObjectNode) node).remove(java.util.List.of("iterationCount", "epochCount"));
        }
        for (JsonNode child : node) {
            withoutCounters(child);
        }
        return node;
    }

    /** A stored training counter: a whole number from 0 to Integer.MAX_VALUE, 0 if absent. */
    private static int counter(JsonNode stored, String key) throws ModelZip.InvalidModelException {
        JsonNode v = stored.get(key);
        if (v == null) {
            return 0;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 0) {
            throw new ModelZip.InvalidModelException("its configuration's " + key + " = " + printable(v.toString())
                    + " is not a whole number from 0 to " + Integer.MAX_VALUE);
        }
        return v.intValue();
    }

    /** The path of the first difference between two JSON trees, or null if they are equal. */
    private static String difference(JsonNode expected, JsonNode actual, String at) {
        if (expected.equals(actual)) {
            return null;
        }
        if (expected.isObject() && actual.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String where = at + "." + e.getKey();
                if (!actual.has(e.getKey())) {
                    return where + " (missing)";
                }
                String d = difference(e.getValue(), actual.get(e.getKey()), where);
                if (d != null) {
                    return d;
                }
            }
            for (Iterator<String> it = actual.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!expected.has(key)) {
                    return at + "." + printable(key) + " (not expected)";
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() != actual.size()) {
            return at + ": expected " + expected.size() + " elements, found " + actual.size();
        } else if (expected.isArray() && actual.isArray()) {
            for (int i = 0; i < expected.size(); i++) {
                String d = difference(expected.get(i), actual.get(i), at + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
        }
        return (at.isEmpty() ? "the top level" : at) + ": expected " + printable(expected.toString()) + ", found "
                + printable(actual.toString());
    }

    private static String description(CnnLstmModel model, String description) throws IOException {
        ModelConfig c = model.config();
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("size", Integer.toString(c.size()));
        p.setProperty("filters", Integer.toString(c.filters()));
        p.setProperty("kernelSize", Integer.toString(c.kernelSize()));
        p.setProperty("poolSize", Integer.toString(c.poolSize()));
        p.setProperty("lstmUnits", Integer.toString(c.lstmUnits()));
        p.setProperty("learningRate", Double.toString(c.learningRate()));
        p.setProperty("seed", Long.toString(c.seed()));
        p.setProperty("labels", labels());
        p.setProperty("libraryVersion", Library.version());
        p.setProperty("description", description == null ? "" : description);
        StringWriter w = new StringWriter();
        p.store(w, null);
        return w.toString();
    }

    private static String labels() {
        return String.join(",", Direction.labels());
    }
}
