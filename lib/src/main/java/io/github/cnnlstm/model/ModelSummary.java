package io.github.cnnlstm.model;

import java.util.List;
import java.util.Locale;

/**
 * A Keras-style summary: one row per stage with its output shape and parameter count.
 *
 * @param rows            the stages, input first
 * @param totalParameters all trainable parameters
 */
public record ModelSummary(List<Row> rows, long totalParameters) {

    /**
     * One stage of the model.
     *
     * @param name        short name
     * @param description what the stage does
     * @param outputShape shape of what it produces, batch first
     * @param parameters  its trainable parameters
     */
    public record Row(String name, String description, String outputShape, long parameters) {}

    /** A fixed-width text table, as Keras's {@code model.summary()} prints. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        String line = "-".repeat(86) + "\n";
        sb.append(String.format(Locale.ROOT, "%-8s %-40s %-26s %9s%n", "Layer", "Type", "Output shape", "Params"));
        sb.append(line);
        for (Row r : rows) {
            sb.append(String.format(
                    Locale.ROOT,
                    "%-8s %-40s %-26s %,9d%n",
                    r.name(),
                    r.description(),
                    r.outputShape(),
                    r.parameters()));
        }
        sb.append(line);
        sb.append(String.format(Locale.ROOT, "Trainable parameters: %,d", totalParameters));
        return sb.toString();
    }
}
