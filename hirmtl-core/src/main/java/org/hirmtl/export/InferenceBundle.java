package org.hirmtl.export;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hirmtl.api.TaskProvider;
import org.hirmtl.api.data.TargetKind;
import org.hirmtl.api.render.Palette;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.registry.Components;

/**
 * Exports a checkpoint as a self-contained inference bundle ({@code hirmtl export --format bundle}): the weights
 * without optimiser state, the resolved config, task order, normalisation, plugin list and provenance (all carried
 * over from the checkpoint), plus the class palette of every label task, so that pictures drawn from the bundle look
 * the same wherever it goes. {@code hirmtl predict} and {@code hirmtl eval} accept it like a checkpoint.
 */
public final class InferenceBundle {
    private InferenceBundle() {
    }

    /**
     * Writes the bundle atomically.
     *
     * @param from the checkpoint, read without optimiser state
     * @param source where it was read from (recorded)
     * @param components the registries (for the tasks' kinds and class counts)
     * @param file the bundle to write
     */
    public static void write(Checkpoints.Loaded from, Path source, Components components, Path file)
            throws IOException {
        Map<String, List<int[]>> palettes = new LinkedHashMap<>(from.palettes().isEmpty() ? Map.of()
                : triples(from.palettes()));
        for (String t : from.model().tasks()) {
            TaskProvider p = components.tasks().get(t);
            if (p.targetKind() == TargetKind.LABELS && !palettes.containsKey(t)) {
                palettes.put(t, Palette.voc(p.outputChannels(from.config().tasks().get(t))).triples());
            }
        }
        Checkpoints.writeInference(file, from, new Checkpoints.InferenceInfo(palettes, source.toString(),
                Instant.now().toString()));
    }

    private static Map<String, List<int[]>> triples(Map<String, Palette> palettes) {
        Map<String, List<int[]>> out = new LinkedHashMap<>();
        palettes.forEach((t, p) -> out.put(t, p.triples()));
        return out;
    }
}
