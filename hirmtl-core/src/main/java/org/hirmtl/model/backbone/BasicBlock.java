package org.hirmtl.model.backbone;

import org.hirmtl.api.graph.Handle;
import org.hirmtl.api.graph.ModelGraph;
import org.nd4j.linalg.activations.Activation;

/**
 * The residual basic block of ResNet-18/34 and HRNet: {@code ReLU(BN(conv3(ReLU(BN(conv3(x))))) + shortcut(x))},
 * where the shortcut is the identity, or a 1×1 convolution + batch norm when the stride or the channels change.
 * Vertices: {@code {name}/conv1/conv}, {@code {name}/conv1/bn}, {@code {name}/conv2/...},
 * {@code {name}/downsample/...}, {@code {name}/add}, {@code {name}/relu}.
 */
final class BasicBlock {
    private BasicBlock() {
    }

    /**
     * Adds one block; the first convolution (and the shortcut) carries {@code stride}.
     *
     * @param torchPadding pad as PyTorch does ({@link TorchPadding}; ResNet, for torchvision weights) rather than
     *                     DL4J's {@code Same}
     */
    static Handle add(ModelGraph g, String name, Handle in, int channels, int stride, boolean torchPadding) {
        Handle a = convBn(g, name + "/conv1", in, channels, 3, stride, Activation.RELU, torchPadding);
        Handle b = convBn(g, name + "/conv2", a, channels, 3, 1, Activation.IDENTITY, torchPadding);
        Handle shortcut = stride == 1 && in.channels() == channels
                ? in
                : convBn(g, name + "/downsample", in, channels, 1, stride, Activation.IDENTITY, torchPadding);
        return g.activation(name + "/relu", g.add(name + "/add", b, shortcut), Activation.RELU);
    }

    /** Adds {@code count} blocks in sequence, named {@code {name}/block1 .. block{count}}; the first strides. */
    static Handle chain(ModelGraph g, String name, Handle in, int channels, int stride, int count,
                        boolean torchPadding) {
        Handle x = in;
        for (int i = 1; i <= count; i++) {
            x = add(g, name + "/block" + i, x, channels, i == 1 ? stride : 1, torchPadding);
        }
        return x;
    }

    private static Handle convBn(ModelGraph g, String name, Handle in, int out, int k, int stride, Activation act,
                                 boolean torchPadding) {
        return torchPadding ? TorchPadding.convBn(g, name, in, out, k, stride, act)
                : g.convBn(name, in, out, k, stride, act);
    }
}
