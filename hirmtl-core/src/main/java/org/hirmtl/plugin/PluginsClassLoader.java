package org.hirmtl.plugin;

import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/** The host's class loader, falling back to each started plugin's loader for classes the host does not have. */
final class PluginsClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final PluginManager manager;

    PluginsClassLoader(ClassLoader parent, PluginManager manager) {
        super("hirmtl-plugins", parent);
        this.manager = manager;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (PluginWrapper p : manager.getPlugins(PluginState.STARTED)) {
            try {
                return p.getPluginClassLoader().loadClass(name);
            } catch (ClassNotFoundException e) {
                // try the next plugin
            }
        }
        throw new ClassNotFoundException(name);
    }
}
