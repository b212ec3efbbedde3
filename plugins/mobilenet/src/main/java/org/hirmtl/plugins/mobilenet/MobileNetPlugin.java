package org.hirmtl.plugins.mobilenet;

import org.hirmtl.registry.Components;
import org.hirmtl.spi.ComponentProvider;
import org.pf4j.Extension;

/** Registers backbone {@code mobilenet}. */
@Extension
public final class MobileNetPlugin implements ComponentProvider {
    /** The plugin id (= {@code Plugin-Id} in the manifest). */
    public static final String ID = "mobilenet";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void contribute(Components components) {
        components.backbones().register(MobileNetBackbone.NAME, new MobileNetBackbone(), ID);
    }
}
