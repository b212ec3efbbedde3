package org.hirmtl.checkpoint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.hirmtl.api.render.Palette;
import org.hirmtl.config.ConfigLoader;
import org.hirmtl.config.ConfigWriter;
import org.hirmtl.config.ExperimentConfig;
import org.hirmtl.data.io.AtomicFiles;
import org.hirmtl.data.io.FailPoints;
import org.hirmtl.engine.OneDnn;
import org.hirmtl.model.HirMtlModel;
import org.hirmtl.registry.Components;

/**
 * Checkpoint bundles: one zip holding {@code model.bin} (DL4J's model zip with optimiser state), {@code config.yaml}
 * (the resolved config), {@code meta.json} ({@link CheckpointMeta}) and {@code checksums.json} (SHA-256 of each).
 * Written to a temporary file and renamed, so a crash never leaves a half-written bundle; read entries are verified
 * against their checksums; nothing is extracted to disk and nothing is Java-deserialised.
 */
public final class Checkpoints {
    static final String MODEL = "model.bin";
    static final String CONFIG = "config.yaml";
    static final String META = "meta.json";
    static final String SUMS = "checksums.json";
    /** Present only in inference bundles ({@link #writeInference}): palettes and where the bundle came from. */
    static final String INFERENCE = "inference.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Checkpoints() {
    }

    /**
     * A checkpoint read back.
     *
     * @param model the model
     * @param config its resolved config
     * @param meta the rest
     * @param inference what an inference bundle adds (palettes, source), or {@code null} for a training checkpoint
     */
    public record Loaded(HirMtlModel model, ExperimentConfig config, CheckpointMeta meta, InferenceInfo inference) {
        /** Whether this is an inference bundle (no optimiser state: it cannot be resumed). */
        public boolean inferenceOnly() {
            return inference != null;
        }

        /** The class colours of label tasks the bundle carries (empty for a training checkpoint). */
        public Map<String, Palette> palettes() {
            Map<String, Palette> out = new LinkedHashMap<>();
            if (inference != null && inference.palettes() != null) {
                inference.palettes().forEach((t, p) -> out.put(t, Palette.fromTriples(p)));
            }
            return out;
        }
    }

    /**
     * The extra record of an inference bundle.
     *
     * @param palettes label task → class colours as {@code [r, g, b]} triples
     * @param source the checkpoint it was exported from
     * @param exported when (ISO-8601)
     */
    public record InferenceInfo(Map<String, List<int[]>> palettes, String source, String exported) {
    }

    /**
     * Writes a self-contained inference bundle: the model without optimiser state, the resolved config, the meta data
     * (task order, normalisation, plugins, provenance) and {@code inference.json} with the label tasks' palettes.
     * {@code predict} and {@code eval} accept it; resuming training from it is refused.
     */
    public static void writeInference(Path file, Loaded from, InferenceInfo info) throws IOException {
        write(file, from.model(), from.config(), from.meta(), false, Map.of(INFERENCE, JSON.writeValueAsBytes(info)));
    }

    /** Writes a bundle atomically (temp file in the same folder, then rename). */
    public static void write(Path file, HirMtlModel model, ExperimentConfig config, CheckpointMeta meta,
                             boolean withOptimiserState) throws IOException {
        write(file, model, config, meta, withOptimiserState, Map.of());
    }

    private static void write(Path file, HirMtlModel model, ExperimentConfig config, CheckpointMeta meta,
                              boolean withOptimiserState, Map<String, byte[]> extra) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        ByteArrayOutputStream modelBytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(model.graph(), modelBytes, withOptimiserState);
        entries.put(MODEL, modelBytes.toByteArray());
        entries.put(CONFIG, ConfigWriter.toYaml(config).getBytes(StandardCharsets.UTF_8));
        entries.put(META, JSON.writeValueAsBytes(meta));
        entries.putAll(extra);
        Map<String, String> sums = new LinkedHashMap<>();
        entries.forEach((k, v) -> sums.put(k, sha256(v)));
        entries.put(SUMS, JSON.writeValueAsBytes(sums));

        AtomicFiles.write(file, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write(e.getValue());
                    zip.closeEntry();
                    if (e.getKey().equals(MODEL)) { // a crash here leaves a temporary file cut after the weights
                        FailPoints.reach(file.getFileName() + ".partial");
                    }
                }
            }
        }, entries.values().stream().mapToLong(b -> b.length).sum());
    }

    /**
     * Reads and verifies a bundle.
     *
     * @param loader the config loader (with the catalogue of components available now)
     * @param withOptimiserState restore the optimiser state (for resuming)
     * @throws CheckpointException if the file is missing, not a bundle, corrupt, or of an unknown format
     */
    public static Loaded read(Path file, ConfigLoader loader, boolean withOptimiserState) {
        Map<String, byte[]> entries = entries(file);
        for (String name : new String[] {MODEL, CONFIG, META, SUMS}) {
            if (!entries.containsKey(name)) {
                throw new CheckpointException(file + " is not a HirMTL checkpoint (no " + name + ")");
            }
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> sums = JSON.readValue(entries.get(SUMS), Map.class);
            for (String name : entries.keySet()) {
                if (!name.equals(SUMS) && !sha256(entries.get(name)).equals(sums.get(name))) {
                    throw new CheckpointException("corrupt checkpoint " + file + ": " + name
                            + " does not match its checksum");
                }
            }
            CheckpointMeta meta = JSON.readValue(entries.get(META), CheckpointMeta.class);
            if (meta.format() != CheckpointMeta.FORMAT) {
                throw new CheckpointException(file + " has checkpoint format " + meta.format() + "; this toolkit reads "
                        + "format " + CheckpointMeta.FORMAT);
            }
            InferenceInfo inference = entries.containsKey(INFERENCE)
                    ? JSON.readValue(entries.get(INFERENCE), InferenceInfo.class) : null;
            if (inference != null && withOptimiserState) {
                throw new CheckpointException(file + " is an inference bundle (no optimiser state): it cannot be "
                        + "resumed; resume from the run's last.zip");
            }
            ExperimentConfig config = loader.fromYaml(new String(entries.get(CONFIG), StandardCharsets.UTF_8),
                    file + "!" + CONFIG);
            OneDnn.enable(); // layer helpers are chosen when layers are instantiated, i.e. during the restore
            ComputationGraph graph = ModelSerializer.restoreComputationGraph(
                    new ByteArrayInputStream(LegacyNames.rewrite(entries.get(MODEL))), withOptimiserState);
            org.hirmtl.engine.OneDnn.installHelpers(graph);
            HirMtlModel model = new HirMtlModel(graph, meta.tasks(), meta.outputs(), meta.height(), meta.width());
            return new Loaded(model, config, meta, inference);
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * A run folder stands for its {@code best.zip} (else {@code last.zip}); anything else is the bundle itself.
     */
    public static Path bundle(Path runOrBundle) {
        if (Files.isDirectory(runOrBundle)) {
            Path best = runOrBundle.resolve("best.zip");
            return Files.exists(best) ? best : runOrBundle.resolve("last.zip");
        }
        return runOrBundle;
    }

    /**
     * Reads a model for inference (eval, predict, export; no optimiser state) after checking that the plugins
     * inference needs are loaded: a checkpoint trained with a plugin's loss weighting or dataset reader does not
     * need those.
     *
     * @param bundle     a checkpoint or inference bundle ({@link #bundle} resolves a run folder)
     * @param components the registries, with the loaded plugins
     * @throws org.hirmtl.registry.RegistryException naming each missing plugin and its version
     */
    public static Loaded readForInference(Path bundle, Components components) {
        CheckpointMeta meta = meta(bundle);
        components.requirePlugins(meta.plugins(), bundle.toString());
        return read(bundle, new ConfigLoader(components.pinnedTo(meta.components())).forInference(), false);
    }

    /**
     * {@code components} with the names {@code bundle}'s config uses pinned to the plugin components it was trained
     * with ({@link CheckpointMeta#components()}): what every reader of a checkpoint looks its tasks and other
     * components up in, so that a plugin registering the same name and loading first cannot take their place.
     */
    public static Components componentsFor(Path bundle, Components components) {
        return components.pinnedTo(meta(bundle).components());
    }

    /** Reads only the resolved config (verified against its checksum; no weights restored), e.g. to resume a run. */
    public static ExperimentConfig config(Path file, ConfigLoader loader) {
        Map<String, byte[]> entries = entries(file);
        if (!entries.containsKey(CONFIG) || !entries.containsKey(SUMS)) {
            throw new CheckpointException(file + " is not a HirMTL checkpoint (no " + CONFIG + ")");
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, String> sums = JSON.readValue(entries.get(SUMS), Map.class);
            if (!sha256(entries.get(CONFIG)).equals(sums.get(CONFIG))) {
                throw new CheckpointException("corrupt checkpoint " + file + ": " + CONFIG
                        + " does not match its checksum");
            }
        } catch (IOException e) {
            throw new CheckpointException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
        return loader.fromYaml(new String(entries.get(CONFIG), StandardCharsets.UTF_8), file + "!" + CONFIG);
    }

    /** Reads only the meta data (fast: no weights restored), e.g. to list plugins a bundle needs. */
    public static CheckpointMeta meta(Path file) {
        Map<String, byte[]> entries = entries(file);
        if (!entries.containsKey(META)) {
            throw new CheckpointException(file + " is not a HirMTL checkpoint (no " + META + ")");
        }
        try {
            return JSON.readValue(entries.get(META), CheckpointMeta.class);
        } catch (IOException | RuntimeException e) {
            throw new CheckpointException(file + " is not a readable HirMTL checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, byte[]> entries(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CheckpointException("checkpoint not found: " + file);
        }
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(file); ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        } catch (NoSuchFileException e) {
            throw new CheckpointException("checkpoint not found: " + file, e);
        } catch (IOException e) {
            throw new CheckpointException(file + " is not a readable checkpoint bundle (" + e.getMessage() + ")", e);
        }
        if (entries.isEmpty()) {
            throw new CheckpointException(file + " is not a HirMTL checkpoint (not a zip bundle)");
        }
        return entries;
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
