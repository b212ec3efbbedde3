package org.hirmtl.train;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.hirmtl.Version;
import org.hirmtl.api.data.Dataset;
import org.hirmtl.checkpoint.CheckpointMeta;
import org.hirmtl.engine.EngineInfo;
import org.hirmtl.model.Normalisation;
import org.hirmtl.registry.Components;

/**
 * Builds a checkpoint's meta data: run state, the plugins its model needs, and provenance (versions, commit, backend,
 * dataset).
 */
final class Provenance {
    private Provenance() {
    }

    static CheckpointMeta meta(Trainer.Run run, Dataset dataset, Map<String, Components.PluginUse> plugins,
                               Map<String, String> qualifiedNames) {
        Map<String, String> inference = new TreeMap<>();
        Map<String, String> training = new TreeMap<>();
        plugins.forEach((id, use) -> (use.inference() ? inference : training).put(id, use.version()));
        Map<String, String> p = new LinkedHashMap<>();
        p.put("toolkit", Version.version());
        p.put("git_commit", Version.commit());
        p.put("git_dirty", Version.dirty());
        EngineInfo.describe().forEach(p::put);
        p.put("java", System.getProperty("java.version"));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("created", Instant.now().toString());
        p.put("dataset_type", dataset.type());
        p.put("dataset_root", dataset.root().toAbsolutePath().toString());
        return new CheckpointMeta(CheckpointMeta.FORMAT, run.model.tasks(), run.model.outputs(), run.model.height(),
                run.model.width(), Normalisation.IMAGENET, run.epochsDone, run.model.graph().getIterationCount(),
                run.bestValue, run.bestEpoch, run.badEpochs, run.earlyStopBest, run.weighting.state(),
                run.config.train().seed(), inference, p, training, run.progress, qualifiedNames);
    }
}
