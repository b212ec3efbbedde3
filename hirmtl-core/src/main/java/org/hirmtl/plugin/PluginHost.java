package org.hirmtl.plugin;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.hirmtl.api.ComponentProvider;
import org.hirmtl.api.Kind;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.registry.Components;
import org.hirmtl.registry.Registry;
import org.pf4j.CompoundPluginDescriptorFinder;
import org.pf4j.DefaultVersionManager;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDependency;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginDescriptorFinder;
import org.pf4j.PropertiesPluginDescriptorFinder;
import org.pf4j.VersionManager;

/**
 * Loads PF4J plugins and registers their components into the same registries as the built-ins.
 *
 * <p>Each plugin folder is scanned for plugin JARs ({@code *.jar}) and exploded plugin folders (holding
 * {@code plugin.properties}); other files are ignored. Every candidate is checked on its own before anything is loaded:
 * a broken JAR or descriptor, a duplicate id, a {@code Plugin-Requires} the toolkit's version does not satisfy, a
 * missing (non-optional) plugin dependency or one of the wrong version, a plugin that contributes no
 * {@link ComponentProvider}, a provider whose id is not the plugin id, and a component name that clashes with one
 * already registered each give one {@link Problem} naming the plugin, and the others load regardless. A component name
 * that clashes with one already registered costs the plugin nothing: that component is registered under
 * {@code PLUGIN-ID:name} (the first keeps the bare name) and {@link #warnings()} says so.
 *
 * <p>Plugin classes see the toolkit's, DL4J's and ND4J's classes from the host ({@link HostFirstClassLoader}).
 * {@link #classLoader()} sees every loaded plugin's classes too; it must be the thread's context class loader when a
 * checkpoint holding a plugin's custom vertex or loss is restored (DL4J's JSON reads class names through it).
 */
public final class PluginHost implements AutoCloseable {
    private final HostPluginManager manager;
    private final List<PluginInfo> loaded = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();
    private final List<Problem> warnings = new ArrayList<>();
    private final List<Path> roots;
    private final ClassLoader classLoader;

    /**
     * A loaded plugin.
     *
     * @param id the plugin id
     * @param version its version
     * @param provider who made it
     * @param description what it is
     * @param requires the toolkit versions it accepts ({@code *} for any)
     * @param dependencies the plugins it needs ({@code id@version-range}, {@code ?} for optional)
     * @param path the JAR or folder
     * @param contributions component kind (e.g. {@code task}) → names it registered
     */
    public record PluginInfo(String id, String version, String provider, String description, String requires,
                             List<String> dependencies, Path path, Map<String, List<String>> contributions) {
    }

    /** A plugin that did not load. @param plugin its id (or the file name if unknown) @param path the file @param message why */
    public record Problem(String plugin, Path path, String message) {
        /** One line: {@code plugin 'id' (file): message}. */
        public String describe() {
            return "plugin '" + plugin + "' (" + path + "): " + message;
        }
    }

    private PluginHost(List<Path> roots, String systemVersion) {
        this.roots = List.copyOf(roots);
        this.manager = new HostPluginManager(this.roots, systemVersion);
        this.classLoader = new PluginsClassLoader(PluginHost.class.getClassLoader(), manager);
    }

    /**
     * Finds, checks and loads the plugins in {@code roots} (missing folders are skipped) and registers their
     * components into {@code components}.
     *
     * @param systemVersion the toolkit version plugins' {@code Plugin-Requires} is checked against
     */
    public static PluginHost load(List<Path> roots, Components components, String systemVersion) {
        PluginHost host = new PluginHost(roots, systemVersion);
        host.loadAll(components, systemVersion);
        return host;
    }

    /** The plugins that loaded, in load order. */
    public List<PluginInfo> plugins() {
        return Collections.unmodifiableList(loaded);
    }

    /** Notes about plugins that loaded, e.g. a component registered under its qualified name after a clash. */
    public List<Problem> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** The plugins that did not load, with the reason. */
    public List<Problem> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** The folders searched. */
    public List<Path> roots() {
        return roots;
    }

