package org.hirmtl.plugins.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.hirmtl.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds {@code examples/plugin-template} and the projects {@code hirmtl plugins new} writes as a third party would:
 * a separate Maven project that depends on
 * {@code hirmtl-api} (provided) and {@code hirmtl-testkit} (test) at the toolkit's version, with its own JUnit
 * version (5.10.3, older than the toolkit's), against the artifacts this build just made. The artifacts go into a
 * throw-away local repository layered over the user's (every other folder is a symbolic link into
 * {@code ~/.m2/repository}), so the user's own repository is never changed. Then the built JAR is loaded by
 * {@code hirmtl plugins list}.
 */
class TemplateBuildTest {
    @TempDir
    Path tmp;

    @Test
    void theTemplateBuildsAgainstTheApiAndLoads() throws Exception {
        Path mvn = onPath("mvn");
        assumeTrue(mvn != null, "mvn is not on the PATH");
        Path root = Path.of(System.getProperty("hirmtl.root"));
        String version = System.getProperty("hirmtl.version");
        Path repo = toolkitRepository();
        Path project = tmp.resolve("plugin-template");
        copyTree(root.resolve("examples/plugin-template"), project);

        Path log = tmp.resolve("build.log");
        Process p = new ProcessBuilder(mvn.toString(), "-B", "-q", "verify", "-Dmaven.repo.local=" + repo,
                "-Dhirmtl.version=" + version).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done && p.exitValue() == 0, "the template does not build:\n" + output);

