package org.hirmtl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.DatasetChecker;
import org.hirmtl.registry.Components;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hirmtl data check DIR}: validates every file of a dataset; exit 2 when anything is broken. */
@Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Validates a dataset: ids in split files without an image, missing, unreadable or truncated "
                + "files, sizes that disagree between tasks, values outside a task's convention, labels outside the "
                + "classes (those the dataset names, or the config's); with -c, also the splits the config reads.",
                "Exit 0 when the dataset is sound, 2 when a problem is found (each printed with its file)."})
final class DataCheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The dataset folder.")
    Path dir;

    @Option(names = "--type", defaultValue = "auto", paramLabel = "TYPE",
            description = "Dataset layout: auto, synthetic, nyud_mt, nyudv2, pascal_mt or a plugin's (default "
                    + "${DEFAULT-VALUE}).")
    String type;

    @Option(names = "--threads", paramLabel = "T", description = "Decoding threads (default: all cores).")
    Integer threads;

    @Mixin
    ConfigOptions config;

    @Option(names = "--max-problems", defaultValue = "50", paramLabel = "N",
            description = "Print at most N problems (default ${DEFAULT-VALUE}; 0 = all).")
    int maxProblems;

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!Files.isDirectory(dir)) {
            throw new NoSuchFileException(dir.toString(), null, "dataset folder not found");
        }
        Dataset dataset = Plugins.of(spec).components().openDataset(type, dir);
        int t = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        DatasetChecker.Report report;
        try (Progress p = Progress.start("check", DatasetChecker.count(dataset), "images", Verbosity.of(spec).quiet())) {
            report = new DatasetChecker(t).check(dataset, expectations(), p::step);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s dataset at %s: tasks %s; splits %s%n", report.type(), report.root(),
                String.join(", ", report.tasks()), report.splits());
        if (report.ok()) {
            out.println("OK: no problems found");
            return ExitCodes.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        List<DatasetChecker.Problem> problems = report.problems();
        int shown = maxProblems <= 0 ? problems.size() : Math.min(maxProblems, problems.size());
        for (int i = 0; i < shown; i++) {
            err.println("hirmtl: problem: " + problems.get(i));
        }
        if (shown < problems.size()) {
            err.println("hirmtl: ... and " + (problems.size() - shown) + " more (--max-problems 0 shows all)");
        }
        err.println("hirmtl: error: " + problems.size() + " problem(s) in dataset " + dir);
        return ExitCodes.USAGE;
    }

    /** With {@code -c}: the config's label tasks' class counts and the splits it reads. */
    private DatasetChecker.Expectations expectations() {
        if (config.file == null && config.overrides.isEmpty()) {
            return DatasetChecker.Expectations.none();
        }
        Components components = Plugins.of(spec).components();
        ExperimentConfig c = config.load(components).config();
        Map<String, Integer> classes = new LinkedHashMap<>();
        c.tasks().forEach((task, tc) -> {
            TaskProvider p = components.tasks().get(task);
            if (p.targetKind() == TargetKind.LABELS) {
                classes.put(task, p.outputChannels(tc));
            }
        });
        return new DatasetChecker.Expectations(classes, List.of(c.data().trainSplit(), c.data().valSplit()));
    }
}
