package org.hirmtl.registry;

import org.hirmtl.data.nyud.NyudMtDatasetFactory;
import org.hirmtl.data.nyud.NyudV2DatasetFactory;
import org.hirmtl.data.synth.SyntheticDatasetFactory;
import org.hirmtl.spi.ComponentProvider;

/** The toolkit's own components, registered exactly as a plugin registers its own. */
public final class BuiltinComponents implements ComponentProvider {
    /** The source name of built-in components in registry messages. */
    public static final String ID = "builtin";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void contribute(Components c) {
        // synthetic first: it is a NYUD_MT folder with a manifest, so auto-detection must try it before nyud_mt
        c.datasets().register(SyntheticDatasetFactory.NAME, new SyntheticDatasetFactory(), ID);
        c.datasets().register(NyudMtDatasetFactory.NAME, new NyudMtDatasetFactory(), ID);
        c.datasets().register(NyudV2DatasetFactory.NAME, new NyudV2DatasetFactory(), ID);
    }
}
