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

    /** Adds one block; the first convolution (and the shortcut) carries {@code stride}. */
    static Handle add(ModelGraph g, String name, Handle in, int channels, int stride) {
        Handle a = g.convBn(name + "/conv1", in, channels, 3, stride, Activation.RELU);
        Handle b = g.convBn(name + "/conv2", a, channels, 3, 1, Activation.IDENTITY);
        Handle shortcut = stride == 1 && in.channels() == channels
                ? in
                : g.convBn(name + "/downsample", in, channels, 1, stride, Activation.IDENTITY);
        return g.activation(name + "/relu", g.add(name + "/add", b, shortcut), Activation.RELU);
    }

    /** Adds {@code count} blocks in sequence, named {@code {name}/block1 .. block{count}}; the first strides. */
    static Handle chain(ModelGraph g, String name, Handle in, int channels, int stride, int count) {
        Handle x = in;
        for (int i = 1; i <= count; i++) {
            x = add(g, name + "/block" + i, x, channels, i == 1 ? stride : 1);
        }
        return x;
    }
}
