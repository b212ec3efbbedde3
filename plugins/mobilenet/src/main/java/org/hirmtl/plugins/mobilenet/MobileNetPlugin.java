package org.hirmtl.plugins.mobilenet;

import org.hirmtl.api.ComponentProvider;
import org.hirmtl.api.Registrar;
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
    public void contribute(Registrar registrar) {
        registrar.backbone(MobileNetBackbone.NAME, new MobileNetBackbone());
    }
}
