/**
 * The CNN-LSTM itself: {@link io.github.cnnlstm.model.ModelConfig} (size, filters, kernel and pool
 * sizes, LSTM units, learning rate, seed: every configuration it accepts builds, trains and saves)
 * and {@link io.github.cnnlstm.model.CnnLstmModel}, the DL4J network built from it with the layers of
 * {@code layers}, with what the notebooks ask of it: probabilities ({@link
 * io.github.cnnlstm.model.Prediction}), the probabilities after every frame, the convolution's
 * kernels and feature maps ({@link io.github.cnnlstm.model.FeatureMaps}) and a parameter table
 * ({@link io.github.cnnlstm.model.ModelSummary}). Depends on {@code base}, {@code data} and {@code
 * layers}.
 */
package io.github.cnnlstm.model;
