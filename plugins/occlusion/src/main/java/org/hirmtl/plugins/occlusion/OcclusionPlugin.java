package org.hirmtl.plugins.occlusion;

import org.hirmtl.registry.Components;
import org.hirmtl.spi.ComponentProvider;
import org.pf4j.Extension;

/** Registers task {@code occlusion}. */
@Extension
public final class OcclusionPlugin implements ComponentProvider {
    /** The plugin id (= {@code Plugin-Id} in the manifest). */
    public static final String ID = "occlusion";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void contribute(Components components) {
        components.tasks().register(OcclusionTask.NAME, new OcclusionTask(), ID);
    }
}
