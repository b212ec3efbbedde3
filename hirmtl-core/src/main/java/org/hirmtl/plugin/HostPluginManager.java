package org.hirmtl.plugin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.pf4j.CompoundPluginLoader;
import org.pf4j.DefaultPluginLoader;
import org.pf4j.DefaultPluginManager;
import org.pf4j.JarPluginLoader;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginLoader;
import org.pf4j.PluginManager;

/** PF4J's plugin manager with {@link HostFirstClassLoader}s for JAR and folder plugins. */
final class HostPluginManager extends DefaultPluginManager {
    HostPluginManager(List<Path> roots, String systemVersion) {
        super(roots);
        setSystemVersion(systemVersion);
    }

    @Override
    protected PluginLoader createPluginLoader() {
        return new CompoundPluginLoader().add(new FolderLoader(this)).add(new JarLoader(this));
    }

    /** JAR plugins: the JAR itself on the class path. */
    private static final class JarLoader extends JarPluginLoader {
        JarLoader(PluginManager manager) {
            super(manager);
        }

        @Override
        public ClassLoader loadPlugin(Path pluginPath, PluginDescriptor descriptor) {
            PluginClassLoader loader = new HostFirstClassLoader(pluginManager, descriptor,
                    HostPluginManager.class.getClassLoader());
            loader.addFile(pluginPath.toFile());
            return loader;
        }
    }

    /** Folder plugins: {@code classes/} and {@code lib/*.jar}. */
    private static final class FolderLoader extends DefaultPluginLoader {
        FolderLoader(PluginManager manager) {
            super(manager);
        }

        @Override
        public boolean isApplicable(Path pluginPath) {
            return Files.isDirectory(pluginPath);
        }

        @Override
        protected PluginClassLoader createPluginClassLoader(Path pluginPath, PluginDescriptor descriptor) {
            return new HostFirstClassLoader(pluginManager, descriptor, HostPluginManager.class.getClassLoader());
        }
    }
}
