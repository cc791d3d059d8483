package io.github.cnnlstm.training;

import io.github.cnnlstm.base.Check;

/**
 * How much and on what to train.
 *
 * @param sequences     training sequences per epoch, in [1, 10,000,000]
 * @param batchSize     sequences per mini-batch, in [1, 4,096]
 * @param epochs        passes over the sequences, in [1, 1,000]
 * @param seed          seed of the training data (use another seed for evaluation data)
 * @param accuracyEvery measure accuracy on every n-th batch before training on it, in [1, 1,000]
 */
public record TrainingConfig(int sequences, int batchSize, int epochs, long seed, int accuracyEvery) {
    public static final int DEFAULT_SEQUENCES = 5_000;
    public static final int DEFAULT_BATCH_SIZE = 32;
    public static final long DEFAULT_SEED = 1;

    public TrainingConfig {
        Check.inRange("sequences", sequences, 1, 10_000_000);
        Check.inRange("batchSize", batchSize, 1, 4_096);
        Check.inRange("epochs", epochs, 1, 1_000);
        Check.inRange("accuracyEvery", accuracyEvery, 1, 1_000);
    }

    /** The original example's budget: 5,000 sequences, batch 32, one epoch. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(DEFAULT_SEQUENCES, DEFAULT_BATCH_SIZE, 1, DEFAULT_SEED, 5);
    }

    public TrainingConfig withSequences(int sequences) {
        return new TrainingConfig(sequences, batchSize, epochs, seed, accuracyEvery);
    }

    public TrainingConfig withBatchSize(int batchSize) {
        return new TrainingConfig(sequences, batchSize, epochs, seed, accuracyEvery);
    }

    public TrainingConfig withEpochs(int epochs) {
        return new TrainingConfig(sequences, batchSize, epochs, seed, accuracyEvery);
    }

    public TrainingConfig withSeed(long seed) {
        return new TrainingConfig(sequences, batchSize, epochs, seed, accuracyEvery);
    }

    /** Mini-batches per epoch. */
    public int batchesPerEpoch() {
        return (sequences + batchSize - 1) / batchSize;
    }
}
