package com.example.hirmtl;

import org.hirmtl.api.ComponentProvider;
import org.hirmtl.api.Registrar;
import org.pf4j.Extension;

/** The plugin's one entry point: registers its components under the plugin id. */
@Extension
public final class MaxFusionPlugin implements ComponentProvider {
    /** Must equal {@code plugin.id} in the pom. */
    public static final String ID = "max-fusion";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void contribute(Registrar registrar) {
        registrar.fusion("max", new MaxFusion());
    }
}