    /** Plugin id → version of every loaded plugin. */
    public Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        loaded.forEach(p -> v.put(p.id(), p.version()));
        return v;
    }

    /** A class loader that sees the host's classes and every loaded plugin's. */
    public ClassLoader classLoader() {
        return classLoader;
    }

    private record Candidate(Path path, PluginDescriptor descriptor) {
    }

    private void loadAll(Components components, String systemVersion) {
        PluginDescriptorFinder finder = new CompoundPluginDescriptorFinder()
                .add(new PropertiesPluginDescriptorFinder())
                .add(new ManifestPluginDescriptorFinder());
        VersionManager versions = new DefaultVersionManager();
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        for (Path path : candidatePaths()) {
            PluginDescriptor d;
            try {
                d = finder.find(path);
            } catch (RuntimeException e) {
                problems.add(new Problem(path.getFileName().toString(), path, "not a readable plugin: "
                        + message(e)));
                continue;
            }
            String id = d.getPluginId();
            if (id == null || id.isBlank()) {
                problems.add(new Problem(path.getFileName().toString(), path, "no Plugin-Id in its descriptor"));
            } else if (candidates.containsKey(id)) {
                problems.add(new Problem(id, path, "a plugin with this id is already loaded from "
                        + candidates.get(id).path()));
            } else if (!requiresOk(versions, systemVersion, d.getRequires())) {
                problems.add(new Problem(id, path, "built for toolkit " + d.getRequires() + "; this toolkit is "
                        + systemVersion));
            } else {
                candidates.put(id, new Candidate(path, d));
            }
        }
        dropUnmetDependencies(candidates, versions);
        for (Candidate c : dependencyOrder(candidates)) {
            loadOne(c, components);
        }
        for (Problem p : problems) {
            components.recordNotLoaded(p.plugin(), p.path() + " but not loaded: " + p.message());
        }
    }

    private static boolean requiresOk(VersionManager versions, String system, String requires) {
        if (requires == null || requires.isBlank() || requires.trim().equals("*")) {
            return true;
        }
        try {
            return versions.checkVersionConstraint(system, requires);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void dropUnmetDependencies(Map<String, Candidate> candidates, VersionManager versions) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Candidate c : new ArrayList<>(candidates.values())) {
                for (PluginDependency dep : c.descriptor().getDependencies()) {
                    Candidate target = candidates.get(dep.getPluginId());
                    String why = null;
                    if (target == null && !dep.isOptional()) {
                        why = "needs plugin '" + dep.getPluginId() + "', which is not available";
                    } else if (target != null && !requiresOk(versions, target.descriptor().getVersion(),
                            dep.getPluginVersionSupport())) {
                        why = "needs plugin '" + dep.getPluginId() + "' " + dep.getPluginVersionSupport()
                                + ", found version " + target.descriptor().getVersion();
                    }
                    if (why != null) {
                        problems.add(new Problem(c.descriptor().getPluginId(), c.path(), why));
                        candidates.remove(c.descriptor().getPluginId());
                        changed = true;
                        break;
                    }
                }
            }
        }
    }

    private List<Candidate> dependencyOrder(Map<String, Candidate> candidates) {
        List<Candidate> order = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String id : candidates.keySet()) {
            visit(id, candidates, done, visiting, order);
        }
        return order;
    }

    private void visit(String id, Map<String, Candidate> candidates, Set<String> done, Set<String> visiting,
                       List<Candidate> order) {
        Candidate c = candidates.get(id);
        if (c == null || done.contains(id)) {
            return;
        }
        if (!visiting.add(id)) {
            problems.add(new Problem(id, c.path(), "its dependencies form a cycle through " + visiting));
            candidates.remove(id);
            return;
        }
        for (PluginDependency dep : c.descriptor().getDependencies()) {
            visit(dep.getPluginId(), candidates, done, visiting, order);
        }
        visiting.remove(id);
        if (candidates.containsKey(id)) {
            done.add(id);
            order.add(c);
        }
    }

    private void loadOne(Candidate c, Components components) {
        String id = c.descriptor().getPluginId();
        try {
            manager.loadPlugin(c.path());
            manager.startPlugin(id);
        } catch (RuntimeException | LinkageError e) {
            problems.add(new Problem(id, c.path(), "does not load: " + message(e)));
            unload(id);
            return;
        }
        List<ComponentProvider> providers;
        try {
            providers = manager.getExtensions(ComponentProvider.class, id);
        } catch (RuntimeException | LinkageError e) {
            problems.add(new Problem(id, c.path(), "its extensions do not load: " + message(e)));
            unload(id);
            return;
        }
        if (providers.isEmpty()) {
            problems.add(new Problem(id, c.path(), "contributes no org.hirmtl.api.ComponentProvider (is the class "
                    + "annotated with @Extension and META-INF/extensions.idx in the JAR?)"));
            unload(id);
            return;
        }
        Map<String, Set<String>> before = snapshot(components);
        try {
            for (ComponentProvider p : providers) {
                if (!id.equals(p.id())) {
                    throw new IllegalStateException("its provider " + p.getClass().getName() + " has id '" + p.id()
                            + "', not the plugin id '" + id + "'");
                }
                components.install(p);
            }
        } catch (RuntimeException | LinkageError e) {
            for (Registry<?> r : registries(components).values()) {
                r.unregisterSource(id);
            }
            problems.add(new Problem(id, c.path(), message(e)));
            unload(id);
            return;
        }
        Map<String, List<String>> contributions = new TreeMap<>();
        registries(components).forEach((kind, r) -> {
            List<String> added = new ArrayList<>();
            for (Registry.Entry<?> e : r.entries()) {
                if (e.source().equals(id) && !before.get(kind).contains(e.name())) {
                    added.add(e.name());
                }
            }
            if (!added.isEmpty()) {
                contributions.put(kind, added);
            }
        });
        for (Kind kind : Kind.values()) {
            for (Registry.Clash clash : components.registry(kind).clashes()) {
                if (clash.source().equals(id)) {
                    warnings.add(new Problem(id, c.path(), kind.label() + " '" + clash.name() + "' is taken by "
                            + (clash.kept().equals(BuiltinComponents.ID) ? "a built-in" : "plugin '" + clash.kept()
                            + "'") + "; this plugin's is registered as '" + clash.qualified() + "' (name it so in a "
                            + "config to use it)"));
                }
            }
        }
        components.recordPlugin(id, c.descriptor().getVersion());
        PluginDescriptor d = c.descriptor();
        List<String> deps = new ArrayList<>();
        d.getDependencies().forEach(x -> deps.add(x.toString()));
        loaded.add(new PluginInfo(id, d.getVersion(), nz(d.getProvider()), nz(d.getPluginDescription()),
                d.getRequires() == null || d.getRequires().isBlank() ? "*" : d.getRequires(), deps, c.path(),
                contributions));
    }

    private void unload(String id) {
        try {
            if (manager.getPlugin(id) != null) {
                manager.unloadPlugin(id);
            }
        } catch (RuntimeException e) {
            // best effort: the plugin stays inert
        }
    }

    private static Map<String, Set<String>> snapshot(Components components) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        registries(components).forEach((k, r) -> out.put(k, new LinkedHashSet<>(r.names())));
        return out;
    }

    /** Kind label → registry, for reporting contributions, in {@link Kind} order. */
    static Map<String, Registry<?>> registries(Components c) {
        Map<String, Registry<?>> m = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            m.put(k.label(), c.registry(k));
        }
        return m;
    }

    private List<Path> candidatePaths() {
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> s = Files.list(root)) {
                s.sorted().forEach(p -> {
                    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (n.startsWith(".")) {
                        return;
                    }
                    if (Files.isRegularFile(p) && n.endsWith(".jar")
                            || Files.isDirectory(p) && Files.isRegularFile(p.resolve("plugin.properties"))) {
                        out.add(p.toAbsolutePath().normalize());
                    }
                });
            } catch (IOException e) {
                problems.add(new Problem(root.getFileName().toString(), root, "plugin folder not readable: "
                        + e.getMessage()));
            }
        }
        return out;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String m = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName()
                : t.getClass().getSimpleName().endsWith("Error") ? t.getClass().getSimpleName() + ": " + t.getMessage()
                : t.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** Stops and unloads every plugin (one by one). */
    @Override
    public void close() {
        List<String> ids = new ArrayList<>(versions().keySet());
        Collections.reverse(ids);
        for (String id : ids) {
            unload(id);
        }
    }
}
