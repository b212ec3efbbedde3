package org.hirmtl.model.backbone;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.hirmtl.data.io.DataFormatException;
import org.hirmtl.data.io.Npy;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads a torchvision ResNet-18/34 {@code state_dict} (saved as {@code .npz}, one array per tensor name) into the
 * toolkit's ResNet backbone, mapping every tensor by name and checking its shape:
 * {@code conv1} → {@code backbone/stem/conv}, {@code bn1} → {@code backbone/stem/bn},
 * {@code layer{s}.{i}.conv{1,2}} / {@code bn{1,2}} → {@code backbone/layer{s}/block{i+1}/conv{1,2}/conv} / {@code bn},
 * {@code layer{s}.{i}.downsample.0} / {@code .1} → {@code .../downsample/conv} / {@code bn}. Batch norm: weight → γ,
 * bias → β, running mean → mean, running variance → DL4J's {@code log10(std)} (or the variance when the layer stores
 * it). {@code fc.*} (the classifier) and {@code num_batches_tracked} are not used. A tensor the model lacks, a
 * backbone parameter the file lacks, or a shape that differs is an error naming it.
 */
final class TorchvisionWeights {
    private TorchvisionWeights() {
    }

    static void load(ComputationGraph graph, Path file, int[] blocks, String arch) throws IOException {
        Map<String, Npy.NdArray> tensors = Npy.readNpz(file);
        Map<String, String> convs = new LinkedHashMap<>();
        Map<String, String> bns = new LinkedHashMap<>();
        convs.put("conv1", "backbone/stem/conv");
        bns.put("bn1", "backbone/stem/bn");
        for (int s = 1; s <= 4; s++) {
            for (int i = 0; i < blocks[s - 1]; i++) {
                String t = "layer" + s + "." + i;
                String o = "backbone/layer" + s + "/block" + (i + 1);
                convs.put(t + ".conv1", o + "/conv1/conv");
                bns.put(t + ".bn1", o + "/conv1/bn");
                convs.put(t + ".conv2", o + "/conv2/conv");
                bns.put(t + ".bn2", o + "/conv2/bn");
                if (graph.getVertex(o + "/downsample/conv") != null) {
                    convs.put(t + ".downsample.0", o + "/downsample/conv");
                    bns.put(t + ".downsample.1", o + "/downsample/bn");
                }
            }
        }
        Set<String> used = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : convs.entrySet()) {
            Layer layer = layer(graph, e.getValue(), file, arch);
            set(layer, "W", take(tensors, e.getKey() + ".weight", file, used), e.getKey() + ".weight", file);
        }
        for (Map.Entry<String, String> e : bns.entrySet()) {
            Layer layer = layer(graph, e.getValue(), file, arch);
            String t = e.getKey();
            set(layer, "gamma", take(tensors, t + ".weight", file, used), t + ".weight", file);
            set(layer, "beta", take(tensors, t + ".bias", file, used), t + ".bias", file);
            set(layer, "mean", take(tensors, t + ".running_mean", file, used), t + ".running_mean", file);
            Npy.NdArray var = take(tensors, t + ".running_var", file, used);
            BatchNormalization conf = (BatchNormalization) layer.conf().getLayer();
            if (conf.isUseLogStd()) {
                float[] log10std = new float[var.data().length];
                for (int i = 0; i < log10std.length; i++) {
                    log10std[i] = (float) (0.5 * Math.log10(var.data()[i]));
                }
                set(layer, "log10stdev", new Npy.NdArray(var.shape(), log10std), t + ".running_var", file);
            } else {
                set(layer, "var", var, t + ".running_var", file);
            }
            used.add(t + ".num_batches_tracked");
        }
        List<String> unused = new ArrayList<>();
        for (String name : tensors.keySet()) {
            if (!used.contains(name) && !name.startsWith("fc.")) {
                unused.add(name);
            }
        }
        if (!unused.isEmpty()) {
            throw new DataFormatException(file, "tensors the " + arch + " backbone has no place for: "
                    + String.join(", ", unused.subList(0, Math.min(8, unused.size())))
                    + (unused.size() > 8 ? " (+" + (unused.size() - 8) + " more)" : "")
                    + " (a " + arch + " state_dict from torchvision is expected)");
        }
    }

    private static Layer layer(ComputationGraph graph, String name, Path file, String arch) throws IOException {
        Layer l = graph.getLayer(name);
        if (l == null) {
            throw new DataFormatException(file, "the model has no layer " + name + " (torchvision " + arch
                    + " weights need model.backbone.options.stem: conv7)");
        }
        return l;
    }

    private static Npy.NdArray take(Map<String, Npy.NdArray> tensors, String name, Path file, Set<String> used)
            throws IOException {
        Npy.NdArray a = tensors.get(name);
        if (a == null) {
            throw new DataFormatException(file, "has no tensor '" + name + "' (is it a torchvision ResNet "
                    + "state_dict of the same depth?)");
        }
        used.add(name);
        return a;
    }

    private static void set(Layer layer, String key, Npy.NdArray value, String tensor, Path file)
            throws IOException {
        INDArray p = layer.getParam(key);
        long[] want = p.shape();
        long n = 1;
        for (int d : value.shape()) {
            n *= d;
        }
        boolean vector = value.shape().length == 1 && p.length() == n;
        if (!vector && !Arrays.equals(want, Arrays.stream(value.shape()).asLongStream().toArray())) {
            throw new DataFormatException(file, "tensor '" + tensor + "' has shape " + Arrays.toString(value.shape())
                    + " but " + layer.conf().getLayer().getLayerName() + " expects " + Arrays.toString(want)
                    + " (torchvision weights need the standard widths [64, 128, 256, 512])");
        }
        p.assign(Nd4j.create(value.data(), want, 'c').castTo(p.dataType() == null ? DataType.FLOAT : p.dataType()));
    }
}
