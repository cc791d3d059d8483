/**
 * How good a trained model is on fresh videos: {@link io.github.cnnlstm.evaluation.Evaluator}
 * scores it in batches, and an {@link io.github.cnnlstm.evaluation.EvaluationReport} holds the
 * accuracy with its 95% interval, the loss, the confusion matrix and precision and recall per
 * direction. Depends on {@code base}, {@code data} and {@code model}.
 */
package io.github.cnnlstm.evaluation;
