/**
 * Every figure of the course, the last stage of the pipeline. Pictures that must show wherever a
 * notebook is read are PNG images ({@link io.github.cnnlstm.plots.FrameImages}, {@link
 * io.github.cnnlstm.plots.FilterImages}, {@link io.github.cnnlstm.plots.ArchitectureDiagram}); curves
 * and the confusion matrix are Tablesaw/plotly charts ({@link io.github.cnnlstm.plots.LossCurve},
 * {@link io.github.cnnlstm.plots.ConfusionMatrixChart}, {@link io.github.cnnlstm.plots.InsightCharts},
 * {@link io.github.cnnlstm.plots.TrainingView}) with plotly.js served from the classpath ({@link
 * io.github.cnnlstm.plots.PlotlyHtml}) and a text line that says what each shows. Each chart is
 * described once ({@code Chart}) and also drawn as a still PNG ({@code ChartPicture}, Java2D) that its
 * HTML carries for viewers that run no script. Depends on {@code base},
 * {@code data}, {@code model}, {@code training}, {@code evaluation} and {@code insights}; nothing
 * depends on it.
 */
package io.github.cnnlstm.plots;
