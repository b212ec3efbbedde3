package org.hirmtl.plugins.inverseloss;

import org.hirmtl.api.ComponentProvider;
import org.hirmtl.api.Registrar;
import org.pf4j.Extension;

/** Registers the weighting {@code inverse-loss}. */
@Extension
public final class InverseLossPlugin implements ComponentProvider {
    /** The plugin id (the pom's {@code plugin.id}). */
    public static final String ID = "inverse-loss";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void contribute(Registrar registrar) {
        registrar.weighting(InverseLossWeighting.NAME, new InverseLossWeighting());
    }
}
