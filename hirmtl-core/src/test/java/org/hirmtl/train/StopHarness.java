package org.hirmtl.train;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.hirmtl.builtin.BuiltinComponents;

/**
 * Trains a {@link TinyRuns} config in a JVM of its own with the signal handling of {@code hirmtl train}, for
 * {@link CrashResumeTest}: prints {@code step E S} after every step (then waits 300 ms, so that a signal lands inside
 * the run) and exits with {@link GracefulStop#exitStatus} when stopped. Arguments: synthetic data folder, run folder,
 * config overrides.
 */
final class StopHarness {
    private StopHarness() {
    }

    public static void main(String[] args) throws Exception {
        var config = TinyRuns.config(Path.of(args[0]), Arrays.copyOfRange(args, 2, args.length));
        GracefulStop.install(System.out::println);
        TrainListener slow = new TrainListener() {
            @Override
            public void step(int epoch, int step, Map<String, Double> losses, double imagesPerSecond) {
                System.out.println("step " + epoch + " " + step);
                System.out.flush();
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try {
            new Trainer(BuiltinComponents.registries(), slow).train(config, Path.of(args[1]), false);
        } catch (TrainingStoppedException stopped) {
            System.out.println(stopped.getMessage());
            System.out.flush();
            System.exit(GracefulStop.exitStatus(stopped.signal()));
        }
        System.exit(0);
    }
}
