package org.hirmtl.builtin;

import org.hirmtl.api.ComponentProvider;
import org.hirmtl.api.Registrar;
import org.hirmtl.data.nyud.NyudMtDatasetFactory;
import org.hirmtl.data.nyud.NyudV2DatasetFactory;
import org.hirmtl.data.pascal.PascalMtDatasetFactory;
import org.hirmtl.data.synth.SyntheticDatasetFactory;
import org.hirmtl.model.backbone.HrNetBackbone;
import org.hirmtl.model.backbone.ResNetBackbone;
import org.hirmtl.model.exchange.AicmExchange;
import org.hirmtl.model.exchange.NoExchange;
import org.hirmtl.model.fusion.MeanFusion;
import org.hirmtl.model.fusion.TafFusion;
import org.hirmtl.model.head.ConvHead;
import org.hirmtl.model.stf.StfStage;
import org.hirmtl.registry.Components;
import org.hirmtl.task.depth.DepthTask;
import org.hirmtl.task.edge.EdgeTask;
import org.hirmtl.task.normals.NormalsTask;
import org.hirmtl.task.saliency.SaliencyTask;
import org.hirmtl.task.semseg.SegmentationTask;
import org.hirmtl.train.weighting.DwaWeighting;
import org.hirmtl.train.weighting.FixedWeighting;
import org.hirmtl.train.weighting.UncertaintyWeighting;

/**
 * The toolkit's own components, registered exactly as a plugin registers its own: the wiring of every built-in task,
 * backbone, stage, fusion, exchange, head, dataset layout and weighting into the registries, which themselves know
 * none of them.
 */
public final class BuiltinComponents implements ComponentProvider {
    /** The source name of built-in components in registry messages. */
    public static final String ID = "builtin";

    /** Registries holding the toolkit's built-in components (plugins are added by the plugin host). */
    public static Components registries() {
        Components c = new Components();
        c.install(new BuiltinComponents());
        return c;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void contribute(Registrar r) {
        // synthetic first: it is a NYUD_MT folder with a manifest, so auto-detection must try it before nyud_mt
        r.dataset(SyntheticDatasetFactory.NAME, new SyntheticDatasetFactory());
        r.dataset(NyudMtDatasetFactory.NAME, new NyudMtDatasetFactory());
        r.dataset(NyudV2DatasetFactory.NAME, new NyudV2DatasetFactory());
        r.dataset(PascalMtDatasetFactory.NAME, new PascalMtDatasetFactory());

        r.backbone("resnet18", new ResNetBackbone("resnet18", new int[] {2, 2, 2, 2}));
        r.backbone("resnet34", new ResNetBackbone("resnet34", new int[] {3, 4, 6, 3}));
        r.backbone("hrnet", new HrNetBackbone());

        r.scaleStage("stf", new StfStage("stf", true));
        r.scaleStage("shared", new StfStage("shared", false));
        r.fusion(TafFusion.NAME, new TafFusion());
        r.fusion(MeanFusion.NAME, new MeanFusion());
        r.exchange(AicmExchange.NAME, new AicmExchange());
        r.exchange(NoExchange.NAME, new NoExchange());
        r.head(ConvHead.NAME, new ConvHead());

        r.task("semseg", new SegmentationTask("semseg", 0));
        r.task("parts", new SegmentationTask("parts", 7));
        r.task(DepthTask.NAME, new DepthTask());
        r.task(NormalsTask.NAME, new NormalsTask());
        r.task(EdgeTask.NAME, new EdgeTask());
        r.task(SaliencyTask.NAME, new SaliencyTask());

        r.weighting(FixedWeighting.NAME, new FixedWeighting());
        r.weighting(UncertaintyWeighting.NAME, new UncertaintyWeighting());
        r.weighting(DwaWeighting.NAME, new DwaWeighting());
    }
}
