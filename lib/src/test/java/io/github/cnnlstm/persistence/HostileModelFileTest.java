package io.github.cnnlstm.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.cnnlstm.data.LineSequence;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import io.github.cnnlstm.training.Trainer;
import io.github.cnnlstm.training.TrainingConfig;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model files built by hand to be hostile or broken: each must be rejected with a
 * {@link ModelFileException} naming the file and the fix, never hang (the loads run under a
 * preemptive timeout) and never deserialize anything.
 */
class HostileModelFileTest {
    /** A load that takes longer than this is taken to hang (rejections take milliseconds). */
    private static final Duration HANG = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final ModelConfig config = ModelConfig.defaults().withSize(8).withSeed(7);
    private Map<String, byte[]> good;
    private String description;

    @BeforeEach
    void saveAGoodModel() throws IOException {
        good = entries(ModelStore.save(CnnLstmModel.create(config), dir.resolve("good.zip"), "good"));
        description = new String(good.get(ModelZip.DESCRIPTION), StandardCharsets.UTF_8);
        Tripwire.deserialized = false;
    }

    // ---- Java serialization -------------------------------------------------------------------

    @Test
    void aSerializedObjectThatWouldTakeForeverToDeserializeIsRejectedAtOnce() throws IOException {
        Map<String, byte[]> e = copy();
        e.remove(ModelZip.DESCRIPTION);
        e.put(ModelZip.LEGACY_DESCRIPTION, serialize(nestedSets(100))); // 2^100 hash computations if read
        Path file = write("sets.zip", e);
        String m = rejected(file, () -> ModelStore.load(file));
        assertTrue(m.contains("Java-serialized object") && m.contains(ModelZip.LEGACY_DESCRIPTION), m);
        assertTrue(rejected(file, () -> ModelStore.metadata(file)).contains("Java-serialized object"));
    }

    @Test
    void aSerializedObjectIsNeverDeserializedWhereverItIsPut() throws IOException {
        byte[] object = serialize(new Tripwire());
        for (String entry : List.of(
                ModelZip.LEGACY_DESCRIPTION,
                ModelZip.DESCRIPTION,
                ModelZip.CONFIGURATION,
                ModelZip.COEFFICIENTS,
                ModelZip.UPDATER_STATE,
                "preprocessor.bin",
                "normalizer.bin")) {
            Map<String, byte[]> e = copy();
            if (entry.equals(ModelZip.LEGACY_DESCRIPTION)) {
                e.remove(ModelZip.DESCRIPTION);
            }
            e.put(entry, object);
            Path file = write("object-in-" + entry.replace('/', '-') + ".zip", e);
            rejected(file, () -> ModelStore.load(file));
            assertFalse(Tripwire.deserialized, entry);
        }
    }

    @Test
    void anEntryDL4JWouldDeserializeIsRejected() throws IOException {
        Map<String, byte[]> e = copy();
        e.put("preprocessor.bin", serialize(new Tripwire())); // DL4J's own restore runs readObject on it
        Path file = write("preprocessor.zip", e);
        String m = rejected(file, () -> ModelStore.load(file));
        assertTrue(m.contains("\"preprocessor.bin\"") && m.contains("never contain"), m);
        assertFalse(Tripwire.deserialized);
    }

    @Test
    void theLoaderDoesNotReferenceAnyDeserializer() throws IOException {
        // what each would bring: readObject on file bytes, DL4J's restore (which runs readObject on
        // preprocessor.bin and reads every entry whole), Nd4j.read (allocates what a header declares),
        // Jackson polymorphic binding of class names from the file
        List<String> forbidden = List.of(
                "java/io/ObjectInputStream",
                "org/deeplearning4j/util/ModelSerializer",
                "(Ljava/io/DataInputStream;)Lorg/nd4j/linalg/api/ndarray/INDArray;",
                "fromJson",
                "readValue");
        for (Class<?> c : List.of(
                ModelStore.class, ModelZip.class, ModelZip.InvalidModelException.class, ModelFileException.class)) {
            String name = c.getName().substring(c.getPackageName().length() + 1) + ".class";
            String bytecode;
            try (var in = c.getResourceAsStream(name)) {
                bytecode = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            }
            for (String f : forbidden) {
                assertFalse(bytecode.contains(f), name + " refers to " + f);
            }
        }
    }

