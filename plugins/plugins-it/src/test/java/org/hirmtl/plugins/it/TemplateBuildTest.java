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
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.hirmtl.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds {@code examples/plugin-template} as a third party would: a separate Maven project that depends on
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
        Path repo = layeredRepository(tmp.resolve("repo"));
        Path group = repo.resolve("org/hirmtl");
        install(group, "hirmtl-parent", version, root.resolve("pom.xml"), null);
        for (String module : List.of("hirmtl-api", "hirmtl-core", "hirmtl-testkit")) {
            Path jar = root.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
            assertTrue(Files.isRegularFile(jar), jar + " is missing: run from the repository root (mvn verify)");
            install(group, module, version, root.resolve(module).resolve("pom.xml"), jar);
        }
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

    private static void install(Path group, String artifact, String version, Path pom, Path jar) throws IOException {
        Path dir = Files.createDirectories(group.resolve(artifact).resolve(version));
        Files.copy(pom, dir.resolve(artifact + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
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
