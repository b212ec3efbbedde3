package org.hirmtl.export.onnx;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.ShiftVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.hirmtl.api.OnnxExportable;

/**
 * Converts one DL4J vertex: a layer (frozen wrappers unwrapped) or a vertex, through its
 * {@link OnnxExportable} hook if it has one, else through the built-in mappings — {@link LayerExport} for layers;
 * here for {@code ElementWiseVertex} (Add, Subtract, Product, Average, Max), {@code MergeVertex} (Concat),
 * {@code ShiftVertex} and {@code ScaleVertex}. Built-in types are matched by exact class.
 */
final class VertexExport {
    private VertexExport() {
    }

    /**
     * Writes the vertex's output tensor {@code out}; the graph must already be scoped to the vertex.
     *
     * @param inShapes {@code [-1, C, H, W]} of each input
     */
    static void convert(OnnxGraphWriter g, String name, GraphVertex vertex, List<String> inputs, List<long[]> inShapes,
                        String out) {
        if (vertex instanceof LayerVertex lv) {
            Layer layer = unwrap(lv.getLayerConf().getLayer());
            Site site = new Site(name, layer.getClass());
            if (lv.getPreProcessor() != null) {
                throw site.unsupported("input preprocessor " + lv.getPreProcessor() + " has no ONNX mapping");
            }
            if (layer instanceof OnnxExportable hook) {
                callHook(g, hook, inputs, out, site);
            } else if (LayerExport.knows(layer)) {
                LayerExport.convert(g, layer, inputs.get(0), inShapes.get(0), out, site);
            } else {
                throw OnnxExportException.noHook(name, layer.getClass());
            }
        } else if (vertex instanceof OnnxExportable hook) {
            callHook(g, hook, inputs, out, new Site(name, vertex.getClass()));
        } else {
            builtinVertex(g, vertex, inputs, out, new Site(name, vertex.getClass()));
        }
        if (!g.exists(out)) {
            throw new OnnxExportException("exporting vertex '" + name + "' did not write its output tensor '" + out
                    + "'");
        }
    }

    private static Layer unwrap(Layer layer) {
        Layer l = layer;
        while (true) {
            if (l instanceof FrozenLayer f) {
                l = f.getLayer();
            } else if (l instanceof BaseWrapperLayer w
                    && w.getClass() == org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop.class) {
                l = w.getUnderlying();
            } else {
                return l;
            }
        }
    }

    private static void callHook(OnnxGraphWriter g, OnnxExportable hook, List<String> inputs, String out, Site site) {
        try {
            hook.toOnnx(g, List.copyOf(inputs), out);
        } catch (OnnxExportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new OnnxExportException("cannot export vertex '" + site.vertex() + "' (" + site.type().getName()
                    + "): its ONNX export hook failed: " + e.getMessage(), e);
        }
    }

    private static void builtinVertex(OnnxGraphWriter g, GraphVertex vertex, List<String> in, String out, Site site) {
        Class<?> c = vertex.getClass();
        if (c == ElementWiseVertex.class) {
            elementWise(g, ((ElementWiseVertex) vertex).getOp(), in, out, site);
        } else if (c == MergeVertex.class) {
            if (in.size() == 1) {
                g.node("Identity", in, List.of(out), Map.of());
            } else {
                g.node("Concat", in, List.of(out), Map.of("axis", ((MergeVertex) vertex).getMergeAxis()));
            }
        } else if (c == ShiftVertex.class) {
            float shift = (float) ((ShiftVertex) vertex).getShiftFactor();
            g.node("Add", List.of(in.get(0), g.scalar("shift", shift)), List.of(out), Map.of());
        } else if (c == ScaleVertex.class) {
            float scale = (float) ((ScaleVertex) vertex).getScaleFactor();
            g.node("Mul", List.of(in.get(0), g.scalar("scale", scale)), List.of(out), Map.of());
        } else {
            throw OnnxExportException.noHook(site.vertex(), c);
        }
    }

    /** As DL4J: one input is copied; Average is the sum divided by the count; inputs broadcast numpy-style. */
    private static void elementWise(OnnxGraphWriter g, ElementWiseVertex.Op op, List<String> in, String out, Site site) {
        if (in.size() == 1) {
            g.node("Identity", in, List.of(out), Map.of());
            return;
        }
        switch (op) {
            case Add -> g.node(in.size() == 2 ? "Add" : "Sum", in, List.of(out), Map.of());
            case Subtract -> {
                if (in.size() != 2) {
                    throw site.unsupported("Subtract needs exactly 2 inputs, got " + in.size());
                }
                g.node("Sub", in, List.of(out), Map.of());
            }
            case Product -> {
                String acc = in.get(0);
                for (int i = 1; i < in.size(); i++) {
                    String next = i == in.size() - 1 ? out : g.fresh("Mul");
                    g.node("Mul", List.of(acc, in.get(i)), List.of(next), Map.of());
                    acc = next;
                }
            }
            case Average -> {
                String sum = g.node(in.size() == 2 ? "Add" : "Sum", in, Map.of());
                g.node("Div", List.of(sum, g.scalar("count", in.size())), List.of(out), Map.of());
            }
            case Max -> g.node("Max", in, List.of(out), Map.of());
            default -> throw site.unsupported("element-wise op " + op + " has no ONNX mapping");
        }
    }
}
