package org.hirmtl.plugins.sefusion;

import org.hirmtl.registry.Components;
import org.hirmtl.spi.ComponentProvider;
import org.pf4j.Extension;

/** Registers fusion {@code se}. */
@Extension
public final class SeFusionPlugin implements ComponentProvider {
    /** The plugin id (= {@code Plugin-Id} in the manifest). */
    public static final String ID = "se-fusion";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void contribute(Components components) {
        components.fusions().register(SeFusion.NAME, new SeFusion(), ID);
    }
}