    // ---- sizes --------------------------------------------------------------------------------

    @Test
    void anEntryDeclaringGigabytesIsRejectedWithoutReadingIt() throws IOException {
        Path file = dir.resolve("declares.zip");
        Map<String, RawEntry> e = new LinkedHashMap<>();
        good.forEach((name, bytes) -> e.put(name, RawEntry.of(bytes)));
        RawEntry c = e.get(ModelZip.COEFFICIENTS);
        e.put(ModelZip.COEFFICIENTS, new RawEntry(c.deflated, c.crc, 3_000_000_000L)); // 3 GB
        writeRaw(file, e);
        String m = rejected(file, () -> ModelStore.load(file));
        assertTrue(m.contains("declares 3000000000 bytes"), m);
    }

    @Test
    void anEntryThatInflatesToGigabytesIsCutOffAtItsCap() throws IOException {
        for (String entry : List.of(ModelZip.DESCRIPTION, ModelZip.CONFIGURATION, ModelZip.COEFFICIENTS)) {
            Path file = dir.resolve("inflates-" + entry + ".zip");
            Map<String, RawEntry> e = new LinkedHashMap<>();
            good.forEach((name, bytes) -> e.put(name, RawEntry.of(bytes)));
            // 2 GiB of zeros in about 2 MB, declaring 100 bytes: only a cap on what is read stops it
            e.put(entry, new RawEntry(zeros(2048), 0, 100));
            writeRaw(file, e);
            String m = rejected(file, () -> ModelStore.load(file));
            assertTrue(m.contains(entry), m);
        }
        Path file = dir.resolve("inflates-" + ModelZip.DESCRIPTION + ".zip");
        assertTrue(rejected(file, () -> ModelStore.metadata(file)).contains("holds more than"));
    }

    @Test
    void aZipWithManyEntriesIsRejected() throws IOException {
        Map<String, byte[]> e = copy();
        for (int i = 0; i < 10_000; i++) {
            e.put("x" + i, new byte[0]);
        }
        Path file = write("many.zip", e);
        assertTrue(rejected(file, () -> ModelStore.load(file)).contains("10004 entries"));
    }

    // ---- coefficients and Adam state ------------------------------------------------------------

    @Test
    void coefficientsOfTheWrongLengthAreRejected() throws IOException {
        long n = config.parameterCount();
        Path shorter = write("short.zip", with(ModelZip.COEFFICIENTS, array(new long[] {1, n - 1}, n - 1)));
        assertTrue(rejected(shorter, () -> ModelStore.load(shorter)).contains("needs a vector of " + n));
        Path longer = write("long.zip", with(ModelZip.COEFFICIENTS, array(new long[] {n + 1}, n + 1)));
        assertTrue(rejected(longer, () -> ModelStore.load(longer)).contains("needs a vector of " + n));
    }

    @Test
    void coefficientsOfTheWrongShapeAreRejected() throws IOException {
        long n = config.parameterCount(); // 14,014 = 2 × 7,007
        Path matrix = write("matrix.zip", with(ModelZip.COEFFICIENTS, array(new long[] {2, n / 2}, n)));
        assertTrue(rejected(matrix, () -> ModelStore.load(matrix)).contains("shape [2, 7007]"));
        Path cube = write("cube.zip", with(ModelZip.COEFFICIENTS, array(new long[] {1, 1, n}, n)));
        assertTrue(rejected(cube, () -> ModelStore.load(cube)).contains("shape-information length 10"));
    }

