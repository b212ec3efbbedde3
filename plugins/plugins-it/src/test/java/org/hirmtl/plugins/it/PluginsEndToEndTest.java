package org.hirmtl.plugins.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hirmtl.checkpoint.Checkpoints;
import org.hirmtl.cli.Main;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three example plugins, as a user runs them: the JARs in a plugins folder, the components named in a config,
 * {@code hirmtl train}, {@code eval}, {@code predict} and {@code export} with the checkpoint, and one clear exit-2 line
 * per command once a JAR the checkpoint needs is gone. The plugin classes are not on this test's class path: they
 * come only from the JARs.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PluginsEndToEndTest {
    @TempDir
    static Path tmp;
    static Path plugins;
    static Path run;

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    static Result hirmtl(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @BeforeAll
    static void pluginFolder() throws Exception {
        plugins = tmp.resolve("plugins");
        Files.createDirectories(plugins);
        for (String jar : System.getProperty("hirmtl.plugins.jars").split(",")) {
            Path p = Path.of(jar);
            assertTrue(Files.isRegularFile(p), p + " is missing: build the plugin modules first (mvn verify from the "
                    + "repository root builds them before this module)");
            Files.copy(p, plugins.resolve(p.getFileName()));
        }
        run = tmp.resolve("run");
    }

    private static List<String> tinyTraining(Path out, Path pluginDir) {
        return new ArrayList<>(List.of("-q", "--plugins", pluginDir.toString(), "train", "--epochs", "1",
                "--out", out.toString(),
                "--set", "data.root=" + tmp.resolve("synth"), "--set", "data.image_size=64x64",
                "--set", "data.synth.size=64x64", "--set", "data.synth.train=8", "--set", "data.synth.val=4",
                "--set", "data.synth.classes=6", "--set", "tasks={depth: 1.0, occlusion: 5.0}",
                "--set", "model.backbone.type=mobilenet", "--set", "model.backbone.widths=[8,8,16,16]",
                "--set", "model.backbone.options={blocks: 0}", "--set", "model.fusion.type=se",
                "--set", "model.stf.channels=8", "--set", "model.head.channels=8", "--set", "train.batch_size=4",
                "--set", "train.weighting.type=inverse-loss", "--set", "train.weighting.options={momentum: 0.5}",
                "--set", "tasks.occlusion.options.jump=0.1"));
    }

    @Test
    @Order(1)
    void listsThePluginsAndWhatTheyContribute() {
        Result r = hirmtl("--plugins", plugins.toString(), "plugins", "list");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().matches("(?s).*occlusion\\s+0\\.1\\.0-SNAPSHOT\\s+HirMTL examples\\s+tasks occlusion.*"),
                r.out());
        assertTrue(r.out().contains("backbones mobilenet"), r.out());
        assertTrue(r.out().contains("fusions se"), r.out());
        Result after = hirmtl("plugins", "list", "--plugins", plugins.toString());
        assertTrue(after.out().contains("fusions se"), "--plugins after the subcommand works too: " + after.out());
        Result next = hirmtl("plugins", "list");
        assertTrue(!next.out().contains("fusions se"), "nothing of one run stays for the next: " + next.out());
        Result info = hirmtl("--plugins", plugins.toString(), "plugins", "info", "se-fusion");
        assertEquals(0, info.code(), info.toString());
        assertTrue(info.out().contains("requires:     toolkit >=0.1.0 & <0.2.0"), info.out());
        Result occlusion = hirmtl("--plugins", plugins.toString(), "plugins", "info", "occlusion");
        assertTrue(occlusion.out().contains("task occlusion: occlusion boundaries"), occlusion.out());
        assertTrue(occlusion.out().contains("  option jump (a number, default 0.05):"), occlusion.out());
    }

    @Test
    @Order(2)
    void trainsEvaluatesPredictsAndExportsWithPluginComponents() throws Exception {
        Result t = hirmtl(tinyTraining(run, plugins).toArray(String[]::new));
        assertEquals(0, t.code(), t.toString());
        Path best = run.resolve("best.zip");
        assertEquals(Map.of("mobilenet", "0.1.0-SNAPSHOT", "occlusion", "0.1.0-SNAPSHOT", "se-fusion",
                "0.1.0-SNAPSHOT"), Checkpoints.meta(best).plugins(), "the plugins inference needs");
        assertEquals(Map.of("inverse-loss", "0.1.0-SNAPSHOT"), Checkpoints.meta(best).trainingPlugins(),
                "the plugins only training used");

        Result e = hirmtl("-q", "--plugins", plugins.toString(), "eval", "--checkpoint", run.toString(), "--format",
                "json");
        assertEquals(0, e.code(), e.toString());
        JsonNode report = new ObjectMapper().readTree(e.out());
        assertTrue(report.path("metrics").has("occlusion.maxf"), e.out());
        assertEquals("higher", report.path("metrics").path("occlusion.maxf").path("direction").asText());

        Path pred = tmp.resolve("pred");
        Result p = hirmtl("-q", "--plugins", plugins.toString(), "predict", "--checkpoint", run.toString(),
                tmp.resolve("synth/images").toString(), "--out", pred.toString());
        assertEquals(0, p.code(), p.toString());
        assertTrue(Files.exists(pred.resolve("00000/occlusion.png")));
        assertTrue(Files.exists(pred.resolve("00000/occlusion.npy")));
        assertTrue(Files.exists(pred.resolve("00000/panel.png")));

        Result check = hirmtl("-q", "--plugins", plugins.toString(), "data", "check", tmp.resolve("synth").toString());
        assertEquals(0, check.code(), "derived targets do not confuse the dataset checker: " + check);

        Path onnx = tmp.resolve("model.onnx");
        Result x = hirmtl("--plugins", plugins.toString(), "export", "--checkpoint", run.toString(), "--format",
                "onnx", "-o", onnx.toString());
        assertEquals(0, x.code(), x.toString());
        assertTrue(x.out().contains("occlusion") && x.out().contains("ok"), x.out());
    }

    @Test
    @Order(3)
    void withoutAJarTheCheckpointsCommandsSayWhichPluginIsMissing() throws Exception {
        Path fewer = tmp.resolve("fewer");
        Files.createDirectories(fewer);
        try (var s = Files.list(plugins)) {
            for (Path jar : s.toList()) {
                if (!jar.getFileName().toString().contains("mobilenet")) {
                    Files.copy(jar, fewer.resolve(jar.getFileName()));
                }
            }
        }
        String expected = "needs plugin mobilenet 0.1.0-SNAPSHOT, not loaded";
        for (String[] cmd : List.of(
                new String[] {"eval", "--checkpoint", run.toString()},
                new String[] {"predict", "--checkpoint", run.toString(), tmp.resolve("synth/images/00000.jpg")
                        .toString(), "--out", tmp.resolve("p2").toString()},
                new String[] {"export", "--checkpoint", run.toString(), "--format", "bundle", "-o",
                        tmp.resolve("b.hirmtl").toString()})) {
            List<String> args = new ArrayList<>(List.of("-q", "--plugins", fewer.toString()));
            args.addAll(List.of(cmd));
            Result r = hirmtl(args.toArray(String[]::new));
            assertEquals(2, r.code(), cmd[0] + ": " + r);
            assertTrue(r.err().contains(expected), cmd[0] + ": " + r.err());
            assertEquals(1, r.err().lines().count(), cmd[0] + " prints one line: " + r.err());
        }
        Result none = hirmtl("-q", "eval", "--checkpoint", run.toString());
        assertEquals(2, none.code(), none.toString());
        assertTrue(none.err().contains("needs plugins mobilenet 0.1.0-SNAPSHOT, occlusion 0.1.0-SNAPSHOT, "
                + "se-fusion 0.1.0-SNAPSHOT, not loaded"), none.err());
    }

    @Test
    @Order(4)
    void inferenceNeedsNoTrainingOnlyPlugin() throws Exception {
        Path noWeighting = tmp.resolve("no-weighting");
        Files.createDirectories(noWeighting);
        try (var s = Files.list(plugins)) {
            for (Path jar : s.toList()) {
                if (!jar.getFileName().toString().contains("inverse-loss")) {
                    Files.copy(jar, noWeighting.resolve(jar.getFileName()));
                }
            }
        }
        String dir = noWeighting.toString();
        Result e = hirmtl("-q", "--plugins", dir, "eval", "--checkpoint", run.toString());
        assertEquals(0, e.code(), e.toString());
        Result p = hirmtl("-q", "--plugins", dir, "predict", "--checkpoint", run.toString(),
                tmp.resolve("synth/images/00000.jpg").toString(), "--out", tmp.resolve("p3").toString());
        assertEquals(0, p.code(), p.toString());
        Path bundle = tmp.resolve("noweighting.hirmtl");
        Result x = hirmtl("-q", "--plugins", dir, "export", "--checkpoint", run.toString(), "--format", "bundle",
                "-o", bundle.toString());
        assertEquals(0, x.code(), x.toString());
        Result eb = hirmtl("-q", "--plugins", dir, "eval", "--checkpoint", bundle.toString());
        assertEquals(0, eb.code(), "an exported bundle needs no training-only plugin: " + eb);

        Result r = hirmtl("-q", "--plugins", dir, "train", "--out", run.toString(), "--resume", "--epochs", "2");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("needs plugin inverse-loss 0.1.0-SNAPSHOT, not loaded"), r.err());
    }

    @Test
    @Order(5)
    void configCommandsSeePluginComponentsAndTheirOptions() throws Exception {
        Path cfg = tmp.resolve("plugin.yaml");
        Files.writeString(cfg, String.join("\n", "tasks:", "  depth: 1.0", "  occlusion:", "    weight: 5.0",
                "    options: {jump: 0.2}", "model:", "  backbone: {type: mobilenet, widths: [8, 8, 16, 16]}",
                "train:", "  weighting: {type: inverse-loss}", ""));
        Result v = hirmtl("--plugins", plugins.toString(), "config", "validate", cfg.toString());
        assertEquals(0, v.code(), v.toString());
        assertTrue(v.out().contains("is valid (2 tasks: depth, occlusion)"), v.out());

        Result print = hirmtl("--plugins", plugins.toString(), "config", "print", "-c", cfg.toString());
        assertEquals(0, print.code(), print.toString());
        assertTrue(print.out().matches("(?s).*occlusion:\\s+weight: 5\\.0\\s+options:\\s+jump: 0\\.2\\s+"
                + "positive_weight: 0\\.95.*"), "declared options resolved with their defaults:\n" + print.out());
        assertTrue(print.out().matches("(?s).*backbone:\\s+type: mobilenet.*options:\\s+blocks: 1\\s+"
                + "width_multiplier: 1\\.0.*"), print.out());
        assertTrue(print.out().matches("(?s).*weighting:.*options:\\s+momentum: 0\\.9.*"), print.out());

        Files.writeString(cfg, Files.readString(cfg).replace("{jump: 0.2}", "{jump: 0.2, bogus: 1}"));
        Result bad = hirmtl("--plugins", plugins.toString(), "config", "validate", cfg.toString());
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("tasks.occlusion.options.bogus: unknown option (known: jump, positive_weight)"
                + " (task 'occlusion') at " + cfg + ":5"), bad.err());
        Result train = hirmtl("-q", "--plugins", plugins.toString(), "train", "-c", cfg.toString(), "--epochs", "1",
                "--out", tmp.resolve("never").toString());
        assertEquals(2, train.code(), "train rejects it too: " + train);

        Result noPlugins = hirmtl("config", "validate", cfg.toString());
        assertEquals(2, noPlugins.code(), noPlugins.toString());
        assertTrue(noPlugins.err().contains("unknown task 'occlusion'"), noPlugins.err());
    }

    @Test
    @Order(6)
    void aBrokenJarIsOneWarningAndTheOthersStillLoad() throws Exception {
        Path mixed = tmp.resolve("mixed");
        Files.createDirectories(mixed);
        try (var s = Files.list(plugins)) {
            for (Path jar : s.toList()) {
                Files.copy(jar, mixed.resolve(jar.getFileName()));
            }
        }
        Files.writeString(mixed.resolve("broken.jar"), "not a jar");
        Result r = hirmtl("-q", "--plugins", mixed.toString(), "eval", "--checkpoint", run.toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().startsWith("hirmtl: warning: plugin 'broken.jar'"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        Result list = hirmtl("--plugins", mixed.toString(), "plugins", "list");
        assertTrue(list.out().contains("not loaded: plugin 'broken.jar'"), list.out());
    }
}
