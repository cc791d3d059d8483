package io.github.cnnlstm.persistence;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads the entries of a model zip as untrusted input: only {@code java.util.zip} and plain parsing,
 * never Java deserialization, and never more bytes than the entry may legitimately hold (a zip's
 * declared sizes can lie, so every read is capped as it goes). Every entry is read to its end,
 * and its length and CRC-32 are checked against what the zip's directory records for it, so a
 * damaged file is refused rather than loaded with different contents. Failures are
 * {@link InvalidModelException}s whose message says what is wrong ({@link DamagedEntryException}
 * for an entry whose bytes are not the ones that were saved).
 */
final class ModelZip implements AutoCloseable {
    static final String DESCRIPTION = "cnn-lstm.properties";
    /**
     * Where files of the older layout kept the description: a Java-serialized String, as DL4J's
     * {@code ModelSerializer.addObjectToFile} writes it, instead of the {@link #DESCRIPTION}
     * properties entry. The layout is not a format number: files of this layout state format 2.
     */
    static final String LEGACY_DESCRIPTION = "objects/cnn-lstm-metadata";

    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    static final String UPDATER_STATE = "updaterState.bin";
    private static final Set<String> KNOWN =
            Set.of(DESCRIPTION, LEGACY_DESCRIPTION, CONFIGURATION, COEFFICIENTS, UPDATER_STATE);

    /** More entries than a model file has; a zip with more is rejected before any is looked at. */
    static final int MAX_ENTRIES = 16;
    /** The ND4J array header that precedes a saved array's values: at most this many bytes. */
    private static final int MAX_ARRAY_HEADER = 256;

    private final ZipFile zip;

    private ModelZip(ZipFile zip) {
        this.zip = zip;
    }

