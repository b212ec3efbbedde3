package org.hirmtl.registry;

import org.hirmtl.data.nyud.NyudMtDatasetFactory;
import org.hirmtl.data.nyud.NyudV2DatasetFactory;
import org.hirmtl.data.synth.SyntheticDatasetFactory;
import org.hirmtl.model.backbone.HrNetBackbone;
import org.hirmtl.model.backbone.ResNetBackbone;
import org.hirmtl.model.exchange.AicmExchange;
import org.hirmtl.model.exchange.NoExchange;
import org.hirmtl.model.fusion.MeanFusion;
import org.hirmtl.model.fusion.TafFusion;
import org.hirmtl.model.head.ConvHead;
import org.hirmtl.model.stf.StfStage;
import org.hirmtl.spi.ComponentProvider;
import org.hirmtl.task.depth.DepthTask;
import org.hirmtl.task.edge.EdgeTask;
import org.hirmtl.task.normals.NormalsTask;
import org.hirmtl.task.saliency.SaliencyTask;
import org.hirmtl.task.semseg.SegmentationTask;
import org.hirmtl.train.weighting.DwaWeighting;
import org.hirmtl.train.weighting.FixedWeighting;
import org.hirmtl.train.weighting.UncertaintyWeighting;

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

        c.backbones().register("resnet18", new ResNetBackbone("resnet18", new int[] {2, 2, 2, 2}), ID);
        c.backbones().register("resnet34", new ResNetBackbone("resnet34", new int[] {3, 4, 6, 3}), ID);
        c.backbones().register("hrnet", new HrNetBackbone(), ID);

        c.scaleStages().register("stf", new StfStage("stf", true), ID);
        c.scaleStages().register("shared", new StfStage("shared", false), ID);
        c.fusions().register(TafFusion.NAME, new TafFusion(), ID);
        c.fusions().register(MeanFusion.NAME, new MeanFusion(), ID);
        c.exchanges().register(AicmExchange.NAME, new AicmExchange(), ID);
        c.exchanges().register(NoExchange.NAME, new NoExchange(), ID);
        c.heads().register(ConvHead.NAME, new ConvHead(), ID);

        c.tasks().register("semseg", new SegmentationTask("semseg", 0), ID);
        c.tasks().register("parts", new SegmentationTask("parts", 7), ID);
        c.tasks().register(DepthTask.NAME, new DepthTask(), ID);
        c.tasks().register(NormalsTask.NAME, new NormalsTask(), ID);
        c.tasks().register(EdgeTask.NAME, new EdgeTask(), ID);
        c.tasks().register(SaliencyTask.NAME, new SaliencyTask(), ID);

        c.weightings().register(FixedWeighting.NAME, new FixedWeighting(), ID);
        c.weightings().register(UncertaintyWeighting.NAME, new UncertaintyWeighting(), ID);
        c.weightings().register(DwaWeighting.NAME, new DwaWeighting(), ID);
    }
}
