/**
 * The two DL4J layers the course's network is made of, written for videos in which each frame is
 * the one before plus a pixel. As in DL4J's {@code nn.conf.layers}, the public types are the
 * configurations passed to {@code .layer(...)}: {@link io.github.cnnlstm.layers.FrameConvolutionLayer}
 * (convolution, ReLU, max pooling and flattening on every frame, straight from the recurrent layout)
 * and {@link io.github.cnnlstm.layers.LastStepLstmLayer} (an LSTM with DL4J's parameter layout that
 * outputs its last step only), and {@link io.github.cnnlstm.layers.FusedLayers}, which pairs the two
 * in a built network so that the LSTM hands the convolution its gradient in factored form
 * ({@code FactoredGradient}). Everything else is package-private: the runtime layers
 * ({@code FrameConvolutionImpl}, {@code LastStepLstmImpl}), their parameter initialisers, the float
 * LSTM loops ({@code FloatLstm}) and the scan for what changes between frames ({@code
 * InputChanges}). Both compute exactly what DL4J's stock layers compute, which the tests check,
 * with DL4J's gradient checks in double precision. Depends on {@code base} only.
 */
package io.github.cnnlstm.layers;