    @Test
    void anArrayHeaderDeclaringAHugeLengthIsRejectedBeforeAllocating() throws IOException {
        long n = config.parameterCount();
        long huge = 1L << 40; // 4 TB of floats: Nd4j.read would try to allocate it
        Path shape = write("huge-shape.zip", with(ModelZip.COEFFICIENTS, array(new long[] {1, huge}, huge)));
        assertTrue(rejected(shape, () -> ModelStore.load(shape)).contains("shape [1, " + huge + "]"));
        byte[] lying = header(new long[] {1, n}, huge, "FLOAT"); // right shape, huge data length
        Path data = write("huge-data.zip", with(ModelZip.COEFFICIENTS, lying));
        assertTrue(rejected(data, () -> ModelStore.load(data)).contains("declares " + huge + " values"));
        Path doubles = write("doubles.zip", with(ModelZip.COEFFICIENTS, header(new long[] {1, n}, n, "DOUBLE")));
        assertTrue(rejected(doubles, () -> ModelStore.load(doubles)).contains("holds DOUBLE values"));
    }

    @Test
    void truncatedCoefficientsAreRejected() throws IOException {
        byte[] c = good.get(ModelZip.COEFFICIENTS);
        Path file = write("cut.zip", with(ModelZip.COEFFICIENTS, java.util.Arrays.copyOf(c, c.length - 10)));
        assertTrue(rejected(file, () -> ModelStore.load(file)).contains("truncated"));
    }

    @Test
    void anAdamStateOfTheWrongLengthIsRejected() throws IOException {
        long n = 2 * config.parameterCount() - 2;
        Path file = write("state.zip", with(ModelZip.UPDATER_STATE, array(new long[] {1, n}, n)));
        String m = rejected(file, () -> ModelStore.load(file));
        assertTrue(m.contains(ModelZip.UPDATER_STATE) && m.contains("needs a vector of " + (n + 2)), m);
    }

    // ---- configuration JSON -------------------------------------------------------------------

    @Test
    void aConfigurationNamingOtherLayerClassesIsRejected() throws IOException {
        String json = json();
        String frameConvolution = "io.github.cnnlstm.layers.FrameConvolutionLayer";
        assertTrue(json.contains(frameConvolution));
        Path stock = write(
                "stock.zip",
                with(
                        ModelZip.CONFIGURATION,
                        json.replace(frameConvolution, "org.deeplearning4j.nn.conf.layers.ConvolutionLayer")));
        String m = rejected(stock, () -> ModelStore.load(stock));
        assertTrue(m.contains("configuration differs at .confs[0].layer.@class") && m.contains("ConvolutionLayer"), m);
        Path gadget = write(
                "gadget.zip",
                with(
                        ModelZip.CONFIGURATION,
                        json.replace(
                                "org.nd4j.linalg.activations.impl.ActivationSoftmax",
                                "com.sun.rowset.JdbcRowSetImpl")));
        assertTrue(rejected(gadget, () -> ModelStore.load(gadget)).contains("JdbcRowSetImpl"));
    }

    @Test
    void aConfigurationOfAnotherArchitectureIsRejected() throws IOException {
        String json = json();
        // an LSTM of 60 units where the description and the coefficients are for 50
        Path wider =
                write("wider.zip", with(ModelZip.CONFIGURATION, json.replaceFirst("\"nout\" : 50", "\"nout\" : 60")));
        assertTrue(json.contains("\"nout\" : 50"));
        String m = rejected(wider, () -> ModelStore.load(wider));
        assertTrue(m.contains("is not the network this library builds") && m.contains("nout"), m);
        // a fourth layer appended
        Path deeper = write(
                "deeper.zip",
                with(
                        ModelZip.CONFIGURATION,
                        json.replaceFirst("\"confs\" : \\[", "\"confs\" : [ { \"layer\" : { } },")));
        assertTrue(rejected(deeper, () -> ModelStore.load(deeper))
                .contains("configuration differs at .confs: expected 3 elements, found 4"));
        Path other = write("other.zip", with(ModelZip.CONFIGURATION, "{ \"vertices\" : { } }"));
        assertTrue(rejected(other, () -> ModelStore.load(other)).contains("not the network"));
    }

