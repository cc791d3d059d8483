import io.github.cnnlstm.base.Numerics;
import io.github.cnnlstm.data.LineSequenceGenerator;
import io.github.cnnlstm.evaluation.Evaluator;
import io.github.cnnlstm.model.CnnLstmModel;
import io.github.cnnlstm.model.ModelConfig;
import io.github.cnnlstm.training.Trainer;
import io.github.cnnlstm.training.TrainingConfig;
import io.github.cnnlstm.training.TrainingHistory;
import java.util.Locale;

/**
 * Accuracy across seeds at the course's default budget: for each seed, a model with that seed is
 * trained on the data stream with that seed (5,000 sequences, batch 32, one epoch) and evaluated on
 * 1,000 fresh sequences. Prints one line per seed and a summary.
 * Arguments: [firstSeed lastSeed [sequences]] (default 1 10 5000).
 */
public class SeedAccuracy {
    public static void main(String[] args) {
        System.err.println("DL4J: " + Numerics.configure()); // as the course's kernel does
        long first = args.length > 0 ? Long.parseLong(args[0]) : 1;
        long last = args.length > 1 ? Long.parseLong(args[1]) : 10;
        int sequences = args.length > 2 ? Integer.parseInt(args[2]) : 5_000;
        int reached = 0;
        double worst = 1;
        for (long seed = first; seed <= last; seed++) {
            CnnLstmModel model = CnnLstmModel.create(ModelConfig.defaults().withSeed(seed));
            long t0 = System.nanoTime();
            TrainingHistory history = Trainer.train(model,
                    TrainingConfig.defaults().withSequences(sequences).withSeed(seed));
            double seconds = (System.nanoTime() - t0) / 1e9;
            double accuracy = Evaluator.evaluate(model, new LineSequenceGenerator(50, 2_000_000 + seed), 1_000)
                    .accuracy();
            if (accuracy >= 0.99) {
                reached++;
            }
            worst = Math.min(worst, accuracy);
            System.out.println(String.format(Locale.ROOT, "SEED seed=%d acc=%.4f train_s=%.1f final_loss=%.4f",
                    seed, accuracy, seconds, history.lastLoss()));
        }
        System.out.println(String.format(Locale.ROOT, "SUMMARY seeds=%d..%d at_least_99=%d worst=%.4f",
                first, last, reached, worst));
        System.exit(0);
    }
}
