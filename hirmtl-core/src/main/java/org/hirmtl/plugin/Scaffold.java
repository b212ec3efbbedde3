package org.hirmtl.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hirmtl.api.Kind;

/**
 * Writes a ready plugin project ({@code hirmtl plugins new}): the build of {@code examples/plugin-template} (its
 * {@code pom.xml} with the new ids, and its test logging), a component of the asked kind that works as it is, its
 * {@code ComponentProvider}, a test that runs the contract kit on it, and a README. The project builds and passes its
 * tests offline against the installed API ({@code TemplateBuildTest} builds one of each kind).
 */
public final class Scaffold {
    private static final String BASE = "/org/hirmtl/plugin/scaffold/";
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+).*");

    /** The kinds a project can be made for, with the suffix of the component's class and how a config names it. */
    public enum Template {
        /** A task derived from depth. */
        TASK(Kind.TASK, "Task", "tasks: {depth: 1.0, %s: 1.0}"),
        /** A backbone. */
        BACKBONE(Kind.BACKBONE, "Backbone", "model.backbone.type: %s"),
        /** A fusion of the scales. */
        FUSION(Kind.FUSION, "Fusion", "model.fusion.type: %s"),
        /** A loss weighting. */
        WEIGHTING(Kind.WEIGHTING, "Weighting", "train.weighting.type: %s");

        private final Kind kind;
        private final String suffix;
        private final String usage;

        Template(Kind kind, String suffix, String usage) {
            this.kind = kind;
            this.suffix = suffix;
            this.usage = usage;
        }

        /** The name on the command line: {@code task}, {@code backbone}, {@code fusion}, {@code weighting}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The template of {@code label}, e.g. {@code fusion}. */
        public static Template of(String label) {
            for (Template t : values()) {
                if (t.label().equals(label)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("--kind: unknown '" + label + "' (known: task, backbone, fusion, "
                    + "weighting)");
        }
    }

    /** What was written: the project folder, its files (relative), and the class of the component. */
    public record Result(Path dir, List<String> files, String componentClass) {
    }

    private Scaffold() {
    }

    /**
     * Writes project {@code id} (also its component's name) into {@code dir}, which must not exist or be empty.
     *
     * @param javaPackage the Java package, or null for {@code com.example.<id without dashes>}
     * @param groupId the Maven group, or null for {@code com.example}
     * @param toolkitVersion the toolkit version the project builds against (e.g. {@code 0.1.0-SNAPSHOT}); the plugin
     *                       then requires {@code >=0.1.0 & <0.2.0}
     * @throws IllegalArgumentException for an invalid id, package or group, or a folder that is not empty
     */
    public static Result write(Path dir, String id, Template template, String javaPackage, String groupId,
                               String toolkitVersion) throws IOException {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("plugin name '" + id + "' is not valid: lower-case letters and digits, "
                    + "words joined by '-', starting with a letter (e.g. depth-near)");
        }
        String pkg = javaPackage != null ? javaPackage : "com.example." + id.replace("-", "");
        if (!PACKAGE.matcher(pkg).matches()) {
            throw new IllegalArgumentException("--package: '" + pkg + "' is not a Java package name");
        }
        String group = groupId != null ? groupId : "com.example";
        if (!PACKAGE.matcher(group).matches()) {
            throw new IllegalArgumentException("--group: '" + group + "' is not a Maven group id");
        }
        Matcher v = VERSION.matcher(toolkitVersion);
        if (!v.matches()) {
            throw new IllegalArgumentException("toolkit version '" + toolkitVersion + "' is not MAJOR.MINOR...");
        }
        String requires = ">=" + v.group(1) + "." + v.group(2) + ".0 & <" + v.group(1) + "."
                + (Integer.parseInt(v.group(2)) + 1) + ".0";
        if (Files.exists(dir) && (!Files.isDirectory(dir) || hasEntries(dir))) {
            throw new IllegalArgumentException(dir + " exists and is not an empty folder: choose another name or "
                    + "--dir");
        }
        String camel = camel(id);
        String artifact = "hirmtl-plugin-" + id;
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("__PACKAGE__", pkg);
        tokens.put("__CLASS__", camel);
        tokens.put("__KINDCLASS__", template.suffix);
        tokens.put("__KIND__", template.label());
        tokens.put("__ID__", id);
        tokens.put("__ARTIFACT__", artifact);
        tokens.put("__VERSION__", toolkitVersion);
        tokens.put("__USAGE__", "`" + String.format(template.usage, id) + "`");

        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml", pom(resource("template/pom.xml"), group, artifact, id, template, requires,
                toolkitVersion));
        files.put("README.md", fill(resource("README.md.txt"), tokens));
        String src = pkg.replace('.', '/');
        String component = camel + template.suffix;
        files.put("src/main/java/" + src + "/" + camel + "Plugin.java", fill(resource("Plugin.java.txt"), tokens));
        files.put("src/main/java/" + src + "/" + component + ".java",
                fill(resource(template.label() + "/Component.java.txt"), tokens));
        files.put("src/test/java/" + src + "/" + component + "Test.java",
                fill(resource(template.label() + "/ComponentTest.java.txt"), tokens));
        files.put("src/test/resources/logback-test.xml", resource("template/src/test/resources/logback-test.xml"));
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            written.add(f.getKey());
        }
        return new Result(dir, written, pkg + "." + component);
    }

    /** {@code depth-near} → {@code DepthNear}. */
    static String camel(String id) {
        StringBuilder b = new StringBuilder();
        for (String part : id.split("-")) {
            b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return b.toString();
    }

    /** The template's pom with this project's coordinates, plugin descriptor and toolkit version. */
    private static String pom(String pom, String group, String artifact, String id, Template template,
                              String requires, String toolkitVersion) {
        String out = pom;
        out = replaceFirst(out, "<!--(?s:.*?)-->", "<!--\n  HirMTL plugin '" + id + "' (a " + template.label()
                + "), written by 'hirmtl plugins new'. See README.md.\n  It depends on org.hirmtl:hirmtl-api "
                + "(provided) for its code and org.hirmtl:hirmtl-testkit (test) for its tests.\n-->");
        out = replaceFirst(out, "<groupId>[^<]*</groupId>", "<groupId>" + group + "</groupId>");
        out = replaceFirst(out, "<artifactId>[^<]*</artifactId>", "<artifactId>" + artifact + "</artifactId>");
        out = replaceFirst(out, "<name>[^<]*</name>", "<name>HirMTL plugin " + id + "</name>");
        out = replaceFirst(out, "<plugin.id>[^<]*</plugin.id>", "<plugin.id>" + id + "</plugin.id>");
        out = replaceFirst(out, "<plugin.description>[^<]*</plugin.description>", "<plugin.description>"
                + template.label() + " '" + id + "'</plugin.description>");
        out = replaceFirst(out, "<plugin.requires>[^<]*</plugin.requires>", "<plugin.requires>"
                + requires.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</plugin.requires>");
        out = replaceFirst(out, "<hirmtl.version>[^<]*</hirmtl.version>", "<hirmtl.version>" + toolkitVersion
                + "</hirmtl.version>");
        return out;
    }

    private static String replaceFirst(String text, String regex, String replacement) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("the plugin template's pom.xml has no " + regex);
        }
        return text.substring(0, m.start()) + replacement + text.substring(m.end());
    }

    private static String fill(String text, Map<String, String> tokens) {
        String out = text;
        for (Map.Entry<String, String> t : tokens.entrySet()) {
            out = out.replace(t.getKey(), t.getValue());
        }
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Scaffold.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("the toolkit's plugin templates lack " + name + " (a broken build?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static boolean hasEntries(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }
}
