package org.hirmtl.cli;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hirmtl.Version;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.plugin.PluginHost;
import org.hirmtl.registry.Components;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The plugins of one {@code hirmtl} run: the {@code --plugins DIR} option (inherited by every subcommand), the plugin
 * folders ({@code ./plugins}, {@code ~/.hirmtl/plugins}, {@code $HIRMTL_PLUGINS}, then each {@code --plugins}), and the
 * registries with the built-ins and every plugin that loaded. Plugins that do not load are one warning line each;
 * the others load regardless. One instance per {@code hirmtl} run, held by the root command ({@link #of}) and closed
 * when the run ends.
 */
public final class Plugins {
    /** The environment variable with extra plugin folders (separated by the path separator). */
    public static final String ENV = "HIRMTL_PLUGINS";
    private final List<Path> extra = new ArrayList<>();
    private PrintWriter err = new PrintWriter(System.err, true);
    private PluginHost host;
    private Components components;
    private ClassLoader previousContext;

    @Option(names = "--plugins", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Also load plugins from DIR (repeatable; besides ./plugins, ~/.hirmtl/plugins and "
                    + "$HIRMTL_PLUGINS).")
    void addFolder(List<Path> dirs) {
        extra.addAll(dirs);
    }

    /** The plugins of the run that {@code spec} (any command of the tree) belongs to. */
    static Plugins of(CommandSpec spec) {
        return ((HirmtlCommand) spec.root().userObject()).plugins;
    }

    /** Where warnings about plugins that do not load go. */
    void errors(PrintWriter errors) {
        err = errors;
    }

    /** Unloads the plugins and restores the thread's context class loader (at the end of a run). */
    synchronized void close() {
        if (host != null) {
            host.close();
        }
        if (previousContext != null) {
            Thread.currentThread().setContextClassLoader(previousContext);
            previousContext = null;
        }
        host = null;
        components = null;
    }

    /** The plugin folders, in search order. */
    synchronized List<Path> roots() {
        Set<Path> roots = new LinkedHashSet<>();
        roots.add(Path.of("plugins").toAbsolutePath().normalize());
        roots.add(Path.of(System.getProperty("user.home"), ".hirmtl", "plugins").toAbsolutePath().normalize());
        String env = System.getenv(ENV);
        if (env != null) {
            for (String p : env.split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    roots.add(Path.of(p.strip()).toAbsolutePath().normalize());
                }
            }
        }
        extra.forEach(p -> roots.add(p.toAbsolutePath().normalize()));
        return List.copyOf(roots);
    }

    /** The registries: built-ins plus every plugin that loaded (loaded once per run; problems printed once). */
    synchronized Components components() {
        if (components == null) {
            Components c = BuiltinComponents.registries();
            host = PluginHost.load(roots(), c, Version.apiVersion());
            if (!host.plugins().isEmpty()) {
                previousContext = Thread.currentThread().getContextClassLoader();
                Thread.currentThread().setContextClassLoader(host.classLoader());
            }
            for (PluginHost.Problem p : host.problems()) {
                err.println("hirmtl: warning: " + p.describe());
            }
            for (PluginHost.Problem p : host.warnings()) {
                err.println("hirmtl: warning: " + p.describe());
            }
            err.flush();
            components = c;
        }
        return components;
    }

    /** The host of this run (loading the plugins if not done yet). */
    synchronized PluginHost host() {
        components();
        return host;
    }
}
