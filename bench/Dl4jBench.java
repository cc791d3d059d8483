import io.github.cnnlstm.base.Numerics;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.data.SequenceTensors;
import io.github.cnnlstm.evaluation.Evaluator;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import io.github.cnnlstm.training.Trainer;
import io.github.cnnlstm.training.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One DL4J measurement for bench/run: trains the course's model with the course's defaults, then
 * measures inference, data generation and accuracy. Prints one line of key=value figures.
 * Arguments: sequences seed [size] (default 50: videos of size frames of size × size pixels).
 */
public class Dl4jBench {
    /** Training batches run before timing, on each side of the benchmark. */
    static final int WARMUP_BATCHES = 20;

    public static void main(String[] args) throws Exception {
        // the BLAS kernel and threads the course's kernel chooses, before anything loads ND4J
        String blas = Numerics.configure();
        int sequences = Integer.parseInt(args[0]);
        long seed = Long.parseLong(args[1]);
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        CnnLstmModel model = CnnLstmModel.create(ModelConfig.defaults().withSize(size).withSeed(seed));
        TrainingConfig config = TrainingConfig.defaults().withSequences(sequences).withSeed(seed);

        // Warm-up on other data and a throwaway model, 20 batches as on the PyTorch side: the JVM
        // compiles the layers' loops during about the first 20 batches (a student's first training
        // run pays that once, about a second); ND4J sizes its workspaces.
        CnnLstmModel warm = CnnLstmModel.create(ModelConfig.defaults().withSize(size).withSeed(seed + 99));
        Trainer.train(warm, TrainingConfig.defaults().withSequences(WARMUP_BATCHES * 32).withSeed(seed + 99));

        // the JIT compiler's own time during the first run: on 2 cores it takes CPU from training
        var jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        long jit0 = jit.getTotalCompilationTime();
        long t0 = System.nanoTime();
        Trainer.train(model, config);
        double coldSeconds = (System.nanoTime() - t0) / 1e9;
        long jitColdMs = jit.getTotalCompilationTime() - jit0;

        // The same run again, on a fresh model: the JVM keeps compiling for about 15,000 sequences
        // after the warm-up above (the first run is slower), so this is the speed of a warmer JVM.
        // The first run, as a student's first training in a fresh kernel would be, is reported
        // beside it. The figures below (inference, accuracy) are the first model's.
        CnnLstmModel again = CnnLstmModel.create(ModelConfig.defaults().withSize(size).withSeed(seed));
        t0 = System.nanoTime();
        Trainer.train(again, config);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;

        LineSequenceGenerator fresh = new LineSequenceGenerator(size, 1_000_000 + seed);
        INDArray batch = SequenceTensors.features(fresh.sequences(100));
        model.output(batch);
        int inferBatches = 10;
        t0 = System.nanoTime();
        for (int i = 0; i < inferBatches; i++) {
            model.output(batch);
        }
        double inferSeconds = (System.nanoTime() - t0) / 1e9;

        // one video at a time, as notebook 05 predicts: the median latency of 50 calls
        double[] latencies = new double[50];
        LineSequenceGenerator singles = new LineSequenceGenerator(size, 3_000_000 + seed);
        model.output(SequenceTensors.features(singles.sequences(1)));
        for (int i = 0; i < latencies.length; i++) {
            INDArray one = SequenceTensors.features(singles.sequences(1));
            long t1 = System.nanoTime();
            model.output(one);
            latencies[i] = (System.nanoTime() - t1) / 1e6;
            one.close();
        }
        java.util.Arrays.sort(latencies);
        double latencyMs = latencies[latencies.length / 2];

        t0 = System.nanoTime();
        var it = new LineSequenceGenerator(size, seed + 7).iterator(2_000, 32);
        while (it.hasNext()) {
            var b = it.next();
            b.getFeatures().close(); // as the Trainer does: native memory back at once
            b.getLabels().close();
        }
        double genSeconds = (System.nanoTime() - t0) / 1e9;

        double accuracy = Evaluator.evaluate(model, new LineSequenceGenerator(size, 2_000_000 + seed), 1_000).accuracy();
        System.out.println(String.format(Locale.ROOT,
                "RESULT side=dl4j train_sps=%.1f train_cold_sps=%.1f infer_sps=%.1f gen_sps=%.1f acc=%.4f rss_mb=%.0f threads=%s blas=%s core=%s"
                        + " latency_ms=%.2f size=%d jit_cold_ms=%d",
                sequences / trainSeconds, sequences / coldSeconds, inferBatches * 100 / inferSeconds, 2_000 / genSeconds, accuracy,
                peakRssMb(), Nd4j.getEnvironment().maxMasterThreads(),
                Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor"),
                Numerics.blasCore(),
                latencyMs,
                size,
                jitColdMs));
        System.err.println("DL4J: " + blas);
        System.exit(0);
    }

    private static double peakRssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }
}
