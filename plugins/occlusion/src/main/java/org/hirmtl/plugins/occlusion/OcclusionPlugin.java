package org.hirmtl.plugins.occlusion;

import org.hirmtl.api.ComponentProvider;
import org.hirmtl.api.Registrar;
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
    public void contribute(Registrar registrar) {
        registrar.task(OcclusionTask.NAME, new OcclusionTask());
    }
}
