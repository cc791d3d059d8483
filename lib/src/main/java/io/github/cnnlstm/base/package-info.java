/**
 * The foundation every other package stands on, and which imports none of them: argument checks
 * whose messages name the bad value and what is allowed ({@link io.github.cnnlstm.base.Check}), bulk
 * copies between Java arrays and ND4J's memory ({@link io.github.cnnlstm.base.NdArrays}), the
 * numerical set-up that makes training give the same bits on every x86-64 CPU with AVX2
 * ({@link io.github.cnnlstm.base.Numerics}, called before anything loads ND4J), the rounding of
 * numbers shown in tables ({@link io.github.cnnlstm.base.Rounding}), the notebook kernel's start-up
 * and shutdown ({@link io.github.cnnlstm.base.KernelExtension}) and its exit with the process that
 * started it ({@link io.github.cnnlstm.base.KernelParent}), and the library's version
 * ({@link io.github.cnnlstm.base.Library}).
 */
package io.github.cnnlstm.base;
