package org.hirmtl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.hirmtl.data.synth.SynthSpec;
import org.hirmtl.data.synth.SynthWriter;
import org.hirmtl.data.synth.SyntheticDatasetFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hirmtl data synth}: writes synthetic indoor scenes in the NYUD_MT layout (plus saliency). */
@Command(name = "synth", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generates synthetic indoor scenes with consistent semseg, depth, normals, edge and saliency "
                + "labels, in the NYUD_MT layout (plus saliency/). Deterministic per seed.",
                "An existing complete dataset with the same parameters is reused unless --force."})
final class DataSynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path out;

    @Option(names = "--train", defaultValue = "1000", paramLabel = "N", description = "Training scenes (default ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--val", defaultValue = "200", paramLabel = "M", description = "Validation scenes (default ${DEFAULT-VALUE}).")
    int val;

    @Option(names = "--size", defaultValue = "128x160", paramLabel = "HxW", converter = SizeConverter.class,
            description = "Image size, height x width (default ${DEFAULT-VALUE}).")
    org.hirmtl.config.ImageSize size;

    @Option(names = "--classes", defaultValue = "8", paramLabel = "K",
            description = "Semantic classes incl. floor, wall, ceiling (default ${DEFAULT-VALUE}).")
    int classes;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--threads", paramLabel = "T", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--force", description = "Regenerate even if a matching dataset exists in DIR.")
    boolean force;

    @Override
    public Integer call() throws IOException {
        SynthSpec s;
        try {
            s = new SynthSpec(train, val, size.height(), size.width(), classes, seed);
        } catch (IllegalArgumentException e) {
            throw CliException.usage(e.getMessage());
        }
        PrintWriter o = spec.commandLine().getOut();
        if (!force && SynthWriter.isComplete(out, s)) {
            o.println("Reusing the complete synthetic dataset in " + out + " (same parameters; --force to regenerate)");
            return ExitCodes.OK;
        }
        checkWritable(out);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (t < 1) {
            throw CliException.usage("--threads must be at least 1, got " + t);
        }
        long start = System.nanoTime();
        try (Progress p = Progress.start("synth", s.scenes(), "scenes", Verbosity.of(spec).quiet())) {
            new SynthWriter().write(s, out, t, p::step);
        }
        double secs = (System.nanoTime() - start) / 1e9;
        o.printf("Wrote %d train + %d val scenes of %dx%d (%d classes, seed %d) to %s in %.1f s (%.0f scenes/s, %d threads)%n",
                train, val, size.height(), size.width(), classes, seed, out, secs, s.scenes() / secs, t);
        return ExitCodes.OK;
    }

    /** Refuses to write into a non-empty folder that is not a synthetic dataset (never clobber user data). */
    private static void checkWritable(Path out) throws IOException {
        if (Files.isRegularFile(out)) {
            throw CliException.usage("--out " + out + " is a file; give a folder");
        }
        if (Files.isDirectory(out) && !Files.exists(out.resolve(SyntheticDatasetFactory.MANIFEST))) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw CliException.usage("--out " + out + " is not empty and holds no synthetic dataset ("
                            + SyntheticDatasetFactory.MANIFEST + "); choose an empty or new folder");
                }
            }
        }
    }
}
