/**
 * What notebook 6 asks of a trained model: how early it knows ({@link
 * io.github.cnnlstm.insights.EarlyAccuracy}, accuracy after each frame), which videos it finds
 * hardest ({@link io.github.cnnlstm.insights.Gallery}) and how noise and gaps it never saw hurt it
 * ({@link io.github.cnnlstm.insights.Robustness}). Depends on {@code base}, {@code data} and {@code
 * model}.
 */
package io.github.cnnlstm.insights;
