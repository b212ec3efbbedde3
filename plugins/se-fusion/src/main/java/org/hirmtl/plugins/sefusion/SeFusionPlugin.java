package org.hirmtl.plugins.sefusion;

import org.hirmtl.api.ComponentProvider;
import org.hirmtl.api.Registrar;
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
    public void contribute(Registrar registrar) {
        registrar.fusion(SeFusion.NAME, new SeFusion());
    }
}
