/**
 * Every figure of the course, the last stage of the pipeline.
 *
 * <p>Pictures that must show wherever a notebook is read are PNG images drawn by hand in Java2D
 * ({@link io.github.cnnlstm.plots.FrameImages}, {@link io.github.cnnlstm.plots.FilterImages},
 * {@link io.github.cnnlstm.plots.ArchitectureDiagram}, {@link io.github.cnnlstm.plots.LstmStepDiagram}).
 *
 * <p>Charts ({@link io.github.cnnlstm.plots.LossCurve}, {@link io.github.cnnlstm.plots.ConfusionMatrixChart},
 * {@link io.github.cnnlstm.plots.InsightCharts}) are each described once, as a {@code Figure} (data,
 * titles, axes, series, reference lines, notes, heat map, size), and returned as a {@link
 * io.github.cnnlstm.plots.Chart} with a one-line summary. Two renderers read the figure: {@code
 * PlotlyJson} (plotly's JSON, written by {@code Json}: the live chart in JupyterLab and VS Code, no
 * plotly.js in the notebook) and {@code ChartImage} (a PNG drawn by JFreeChart: the still picture
 * for GitHub, nbviewer and exports). {@code NotebookOutput} is the one place that reaches the JJava
 * kernel (by reflection): it packs both, with the summary, into one output bundle and displays or
 * updates it. {@link io.github.cnnlstm.plots.TrainingView} shows training live: an HTML progress
 * line and the loss chart, each updated in place.
 *
 * <p>Depends on {@code base}, {@code data}, {@code model}, {@code training}, {@code evaluation} and
 * {@code insights}; nothing depends on it.
 */
package io.github.cnnlstm.plots;