        Path jar = project.resolve("target/hirmtl-plugin-max-fusion-1.0.0.jar");
        try (JarFile j = new JarFile(jar.toFile())) {
            assertEquals("max-fusion", j.getManifest().getMainAttributes().getValue("Plugin-Id"));
            assertTrue(j.getEntry("META-INF/extensions.idx") != null, "the extension index is in the JAR");
        }
        String report = Files.readString(project.resolve(
                "target/surefire-reports/com.example.hirmtl.MaxFusionTest.txt"));
        assertTrue(report.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0"), report);

        Path plugins = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(jar, plugins.resolve(jar.getFileName()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--plugins", plugins.toString(), "plugins", "list"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().matches("(?s).*max-fusion\\s+1\\.0\\.0\\s+Example Inc\\.\\s+fusions max.*"),
                out.toString());
    }

    /**
     * {@code hirmtl plugins new} of each kind, built and tested together (one Maven run over an aggregator of the four
     * generated projects) against this build's artifacts; each JAR then loads and contributes its component.
     */
    @Test
    void generatedProjectsOfEveryKindBuildPassTheKitAndLoad() throws Exception {
        Path mvn = onPath("mvn");
        assumeTrue(mvn != null, "mvn is not on the PATH");
        Path repo = toolkitRepository();
        Path gen = Files.createDirectories(tmp.resolve("generated"));
        Map<String, String> kinds = new LinkedHashMap<>();
        kinds.put("depth-near", "task");
        kinds.put("tiny-cnn", "backbone");
        kinds.put("mean-fusion", "fusion");
        kinds.put("loss-balance", "weighting");
        StringBuilder modules = new StringBuilder();
        for (Map.Entry<String, String> k : kinds.entrySet()) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(new String[] {"plugins", "new", k.getKey(), "--kind", k.getValue(), "--dir",
                    gen.resolve(k.getKey()).toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
            assertEquals(0, code, err.toString());
            assertTrue(out.toString().startsWith("wrote plugin project "), out.toString());
            modules.append("    <module>").append(k.getKey()).append("</module>\n");
        }
        StringWriter err = new StringWriter();
        assertEquals(2, Main.run(new String[] {"plugins", "new", "depth-near", "--kind", "task", "--dir",
                gen.resolve("depth-near").toString()}, new PrintWriter(new StringWriter()),
                new PrintWriter(err, true)));
        assertTrue(err.toString().contains("exists and is not an empty folder"), err.toString());
        Files.writeString(gen.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">\n"
                + "  <modelVersion>4.0.0</modelVersion>\n  <groupId>test</groupId>\n"
                + "  <artifactId>generated</artifactId>\n  <version>1</version>\n  <packaging>pom</packaging>\n"
                + "  <modules>\n" + modules + "  </modules>\n"
                + "</project>\n");

        Path log = tmp.resolve("generated.log");
        Process p = new ProcessBuilder(mvn.toString(), "-B", "-q", "verify", "-Dmaven.repo.local=" + repo)
                .directory(gen.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean done = p.waitFor(20, TimeUnit.MINUTES);
        if (!done) {
            p.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(done && p.exitValue() == 0, "the generated projects do not build:\n" + output);

        Path plugins = Files.createDirectories(tmp.resolve("generated-plugins"));
        for (Map.Entry<String, String> k : kinds.entrySet()) {
            Path project = gen.resolve(k.getKey());
            try (Stream<Path> reports = Files.list(project.resolve("target/surefire-reports"))) {
                List<Path> txt = reports.filter(f -> f.toString().endsWith(".txt")).toList();
                assertEquals(1, txt.size(), k.getKey() + ": " + txt);
                String report = Files.readString(txt.get(0));
                assertTrue(report.contains("Failures: 0, Errors: 0, Skipped: 0"), report);
            }
            Path jar = project.resolve("target/hirmtl-plugin-" + k.getKey() + "-1.0.0.jar");
            try (JarFile j = new JarFile(jar.toFile())) {
                assertEquals(k.getKey(), j.getManifest().getMainAttributes().getValue("Plugin-Id"));
                assertTrue(j.getManifest().getMainAttributes().getValue("Plugin-Requires").startsWith(">="),
                        "requires the toolkit's minor version");
            }
            Files.copy(jar, plugins.resolve(jar.getFileName()));
        }
        StringWriter out = new StringWriter();
        err = new StringWriter();
        int code = Main.run(new String[] {"--plugins", plugins.toString(), "plugins", "list"},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        for (String line : new String[] {"depth-near\\s+1\\.0\\.0.*tasks depth-near",
                "tiny-cnn\\s+1\\.0\\.0.*backbones tiny-cnn", "mean-fusion\\s+1\\.0\\.0.*fusions mean-fusion",
                "loss-balance\\s+1\\.0\\.0.*weightings loss-balance"}) {
            assertTrue(out.toString().matches("(?s).*" + line + ".*"), line + " in\n" + out);
        }
    }

    /**
     * A throw-away local repository layered over the user's, holding this build's toolkit artifacts as the binary
     * distribution's plugin SDK carries them ({@code hirmtl-cli/target/hirmtl/sdk/repository}, what
     * {@code sdk/install.sh} copies into a user's repository).
     */
    private Path toolkitRepository() throws IOException {
        Path root = Path.of(System.getProperty("hirmtl.root"));
        String version = System.getProperty("hirmtl.version");
        Path sdk = root.resolve("hirmtl-cli/target/hirmtl/sdk");
        for (String file : List.of("install.sh", "repository/org/hirmtl/hirmtl-parent/" + version + "/hirmtl-parent-"
                + version + ".pom", "repository/org/hirmtl/hirmtl-api/" + version + "/hirmtl-api-" + version
                + "-sources.jar", "repository/org/hirmtl/hirmtl-api/" + version + "/hirmtl-api-" + version
                + "-javadoc.jar")) {
            assertTrue(Files.isRegularFile(sdk.resolve(file)), "the distribution's SDK lacks " + file
                    + ": run from the repository root (mvn verify)");
        }
        Path repo = layeredRepository(tmp.resolve("repo"));
        copyTree(sdk.resolve("repository/org/hirmtl"), repo.resolve("org/hirmtl"));
        return repo;
    }

    /** A fresh local repository whose every entry except {@code org/hirmtl} links into the user's repository. */
    private static Path layeredRepository(Path repo) throws IOException {
        Path user = Path.of(System.getProperty("maven.repo.local",
                System.getProperty("user.home") + "/.m2/repository"));
        Files.createDirectories(repo.resolve("org"));
        if (!Files.isDirectory(user)) {
            return repo;
        }
        try (Stream<Path> top = Files.list(user)) {
            for (Path e : (Iterable<Path>) top::iterator) {
                if (!e.getFileName().toString().equals("org")) {
                    Files.createSymbolicLink(repo.resolve(e.getFileName().toString()), e);
                }
            }
        }
        if (Files.isDirectory(user.resolve("org"))) {
            try (Stream<Path> org = Files.list(user.resolve("org"))) {
                for (Path e : (Iterable<Path>) org::iterator) {
                    if (!e.getFileName().toString().equals("hirmtl")) {
                        Files.createSymbolicLink(repo.resolve("org").resolve(e.getFileName().toString()), e);
                    }
                }
            }
        }
        return repo;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path f : (Iterable<Path>) all::iterator) {
                Path rel = from.relativize(f);
                if (rel.toString().startsWith("target")) {
                    continue;
                }
                Path dest = to.resolve(rel.toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(f, dest);
                }
            }
        }
    }

    private static Path onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, command);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
