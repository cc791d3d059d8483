package io.github.cnnlstm.persistence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import io.github.cnnlstm.training.Trainer;
import io.github.cnnlstm.training.TrainingConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved model file damaged at random, seeded positions: single-byte flips, runs of random bytes
 * and truncations, over every part of the zip. Each damaged copy must be refused with a
 * {@link ModelFileException} within a second, or load exactly the saved model (bit for bit); it
 * must never load a different one.
 */
class DamagedModelFileTest {
    private static final Duration HANG = Duration.ofSeconds(20);
    private static final long REFUSAL_MILLIS = 1000;
    private static final int DAMAGES = 1200;

    @TempDir
    Path dir;

    private final ModelConfig config = ModelConfig.defaults().withSize(12).withSeed(19);
    private byte[] saved;
    private Saved reference;

    /** What a load must reproduce exactly. */
    private record Saved(ModelConfig config, int[] parameters, int[] updaterState, int iterations) {
        static Saved of(CnnLstmModel model) {
            var network = model.network();
            return new Saved(
                    model.config(),
                    bits(network.params().toFloatVector()),
                    bits(network.getUpdater().getStateViewArray().toFloatVector()),
                    network.getIterationCount());
        }

        void assertSameAs(Saved other, String what) {
            assertEquals(config, other.config, what);
            assertArrayEquals(parameters, other.parameters, what + ": parameters");
            assertArrayEquals(updaterState, other.updaterState, what + ": Adam state");
            assertEquals(iterations, other.iterations, what + ": iteration count");
        }
    }

    /** A part of the file: an entry (local header, data, data descriptor), the directory, its end record. */
    private record Region(String name, int start, int end, int dataStart, int dataEnd) {
        boolean holds(int from, int to) {
            return from >= dataStart && to <= dataEnd;
        }
    }

    @BeforeEach
    void saveATrainedModel() throws IOException {
        CnnLstmModel model = CnnLstmModel.create(config);
        Trainer.train(model, TrainingConfig.defaults().withSequences(16)); // a non-zero Adam state
        saved = Files.readAllBytes(ModelStore.save(model, dir.resolve("saved.zip"), "damage me"));
        reference = Saved.of(model);
        CnnLstmModel loaded = ModelStore.load(dir.resolve("saved.zip"));
        reference.assertSameAs(Saved.of(loaded), "the undamaged file");
        loaded.network().close();
    }

    @Test
    void aDamagedFileIsRefusedOrLoadsExactlyTheSavedModel() throws IOException {
        List<Region> regions = regions(saved);
        int[] hits = new int[regions.size()];
        SplittableRandom random = new SplittableRandom(20240519L);
        int refused = 0;
        int identical = 0;
        long slowest = 0;
        for (int i = 0; i < DAMAGES; i++) {
            // half anywhere in the file, half in a part chosen first, so that small entries are hit often
            int at;
            if (i % 2 == 0) {
                at = random.nextInt(saved.length);
            } else {
                Region r = regions.get(random.nextInt(regions.size()));
                at = r.start + random.nextInt(r.end - r.start);
            }
            byte[] damaged = saved.clone();
            int length;
            String what;
            if (i % 4 < 2) {
                length = 1;
                int mask = 1 + random.nextInt(255);
                damaged[at] ^= (byte) mask;
                what = String.format(Locale.ROOT, "byte %d xor 0x%02x", at, mask);
            } else {
                length = Math.min(1 + random.nextInt(64), saved.length - at);
                for (int j = 0; j < length; j++) {
                    damaged[at + j] = (byte) random.nextInt(256);
                }
                what = "bytes " + at + ".." + (at + length - 1) + " random";
            }
            for (int r = 0; r < regions.size(); r++) {
                hits[r] += regions.get(r).start <= at && at < regions.get(r).end ? 1 : 0;
            }
            Region within = null;
            for (Region r : regions) {
                within = r.holds(at, at + length) ? r : within;
            }
            long millis = check(damaged, what + " (" + regions.get(regionOf(regions, at)).name + ")", within);
            if (millis < 0) {
                identical++;
            } else {
                refused++;
                slowest = Math.max(slowest, millis);
            }
        }
        int truncations = 0;
        for (int k = 0; k < 64; k++) {
            long millis = check(
                    Arrays.copyOf(saved, (int) ((long) saved.length * k / 64)),
                    "cut to " + k + "/64 of its length",
                    null);
            truncations++;
            assertTrue(millis >= 0, "a file cut to " + k + "/64 of its length loaded");
            refused++;
            slowest = Math.max(slowest, millis);
        }
        for (int r = 0; r < regions.size(); r++) {
            assertTrue(hits[r] >= 20, regions.get(r).name + " was damaged only " + hits[r] + " times");
        }
        System.out.printf(
                Locale.ROOT,
                "damaged model files: %d copies (%d byte flips, %d byte runs, %d truncations) of a %d-byte file:"
                        + " %d refused (slowest %d ms), %d loaded identical to the saved model%n",
                DAMAGES + truncations,
                (DAMAGES + 1) / 2,
                DAMAGES / 2,
                truncations,
                saved.length,
                refused,
                slowest,
                identical);
        assertTrue(refused > DAMAGES / 2, "most damaged files are refused");
    }

