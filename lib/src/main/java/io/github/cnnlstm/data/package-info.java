/**
 * The videos, the first stage of the pipeline (data → model → training → evaluation → persistence →
 * insights → plots). {@link io.github.cnnlstm.data.LineSequenceGenerator} draws seeded videos of a
 * line growing from one edge (or of a moving dot), one {@link io.github.cnnlstm.data.LineSequence}
 * each, labelled with a {@link io.github.cnnlstm.data.Direction}; {@link
 * io.github.cnnlstm.data.LineSequenceIterator} streams them in mini-batches for training, and {@link
 * io.github.cnnlstm.data.SequenceTensors} turns them into ND4J tensors in DL4J's recurrent layout
 * {@code [batch, pixels, frames]}. Depends on {@code base} only.
 */
package io.github.cnnlstm.data;