    @Test
    void aConfigurationThatIsCostlyToParseIsRejectedBeforeParsing() throws IOException {
        Path nested = write("nested.zip", with(ModelZip.CONFIGURATION, "[".repeat(200_000)));
        assertTrue(rejected(nested, () -> ModelStore.load(nested)).contains("nests deeper than 32"));
        Path number = write("number.zip", with(ModelZip.CONFIGURATION, "{ \"seed\" : " + "9".repeat(200_000) + " }"));
        assertTrue(rejected(number, () -> ModelStore.load(number)).contains("number longer than 64"));
        Path text = write("text.zip", with(ModelZip.CONFIGURATION, "not json"));
        assertTrue(rejected(text, () -> ModelStore.load(text)).contains("not valid JSON"));
        Path counter = write(
                "counter.zip",
                with(
                        ModelZip.CONFIGURATION,
                        json().replace("\n  \"iterationCount\" : 0", "\n  \"iterationCount\" : -5")));
        assertTrue(rejected(counter, () -> ModelStore.load(counter)).contains("iterationCount = -5"));
    }

    // ---- description --------------------------------------------------------------------------

    @Test
    void descriptionNumbersOutOfRangeAreRejected() throws IOException {
        String[][] cases = {
            {"size=8", "size=100000", "size = 100000 is out of range: allowed 4..128"},
            {"filters=2", "filters=-1", "filters = -1 is out of range"},
            {"lstmUnits=50", "lstmUnits=abc", "lstmUnits = abc is not a whole number"},
            {"learningRate=0.001", "learningRate=NaN", "learningRate = NaN is out of range"},
            {"seed=7", "seed=", "seed =  is not a whole number"},
            {"size=8", "size=99999999999999999999", "size = 99999999999999999999 is not a whole number"},
        };
        for (String[] c : cases) {
            assertTrue(description.contains(c[0]), c[0]);
            Path file = write("description.zip", with(ModelZip.DESCRIPTION, description.replace(c[0], c[1])));
            String m = rejected(file, () -> ModelStore.load(file));
            assertTrue(m.contains("description in " + file) && m.contains(c[2]), m);
            assertTrue(rejected(file, () -> ModelStore.metadata(file)).contains(c[2]));
        }
    }

    @Test
    void aDescribedModelTooLargeToLoadIsRejectedBeforeAnyAllocation() throws IOException {
        String huge = description
                .replace("size=8", "size=128")
                .replace("filters=2", "filters=64")
                .replace("lstmUnits=50", "lstmUnits=1024"); // about a billion parameters, every number in range
        Path file = write("huge.zip", with(ModelZip.DESCRIPTION, huge));
        String m = rejected(file, () -> ModelStore.load(file));
        assertTrue(m.contains("parameters: allowed at most " + ModelStore.MAX_PARAMETERS), m);
    }

    @Test
    void anotherFormatOrLabelOrderIsRejected() throws IOException {
        Path format = write(
                "format.zip",
                with(ModelZip.DESCRIPTION, description.replace("format=" + ModelStore.FORMAT, "format=1")));
        assertTrue(rejected(format, () -> ModelStore.load(format)).contains("has format 1"));
        Path labels = write(
                "labels.zip",
                with(ModelZip.DESCRIPTION, description.replace("labels=Down,Left,Right,Up", "labels=Up,Down")));
        assertTrue(rejected(labels, () -> ModelStore.load(labels)).contains("labels Up,Down"));
        Path none = write("none.zip", without(ModelZip.DESCRIPTION));
        assertTrue(rejected(none, () -> ModelStore.load(none)).contains("has no description"));
        Path binary = write("binary.zip", with(ModelZip.DESCRIPTION, new byte[] {(byte) 0xff, (byte) 0xfe, 0}));
        assertTrue(rejected(binary, () -> ModelStore.load(binary)).contains("not UTF-8 text"));
    }