    @Test
    void anEntryThatContradictsItsRecordedChecksumIsRefusedNamingTheEntry() throws IOException {
        // one coefficient changed and the zip's directory given the saved bytes' CRC: what a damage
        // that still inflates looks like
        long savedCrc;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipFile zip = new ZipFile(dir.resolve("saved.zip").toFile());
                ZipOutputStream out = new ZipOutputStream(bytes)) {
            savedCrc = zip.getEntry(ModelZip.COEFFICIENTS).getCrc();
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                byte[] data = zip.getInputStream(e).readAllBytes();
                if (e.getName().equals(ModelZip.COEFFICIENTS)) {
                    data[data.length - 3] ^= 0x10; // in the last value's mantissa
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(data);
            }
        }
        byte[] zip = bytes.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = zip.length - 22;
        int p = b.getInt(eocd + 16);
        while (!new String(zip, p + 46, b.getShort(p + 28), StandardCharsets.UTF_8).equals(ModelZip.COEFFICIENTS)) {
            p += 46 + b.getShort(p + 28) + b.getShort(p + 30) + b.getShort(p + 32);
        }
        b.putInt(p + 16, (int) savedCrc);
        Path file = dir.resolve("changed.zip");
        Files.write(file, zip);
        ModelFileException e = assertTimeoutPreemptively(HANG, () -> {
            try {
                ModelStore.load(file);
            } catch (ModelFileException x) {
                return x;
            }
            return fail("the damaged file loaded");
        });
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()) && m.contains("damaged"), m);
        assertTrue(m.contains("\"" + ModelZip.COEFFICIENTS + "\"") && m.contains("CRC-32"), m);
        assertTrue(m.contains("run notebook 03-training.ipynb"), m);
    }

    /**
     * Loads {@code damaged}: returns how long the refusal took in milliseconds, or −1 if the file
     * loaded (and then it is the saved model exactly); {@code within}, if not null, is the entry
     * whose compressed data holds all the damage, which a refusal must name.
     */
    private long check(byte[] damaged, String what, Region within) throws IOException {
        Path file = dir.resolve("damaged.zip");
        Files.write(file, damaged);
        Object result = assertTimeoutPreemptively(HANG, () -> {
            long start = System.nanoTime();
            try {
                return ModelStore.load(file);
            } catch (ModelFileException e) {
                return new Object[] {e, (System.nanoTime() - start) / 1_000_000};
            } catch (Throwable t) {
                throw new AssertionError(what + ": not a ModelFileException", t);
            }
        });
        Files.delete(file);
        if (result instanceof CnnLstmModel loaded) {
            try {
                reference.assertSameAs(Saved.of(loaded), what + " loaded another model");
            } finally {
                loaded.network().close();
            }
            return -1;
        }
        Object[] refusal = (Object[]) result;
        ModelFileException e = (ModelFileException) refusal[0];
        long millis = (Long) refusal[1];
        String m = e.getMessage();
        assertTrue(m.contains(file.toString()) && m.contains("run notebook 03-training.ipynb"), what + ": " + m);
        assertTrue(millis < REFUSAL_MILLIS, what + ": refused after " + millis + " ms");
        if (within != null && !within.name.startsWith("(")) {
            assertTrue(m.contains("\"" + within.name + "\""), what + ": the message does not name the entry: " + m);
        }
        return millis;
    }

    private static int regionOf(List<Region> regions, int at) {
        for (int r = 0; r < regions.size(); r++) {
            if (regions.get(r).start <= at && at < regions.get(r).end) {
                return r;
            }
        }
        throw new IllegalArgumentException("position " + at);
    }

    /** The file's parts, read from its central directory (a trusted file this test wrote). */
    private static List<Region> regions(byte[] zip) {
        ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = zip.length - 22; // no comment
        assertEquals(0x06054b50, b.getInt(eocd));
        int count = b.getShort(eocd + 10) & 0xffff;
        int cd = b.getInt(eocd + 16);
        List<Region> regions = new ArrayList<>();
        int p = cd;
        List<int[]> entries = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            assertEquals(0x02014b50, b.getInt(p));
            int compressed = b.getInt(p + 20);
            int nameLength = b.getShort(p + 28) & 0xffff;
            int extra = b.getShort(p + 30) & 0xffff;
            int comment = b.getShort(p + 32) & 0xffff;
            int offset = b.getInt(p + 42);
            names.add(new String(zip, p + 46, nameLength, StandardCharsets.UTF_8));
            entries.add(new int[] {offset, compressed});
            p += 46 + nameLength + extra + comment;
        }
        for (int i = 0; i < count; i++) {
            int offset = entries.get(i)[0];
            int end = i + 1 < count ? entries.get(i + 1)[0] : cd;
            int data = offset + 30 + (b.getShort(offset + 26) & 0xffff) + (b.getShort(offset + 28) & 0xffff);
            regions.add(new Region(names.get(i), offset, end, data, data + entries.get(i)[1]));
        }
        regions.add(new Region("(central directory)", cd, eocd, cd, eocd));
        regions.add(new Region("(end record)", eocd, zip.length, eocd, zip.length));
        assertEquals(
                List.of(
                        ModelZip.CONFIGURATION,
                        ModelZip.COEFFICIENTS,
                        ModelZip.UPDATER_STATE,
                        ModelZip.DESCRIPTION,
                        "(central directory)",
                        "(end record)"),
                regions.stream().map(Region::name).toList());
        return regions;
    }

    private static int[] bits(float[] values) {
        int[] b = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = Float.floatToRawIntBits(values[i]);
        }
        return b;
    }
}
