package io.github.cnnlstm.training;

import io.github.cnnlstm.base.Numerics;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.data.SequenceTensors;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A digest of how this machine trains: a short seeded run of the course's own model, layers and
 * optimiser, reduced to 16 hex digits. Two machines with the same fingerprint train the course's
 * model to the same bits, so the notebooks' recorded outputs can be compared exactly; a machine
 * with another one (another BLAS kernel, another CPU family) can compare them only within
 * tolerances. The tests compare it with the one recorded beside the notebooks.
 */
public final class Fingerprint {
    private Fingerprint() {}

    /** Sequences trained on: four mini-batches of 32, enough to pass through every product. */
    static final int SEQUENCES = 128;

    /**
     * Trains the default model on {@value #SEQUENCES} seeded videos and digests its parameters and
     * its probabilities for eight fresh videos. Takes about a second. Calls {@link
     * Numerics#configure()} first.
     */
    public static String compute() {
        Numerics.configure();
        CnnLstmModel model = CnnLstmModel.create(ModelConfig.defaults());
        Trainer.train(model, TrainingConfig.defaults().withSequences(SEQUENCES));
        MessageDigest digest = sha256();
        update(digest, model.network().params());
        INDArray features = SequenceTensors.features(new LineSequenceGenerator(50, 7).sequences(8));
        update(digest, model.output(features));
        features.close();
        StringBuilder hex = new StringBuilder();
        for (byte b : digest.digest()) {
            hex.append(String.format("%02x", b));
        }
        return hex.substring(0, 16);
    }

    private static void update(MessageDigest digest, INDArray array) {
        for (float v : array.reshape(array.length()).toFloatVector()) {
            int bits = Float.floatToRawIntBits(v);
            digest.update(new byte[] {(byte) bits, (byte) (bits >>> 8), (byte) (bits >>> 16), (byte) (bits >>> 24)});
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Prints the BLAS set-up and the fingerprint, one per line (for scripts and the tests). */
    public static void main(String[] args) {
        System.out.println(Numerics.configure());
        System.out.println(compute());
        System.exit(0);
    }
}
