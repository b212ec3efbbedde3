package org.hirmtl.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.hirmtl.api.Component;
import org.hirmtl.api.Kind;
import org.hirmtl.api.config.OptionSpec;
import org.hirmtl.plugin.PluginHost;
import org.hirmtl.registry.Components;
import org.hirmtl.registry.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hirmtl plugins list|info|new}: the loaded plugins, what each contributes, and those that did not load; a new
 * plugin project.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"Lists the PF4J plugins found in ./plugins, ~/.hirmtl/plugins, $HIRMTL_PLUGINS and --plugins "
                + "DIR, with what each contributes (tasks, backbones, fusions, ...). See docs/plugins.md."},
        subcommands = {PluginsCommand.ListCommand.class, PluginsCommand.InfoCommand.class,
                PluginsCommand.NewCommand.class})
final class PluginsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.USAGE;
    }

    /** {@code hirmtl plugins new NAME --kind KIND}: writes a plugin project that builds and passes its tests. */
    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Writes a ready plugin project into ./NAME (or --dir): a working component of the kind, its "
                    + "ComponentProvider, a test with the toolkit's contract kit, the Maven build of "
                    + "examples/plugin-template and a README. 'mvn -B verify' in it builds and tests it offline once "
                    + "the API is installed (docs/plugins.md)."})
    static final class NewCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME",
                description = "The plugin id, also the component's name (lower case, words joined by '-').")
        String name;

        @Option(names = "--kind", required = true, paramLabel = "KIND",
                description = "task, backbone, fusion or weighting.")
        String kind;

        @Option(names = "--dir", paramLabel = "DIR", description = "The project folder (default ./NAME); must not "
                + "exist or be empty.")
        java.nio.file.Path dir;

        @Option(names = "--package", paramLabel = "PACKAGE",
                description = "The Java package (default com.example.NAME without dashes).")
        String javaPackage;

        @Option(names = "--group", paramLabel = "GROUP", description = "The Maven group id (default com.example).")
        String group;

        @Override
        public Integer call() throws IOException {
            org.hirmtl.plugin.Scaffold.Result r;
            try {
                r = org.hirmtl.plugin.Scaffold.write(dir != null ? dir : java.nio.file.Path.of(name), name,
                        org.hirmtl.plugin.Scaffold.Template.of(kind), javaPackage, group, org.hirmtl.Version.version());
            } catch (IllegalArgumentException e) {
                throw CliException.usage(e.getMessage());
            }
            if (!Verbosity.of(spec).quiet()) {
                PrintWriter o = spec.commandLine().getOut();
                o.println("wrote plugin project " + r.dir() + " (" + kind + " '" + name + "', " + r.componentClass()
                        + "):");
                r.files().forEach(f -> o.println("  " + f));
                o.println("next: cd " + r.dir() + " && mvn -B verify   (see its README.md)");
            }
            return ExitCodes.OK;
        }
    }

    /** {@code hirmtl plugins list}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The folders searched, every loaded plugin (id, version, provider, contributions) and every "
                    + "plugin that did not load, with the reason. Exit 0 even when some did not load.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
                description = "table or json (default ${DEFAULT-VALUE}).")
        String format;

        @Override
        public Integer call() throws IOException {
            if (!format.equals("table") && !format.equals("json")) {
                throw CliException.usage("--format: unknown '" + format + "' (known: table, json)");
            }
            PluginHost host = Plugins.of(spec).host();
            PrintWriter o = spec.commandLine().getOut();
            if (format.equals("json")) {
                o.println(JSON.writeValueAsString(report(host)));
                o.flush();
                return ExitCodes.OK;
            }
            o.println("plugin folders: " + String.join(", ", host.roots().stream().map(Object::toString).toList()));
            if (host.plugins().isEmpty()) {
                o.println("no plugins loaded");
            } else {
                o.printf("%-24s %-16s %-20s %s%n", "ID", "VERSION", "PROVIDER", "CONTRIBUTES");
                for (PluginHost.PluginInfo p : host.plugins()) {
                    o.printf("%-24s %-16s %-20s %s%n", p.id(), p.version(), p.provider(), contributions(p));
                }
            }
            for (PluginHost.Problem p : host.problems()) {
                o.println("not loaded: " + p.describe());
            }
            o.flush();
            return ExitCodes.OK;
        }
    }

    /** {@code hirmtl plugins info ID}. */
    @Command(name = "info", mixinStandardHelpOptions = true,
            description = "Everything about one plugin: version, provider, description, toolkit versions it accepts, "
                    + "dependencies, file, and the components it registered. Exit 2 when no plugin has that id.")
    static final class InfoCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The plugin id.")
        String id;

        @Override
        public Integer call() {
            PluginHost host = Plugins.of(spec).host();
            PrintWriter o = spec.commandLine().getOut();
            for (PluginHost.PluginInfo p : host.plugins()) {
                if (p.id().equals(id)) {
                    o.println("id:           " + p.id());
                    o.println("version:      " + p.version());
                    o.println("provider:     " + p.provider());
                    o.println("description:  " + p.description());
                    o.println("requires:     toolkit " + p.requires());
                    o.println("dependencies: " + (p.dependencies().isEmpty() ? "none"
                            : String.join(", ", p.dependencies())));
                    o.println("file:         " + p.path());
                    p.contributions().forEach((kind, names) -> o.printf("%-14s%s%n", plural(kind) + ":",
                            String.join(", ", names)));
                    components(o, Plugins.of(spec).components(), p.id());
                    o.flush();
                    return ExitCodes.OK;
                }
            }
            for (PluginHost.Problem p : host.problems()) {
                if (p.plugin().equals(id)) {
                    throw CliException.usage("plugin '" + id + "' did not load: " + p.message());
                }
            }
            List<String> ids = new ArrayList<>(host.versions().keySet());
            throw CliException.usage("no plugin '" + id + "' is loaded (loaded: " + (ids.isEmpty() ? "none"
                    : String.join(", ", ids)) + ")");
        }
    }

    /** Each component of plugin {@code id}: kind, name, description, and the options it accepts. */
    private static void components(PrintWriter o, Components c, String id) {
        for (Kind kind : Kind.values()) {
            for (Registry.Entry<?> e : c.registry(kind).entries()) {
                if (!e.source().equals(id)) {
                    continue;
                }
                Component component = (Component) e.component();
                o.println(kind.label() + " " + e.name() + ": " + component.description());
                for (OptionSpec option : component.options()) {
                    o.println("  option " + option.describe());
                }
            }
        }
    }

    static String contributions(PluginHost.PluginInfo p) {
        List<String> parts = new ArrayList<>();
        p.contributions().forEach((kind, names) -> parts.add(plural(kind) + " " + String.join(", ", names)));
        return parts.isEmpty() ? "-" : String.join("; ", parts);
    }

    private static String plural(String kind) {
        return kind.equals("scale stage") ? "scale stages" : kind + "s";
    }

    private static Map<String, Object> report(PluginHost host) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("folders", host.roots().stream().map(Object::toString).toList());
        List<Map<String, Object>> plugins = new ArrayList<>();
        for (PluginHost.PluginInfo p : host.plugins()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("version", p.version());
            m.put("provider", p.provider());
            m.put("description", p.description());
            m.put("requires", p.requires());
            m.put("dependencies", p.dependencies());
            m.put("file", p.path().toString());
            m.put("contributes", p.contributions());
            plugins.add(m);
        }
        r.put("plugins", plugins);
        List<Map<String, String>> problems = new ArrayList<>();
        host.problems().forEach(p -> problems.add(Map.of("plugin", p.plugin(), "file", p.path().toString(),
                "message", p.message())));
        r.put("not_loaded", problems);
        return r;
    }
}
