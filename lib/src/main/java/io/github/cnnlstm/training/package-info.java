/**
 * Training: {@link io.github.cnnlstm.training.Trainer} streams freshly generated mini-batches
 * through a model with the budget of a {@link io.github.cnnlstm.training.TrainingConfig}, records a
 * {@link io.github.cnnlstm.training.TrainingHistory} and reports {@link
 * io.github.cnnlstm.training.TrainingProgress} to a {@link io.github.cnnlstm.training.ProgressListener};
 * Jupyter's stop button ends it after the current batch. {@link
 * io.github.cnnlstm.training.Fingerprint} digests a short seeded run, so a machine can tell whether
 * it trains the course's model to the same bits as another. Depends on {@code base}, {@code data}
 * and {@code model}.
 */
package io.github.cnnlstm.training;