    /** Opens {@code path}; rejects files that are not zips or hold entries a model file never has. */
    static ModelZip open(Path path) throws IOException {
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (IOException e) {
            throw new InvalidModelException("it is not a zip file (truncated, damaged or not a model file)", e);
        }
        try {
            if (zip.size() > MAX_ENTRIES) {
                throw new InvalidModelException(
                        "it has " + zip.size() + " entries; a model file has at most " + KNOWN.size());
            }
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (!KNOWN.contains(name)) {
                    throw new InvalidModelException("it holds an entry \"" + printable(name)
                            + "\" that model files of this library never contain (allowed: " + KNOWN + ")");
                }
            }
            return new ModelZip(zip);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    boolean has(String name) {
        return zip.getEntry(name) != null;
    }

    /** The whole entry, which must exist and hold at most {@code maxBytes} bytes. */
    byte[] bytes(String name, int maxBytes) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new InvalidModelException("it has no entry \"" + name + "\"");
        }
        checkDeclaredSize(e, maxBytes);
        try (InputStream in = verified(e, maxBytes)) {
            return in.readAllBytes(); // capped: an entry that lied about its size fails at the cap
        }
    }

    /**
     * Reads every entry to its end, each capped at {@code maxBytes.get(name)}, checking its length
     * and CRC-32 against the zip's records: a damaged entry is reported as such before any entry
     * is parsed (a parser would otherwise report the damage as a malformed array or JSON).
     */
    void verifyAll(Map<String, Long> maxBytes) throws IOException {
        byte[] buffer = new byte[1 << 16];
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry e = entries.nextElement();
            Long max = maxBytes.get(e.getName());
            if (max == null) {
                throw new InvalidModelException("it holds an entry \"" + printable(e.getName())
                        + "\" that model files of this library never" + " contain (allowed: " + KNOWN + ")");
            }
            checkDeclaredSize(e, max);
            try (InputStream in = verified(e, max)) {
                while (in.read(buffer) >= 0) {
                    // read to the end: the stream checks length and CRC there
                }
            }
        }
    }

    /** Most bytes that {@code Nd4j.write} takes for a vector of {@code values} floats. */
    static long maxArrayBytes(long values) {
        return MAX_ARRAY_HEADER + 4 * values;
    }

    private static void checkDeclaredSize(ZipEntry e, long maxBytes) throws InvalidModelException {
        if (e.getSize() > maxBytes) {
            throw new InvalidModelException("its entry \"" + e.getName() + "\" declares " + e.getSize()
                    + " bytes; at most " + maxBytes + " are allowed");
        }
    }

    /**
     * The entry's bytes, at most {@code maxBytes} of them, checked when the stream reaches the
     * end: the length and CRC-32 must be what the zip records. Errors of the zip's own reader
     * (corrupt compressed data, a damaged local header) become {@link DamagedEntryException}s.
     */
    private InputStream verified(ZipEntry e, long maxBytes) throws IOException {
        InputStream raw;
        try {
            raw = zip.getInputStream(e);
        } catch (java.util.zip.ZipException ex) {
            throw new DamagedEntryException(e.getName(), "cannot be found in the file (" + ex.getMessage() + ")", ex);
        }
        return new VerifiedStream(raw, e, maxBytes);
    }

    /** The entry as UTF-8 text (malformed bytes are an error, not replaced). */
    String text(String name, int maxBytes) throws IOException {
        byte[] data = bytes(name, maxBytes);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException ex) {
            throw new InvalidModelException("its entry \"" + name + "\" is not UTF-8 text", ex);
        }
    }

    /**
     * The String that {@code ObjectOutputStream.writeObject(String)} wrote into the entry, parsed
     * by hand: stream magic and version, then {@code TC_STRING}, a two-byte length and modified
     * UTF-8 (the layout {@link DataInputStream#readUTF} reads). Anything else, a serialized object
     * in particular, is rejected without being interpreted.
     */
    String serializedString(String name, int maxBytes) throws IOException {
        byte[] data = bytes(name, maxBytes);
        int streamMagic = 0xACED;
        int streamVersion = 5;
        int tcString = 0x74;
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(data));
            if (in.readUnsignedShort() != streamMagic
                    || in.readUnsignedShort() != streamVersion
                    || in.readUnsignedByte() != tcString) {
                throw new InvalidModelException("its entry \"" + name + "\" is a Java-serialized object, not the"
                        + " description text this library wrote there; it is not read");
            }
            String s = in.readUTF();
            if (in.read() != -1) {
                throw new InvalidModelException("its entry \"" + name + "\" has bytes after the description text");
            }
            return s;
        } catch (EOFException | java.io.UTFDataFormatException e) {
            throw new InvalidModelException("its entry \"" + name + "\" is cut short or not text", e);
        }
    }

    /**
     * The float values of an array that {@code Nd4j.write} saved in the entry, which must be a
     * vector of exactly {@code expected} values ({@code [n]} or {@code [1, n]}). The header is
     * checked before anything is allocated, unlike {@code Nd4j.read}, which allocates whatever
     * length the header declares.
     */
    float[] floatVector(String name, long expected) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            throw new InvalidModelException("it has no entry \"" + name + "\"");
        }
        long maxBytes = maxArrayBytes(expected);
        if (e.getSize() > maxBytes) {
            throw new InvalidModelException("its entry \"" + name + "\" declares " + e.getSize() + " bytes; " + expected
                    + " values take at most " + maxBytes);
        }
        try (InputStream raw = verified(e, maxBytes)) {
            DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16));
            // shape information: a LONG buffer [rank, shape…, strides…, extras, element-wise stride, order]
            long infoLength = header(in, name, "LONG");
            if (infoLength != 6 && infoLength != 8) {
                throw new InvalidModelException("its entry \"" + name + "\" holds an array of shape-information"
                        + " length " + infoLength + "; a vector has 6 or 8");
            }
            long[] info = new long[(int) infoLength];
            for (int i = 0; i < info.length; i++) {
                info[i] = in.readLong();
            }
            int rank = (int) ((infoLength - 4) / 2);
            long[] shape = java.util.Arrays.copyOfRange(info, 1, 1 + rank);
            boolean vector =
                    info[0] == rank && (rank == 1 ? shape[0] == expected : shape[0] == 1 && shape[1] == expected);
            if (!vector) {
                throw new InvalidModelException("its entry \"" + name + "\" holds an array of shape "
                        + java.util.Arrays.toString(shape) + " (rank " + info[0] + "); the model needs a vector of "
                        + expected + " values");
            }
            long length = header(in, name, "FLOAT");
            if (length != expected) {
                throw new InvalidModelException(
                        "its entry \"" + name + "\" declares " + length + " values; the model needs " + expected);
            }
            float[] values = new float[Math.toIntExact(expected)];
            byte[] chunk = new byte[1 << 16];
            int done = 0;
            while (done < values.length) {
                int n = Math.min(chunk.length / 4, values.length - done);
                in.readFully(chunk, 0, 4 * n);
                ByteBuffer.wrap(chunk, 0, 4 * n)
                        .order(ByteOrder.BIG_ENDIAN)
                        .asFloatBuffer()
                        .get(values, done, n);
                done += n;
            }
            if (in.read() != -1) {
                throw new InvalidModelException(
                        "its entry \"" + name + "\" has bytes after its " + expected + " values");
            }
            return values;
        } catch (EOFException | java.io.UTFDataFormatException ex) {
            throw new InvalidModelException("its entry \"" + name + "\" is cut short (truncated) or damaged", ex);
        }
    }

    /** An ND4J buffer header: allocation mode, length, data type (which must be {@code type}). */
    private static long header(DataInputStream in, String name, String type) throws IOException {
        String mode = in.readUTF();
        if (!mode.equals("MIXED_DATA_TYPES") && !mode.equals("LONG_SHAPE")) {
            throw new InvalidModelException(
                    "its entry \"" + name + "\" has an array header of an unsupported kind (" + printable(mode) + ")");
        }
        long length = in.readLong();
        String actual = in.readUTF();
        if (!actual.equals(type)) {
            throw new InvalidModelException("its entry \"" + name + "\" holds " + printable(actual) + " values where "
                    + type + " values belong");
        }
        return length;
    }

    /** At most 60 characters of an untrusted string, control characters replaced, for messages. */
    static String printable(String s) {
        String cut = s.length() > 60 ? s.substring(0, 60) + "…" : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /**
     * An entry's stream that counts and checksums the bytes as they are read, fails once more than
     * {@code maxBytes} have come, and at the end compares length and CRC-32 with the zip's records.
     */
    private static final class VerifiedStream extends FilterInputStream {
        private final ZipEntry entry;
        private final long maxBytes;
        private final CRC32 crc = new CRC32();
        private long count;
        private boolean checked;

        VerifiedStream(InputStream in, ZipEntry entry, long maxBytes) {
            super(in);
            this.entry = entry;
            this.maxBytes = maxBytes;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n;
            try {
                n = in.read(b, off, (int) Math.min(len, maxBytes - count + 1));
            } catch (InvalidModelException ex) {
                throw ex;
            } catch (IOException ex) { // ZipException, EOFException: corrupt or cut-short compressed data
                throw new DamagedEntryException(
                        entry.getName(), "has compressed data that cannot be read (" + ex.getMessage() + ")", ex);
            }
            if (n < 0) {
                end();
                return -1;
            }
            count += n;
            if (count > maxBytes) {
                throw new InvalidModelException(
                        "its entry \"" + entry.getName() + "\" holds more than " + maxBytes + " bytes");
            }
            crc.update(b, off, n);
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 1 << 13)];
            long done = 0;
            while (done < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void end() throws DamagedEntryException {
            if (checked) {
                return;
            }
            checked = true;
            if (count != entry.getSize()) {
                throw new DamagedEntryException(
                        entry.getName(), "holds " + count + " bytes where the zip records " + entry.getSize());
            }
            if (crc.getValue() != entry.getCrc()) {
                throw new DamagedEntryException(
                        entry.getName(),
                        String.format(
                                java.util.Locale.ROOT,
                                "has CRC-32 %08x where the zip records %08x",
                                crc.getValue(),
                                entry.getCrc()));
            }
        }
    }

    /** Why a model file cannot be used; the message completes "Cannot load the model in FILE: …". */
    static class InvalidModelException extends IOException {
        private static final long serialVersionUID = 1L;

        InvalidModelException(String message) {
            super(message);
        }

        InvalidModelException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * An entry whose bytes are not the ones that were saved: its length or CRC-32 differs from the
     * zip's records, or its compressed data is corrupt. The message completes "its entry NAME …".
     */
    static final class DamagedEntryException extends InvalidModelException {
        private static final long serialVersionUID = 1L;
        private final String entry;

        DamagedEntryException(String entry, String message) {
            this(entry, message, null);
        }

        DamagedEntryException(String entry, String message, Throwable cause) {
            super(message, cause);
            this.entry = entry;
        }

        /** The damaged entry's name. */
        String entry() {
            return entry;
        }
    }
}
