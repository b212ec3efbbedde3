package org.hirmtl.cli;

import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hirmtl.Version;
import org.hirmtl.plugin.PluginHost;
import org.hirmtl.registry.Components;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The plugins of one {@code hirmtl} run: the {@code --plugins DIR} option (inherited by every subcommand), the plugin
 * folders ({@code ./plugins}, {@code ~/.hirmtl/plugins}, {@code $HIRMTL_PLUGINS}, then each {@code --plugins}), and the
 * registries with the built-ins and every plugin that loaded. Plugins that do not load are one warning line each;
 * the others load regardless.
 */
public final class Plugins {
    /** The environment variable with extra plugin folders (separated by the path separator). */
    public static final String ENV = "HIRMTL_PLUGINS";
    private static final List<Path> extra = new ArrayList<>();
    private static PrintWriter err = new PrintWriter(System.err, true);
    private static PluginHost host;
    private static Components components;
    private static ClassLoader previousContext;

    @Option(names = "--plugins", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Also load plugins from DIR (repeatable; besides ./plugins, ~/.hirmtl/plugins and "
                    + "$HIRMTL_PLUGINS).")
    void addFolder(List<Path> dirs) {
        extra.addAll(dirs);
    }

    /** Forgets the previous run's plugins (tests run several commands in one JVM). */
    static synchronized void reset(PrintWriter errors) {
        if (host != null) {
            host.close();
        }
        if (previousContext != null) {
            Thread.currentThread().setContextClassLoader(previousContext);
            previousContext = null;
        }
        extra.clear();
        host = null;
        components = null;
        err = errors;
    }

    /** The plugin folders, in search order. */
    static synchronized List<Path> roots() {
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
    static synchronized Components components() {
        if (components == null) {
            Components c = Components.withBuiltins();
            host = PluginHost.load(roots(), c, Version.apiVersion());
            if (!host.plugins().isEmpty()) {
                previousContext = Thread.currentThread().getContextClassLoader();
                Thread.currentThread().setContextClassLoader(host.classLoader());
            }
            for (PluginHost.Problem p : host.problems()) {
                err.println("hirmtl: warning: " + p.describe());
            }
            err.flush();
            components = c;
        }
        return components;
    }

    /** The host of this run (loading the plugins if not done yet). */
    static synchronized PluginHost host() {
        components();
        return host;
    }
}
