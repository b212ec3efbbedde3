package org.hirmtl.plugin;

import java.util.List;
import org.pf4j.ClassLoadingStrategy;
import org.pf4j.PluginClassLoader;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginManager;

/**
 * A plugin's class loader: classes in the toolkit's, DL4J's, ND4J's, JavaCPP's, PF4J's, SLF4J's and Jackson's packages
 * come from the host whenever the host has them (so a plugin never gets a second copy of ND4J and its natives, which fails with a
 * {@link LinkageError}); everything else is looked up in the plugin first, then its dependencies, then the host.
 */
final class HostFirstClassLoader extends PluginClassLoader {
    /** Package prefixes always served by the host. */
    static final List<String> HOST_PACKAGES = List.of("org.hirmtl.", "org.nd4j.", "org.deeplearning4j.",
            "org.bytedeco.", "org.pf4j.", "org.slf4j.", "com.fasterxml.jackson.", "ai.onnxruntime.");

    HostFirstClassLoader(PluginManager manager, PluginDescriptor descriptor, ClassLoader parent) {
        super(manager, descriptor, parent, ClassLoadingStrategy.PDA);
    }

    @Override
    public Class<?> loadClass(String name) throws ClassNotFoundException {
        if (fromHost(name)) {
            try {
                return getParent().loadClass(name);
            } catch (ClassNotFoundException e) {
                // not the host's (e.g. a plugin's own org.hirmtl.plugins.* class): the plugin's
            }
        }
        return super.loadClass(name);
    }

    static boolean fromHost(String className) {
        for (String p : HOST_PACKAGES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