    // ---- files of the previous layout ---------------------------------------------------------

    @Test
    void aFileOfThePreviousLayoutStillLoadsWithoutDeserialization() throws IOException {
        CnnLstmModel model = CnnLstmModel.create(config);
        Trainer.train(model, TrainingConfig.defaults().withSequences(32));
        Map<String, byte[]> e = entries(ModelStore.save(model, dir.resolve("new.zip"), "old layout"));
        // what ModelSerializer.addObjectToFile wrote: the description as a serialized String
        byte[] text = e.remove(ModelZip.DESCRIPTION);
        e.put(ModelZip.LEGACY_DESCRIPTION, serialize(new String(text, StandardCharsets.UTF_8)));
        Path file = write("old.zip", e);
        CnnLstmModel loaded = assertTimeoutPreemptively(HANG, () -> ModelStore.load(file));
        List<LineSequence> seqs = new LineSequenceGenerator(8, 5).sequences(10);
        for (int i = 0; i < seqs.size(); i++) {
            assertArrayEquals(
                    model.predict(seqs).get(i).probabilities(),
                    loaded.predict(seqs).get(i).probabilities(),
                    0.0);
        }
        assertEquals("old layout", ModelStore.metadata(file).getProperty("description"));
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** Runs {@code load} under a hang guard; it must fail with a message naming the file and the fix. */
    private static String rejected(Path file, org.junit.jupiter.api.function.Executable load) {
        ModelFileException e = assertTimeoutPreemptively(HANG, () -> assertThrows(ModelFileException.class, load));
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()), m);
        assertTrue(m.contains("run notebook 03-training.ipynb"), m);
        assertEquals(file, e.file());
        return m;
    }

    private String json() {
        return new String(good.get(ModelZip.CONFIGURATION), StandardCharsets.UTF_8);
    }

    private Map<String, byte[]> copy() {
        return new LinkedHashMap<>(good);
    }

    private Map<String, byte[]> with(String entry, String text) {
        return with(entry, text.getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, byte[]> with(String entry, byte[] bytes) {
        Map<String, byte[]> e = copy();
        e.put(entry, bytes);
        return e;
    }

    private Map<String, byte[]> without(String entry) {
        Map<String, byte[]> e = copy();
        e.remove(entry);
        return e;
    }

    private static Map<String, byte[]> entries(Path file) throws IOException {
        Map<String, byte[]> e = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) { // a trusted file this test wrote
            for (ZipEntry z : java.util.Collections.list(zip.entries())) {
                e.put(z.getName(), zip.getInputStream(z).readAllBytes());
            }
        }
        return e;
    }

    private Path write(String name, Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve(name);
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
            }
        }
        return file;
    }

    /** An array as {@code Nd4j.write} lays it out, values 0.5, with a shape and length of our choosing. */
    private static byte[] array(long[] shape, long length) throws IOException {
        if (length > 10_000_000) {
            return header(shape, length, "FLOAT"); // the values are never reached
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(header(shape, length, "FLOAT"));
        DataOutputStream out = new DataOutputStream(bytes);
        for (long i = 0; i < length; i++) {
            out.writeFloat(0.5f);
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] header(long[] shape, long length, String type) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeUTF("MIXED_DATA_TYPES");
        out.writeLong(2L * shape.length + 4);
        out.writeUTF("LONG");
        out.writeLong(shape.length);
        for (long s : shape) {
            out.writeLong(s);
        }
        for (int i = 0; i < shape.length; i++) {
            out.writeLong(1); // strides: not looked at
        }
        out.writeLong(8192);
        out.writeLong(1);
        out.writeLong('c');
        out.writeUTF("MIXED_DATA_TYPES");
        out.writeLong(length);
        out.writeUTF(type);
        out.flush();
        return bytes.toByteArray();
    }

    private static byte[] serialize(Object o) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        return bytes.toByteArray();
    }

    /** Sets nested so that reading them back hashes each level twice per parent: 2^depth work. */
    private static Set<Object> nestedSets(int depth) {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < depth; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("x");
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }

    /**
     * {@code mib} MiB of zeros as raw deflate data, built by repeating one flushed block so that
     * making gigabytes costs milliseconds.
     */
    private static byte[] zeros(int mib) {
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION, true);
        d.setInput(new byte[1 << 20]);
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        int n;
        do {
            n = d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
            block.write(buf, 0, n);
        } while (n == buf.length || !d.needsInput());
        d.finish();
        ByteArrayOutputStream end = new ByteArrayOutputStream();
        while (!d.finished()) {
            n = d.deflate(buf);
            end.write(buf, 0, n);
        }
        d.end();
        byte[] b = block.toByteArray();
        ByteArrayOutputStream all = new ByteArrayOutputStream(b.length * mib + 16);
        for (int i = 0; i < mib; i++) {
            all.write(b, 0, b.length);
        }
        all.writeBytes(end.toByteArray());
        return all.toByteArray();
    }

    /** A deflated zip entry whose declared uncompressed size and CRC are whatever the test says. */
    private record RawEntry(byte[] deflated, long crc, long declaredSize) {
        static RawEntry of(byte[] bytes) {
            Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            d.setInput(bytes);
            d.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[1 << 16];
            while (!d.finished()) {
                out.write(buf, 0, d.deflate(buf));
            }
            d.end();
            CRC32 crc = new CRC32();
            crc.update(bytes);
            return new RawEntry(out.toByteArray(), crc.getValue(), bytes.length);
        }
    }

    /** Writes a zip by hand (local headers, central directory, end record), sizes as declared. */
    private static void writeRaw(Path file, Map<String, RawEntry> entries) throws IOException {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        ByteArrayOutputStream central = new ByteArrayOutputStream();
        for (Map.Entry<String, RawEntry> e : entries.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            RawEntry r = e.getValue();
            int offset = zip.size();
            zip.write(le(
                    4,
                    0x04034b50,
                    2,
                    20,
                    2,
                    0,
                    2,
                    8,
                    2,
                    0,
                    2,
                    0x21,
                    4,
                    r.crc,
                    4,
                    r.deflated.length,
                    4,
                    r.declaredSize,
                    2,
                    name.length,
                    2,
                    0));
            zip.write(name);
            zip.write(r.deflated);
            central.write(le(
                    4,
                    0x02014b50,
                    2,
                    20,
                    2,
                    20,
                    2,
                    0,
                    2,
                    8,
                    2,
                    0,
                    2,
                    0x21,
                    4,
                    r.crc,
                    4,
                    r.deflated.length,
                    4,
                    r.declaredSize,
                    2,
                    name.length,
                    2,
                    0,
                    2,
                    0,
                    2,
                    0,
                    2,
                    0,
                    4,
                    0,
                    4,
                    offset));
            central.write(name);
        }
        int cd = zip.size();
        zip.write(central.toByteArray());
        zip.write(le(4, 0x06054b50, 2, 0, 2, 0, 2, entries.size(), 2, entries.size(), 4, central.size(), 4, cd, 2, 0));
        Files.write(file, zip.toByteArray());
    }

    /** Little-endian fields given as (width in bytes, value) pairs. */
    private static byte[] le(long... widthsAndValues) {
        List<Byte> out = new ArrayList<>();
        for (int i = 0; i < widthsAndValues.length; i += 2) {
            for (int b = 0; b < widthsAndValues[i]; b++) {
                out.add((byte) (widthsAndValues[i + 1] >>> (8 * b)));
            }
        }
        byte[] a = new byte[out.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = out.get(i);
        }
        return a;
    }

    /** Records whether Java deserialization ever ran on an instance. */
    static final class Tripwire implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean deserialized;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            deserialized = true;
            in.defaultReadObject();
        }
    }
}
