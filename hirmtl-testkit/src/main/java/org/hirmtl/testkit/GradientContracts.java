package org.hirmtl.testkit;

import java.util.Random;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.hirmtl.api.loss.PixelLoss;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The double-precision gradient checks behind {@link ComponentContract#assertLossGradients} and
 * {@link ComponentContract#assertVertexGradients(GraphVertex, int[][])}: a loss against central differences of its
 * score, a vertex inside a small graph through DL4J's gradient checker.
 */
final class GradientContracts {
    private GradientContracts() {
    }

    static void assertLossGradients(PixelLoss loss, Activation activation, int c, float[] labels,
                                           float[] mask, int pixels) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            loss.setPixelsPerExample(pixels);
            INDArray lab = Nd4j.create(DataType.DOUBLE, pixels, c);
            INDArray msk = Nd4j.create(DataType.DOUBLE, pixels, 1);
            Random r = new Random(11);
            INDArray pre = Nd4j.create(DataType.DOUBLE, pixels, c);
            for (int p = 0; p < pixels; p++) {
                msk.putScalar(p, 0, mask[p]);
                for (int k = 0; k < c; k++) {
                    lab.putScalar(p, k, labels[k * pixels + p]);
                    pre.putScalar(p, k, r.nextGaussian());
                }
            }
            IActivation act = activation.getActivationFunction();
            INDArray analytic = loss.computeGradient(lab, pre.dup(), act, msk);
            double eps = 1e-6;
            double worst = 0;
            for (long i = 0; i < pre.length(); i++) {
                double x0 = pre.getDouble(i);
                pre.putScalar(i, x0 + eps);
                double plus = loss.computeScore(lab, pre, act, msk, false);
                pre.putScalar(i, x0 - eps);
                double minus = loss.computeScore(lab, pre, act, msk, false);
                pre.putScalar(i, x0);
                double numeric = (plus - minus) / (2 * eps);
                double a = analytic.getDouble(i);
                double scale = Math.abs(a) + Math.abs(numeric);
                if (scale > 1e-10) {
                    worst = Math.max(worst, Math.abs(a - numeric) / scale);
                }
            }
            Check.isTrue(worst < 1e-5, loss.getClass().getSimpleName() + " gradient differs from central differences:"
                    + " max relative error " + worst);
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    static void assertVertexGradients(GraphVertex vertex, int[][] inputs) {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder()
                    .seed(7).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
                    .convolutionMode(ConvolutionMode.Same)
                    .graphBuilder()
                    .addInputs("in")
                    .setInputTypes(InputType.convolutional(6, 8, 3));
            boolean pooled = false;
            String[] names = new String[inputs.length];
            for (int i = 0; i < inputs.length; i++) {
                int[] shape = inputs[i];
                String source = "in";
                if (shape[1] == 1 && shape[2] == 1) {
                    if (!pooled) {
                        b.addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).collapseDimensions(false)
                                .build(), "in");
                        pooled = true;
                    }
                    source = "pool";
                } else if (shape[1] != 6 || shape[2] != 8) {
                    throw new IllegalArgumentException("inputs must be 6x8 or 1x1, got " + shape[1] + "x" + shape[2]);
                }
                names[i] = "in" + i;
                b.addLayer(names[i], new ConvolutionLayer.Builder(1, 1).nOut(shape[0])
                        .activation(i % 2 == 0 ? Activation.TANH : Activation.SIGMOID).build(), source);
            }
            b.addVertex("vertex", vertex, names)
                    .addLayer("post", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.TANH).build(),
                            "vertex")
                    .addLayer("out", new CnnLossLayer.Builder(LossFunctions.LossFunction.MSE)
                            .activation(Activation.IDENTITY).build(), "post")
                    .setOutputs("out");
            ComputationGraph graph = new ComputationGraph(b.build());
            graph.init();
            Nd4j.getRandom().setSeed(3);
            INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 6, 8).subi(0.5).muli(4);
            INDArray[] probe = graph.output(false, x);
            INDArray y = Nd4j.rand(DataType.DOUBLE, probe[0].shape()).subi(0.5);
            boolean ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                    .net(graph).inputs(new INDArray[] {x}).labels(new INDArray[] {y})
                    .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-8)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY).exitOnFirstError(false));
            Check.isTrue(ok, vertex.getClass().getSimpleName() + " fails the gradient check (see the log for the "
                    + "parameters whose gradients differ)");
            ComputationGraph restored = ComponentContract.saveAndRestore(graph, vertex.getClass().getClassLoader());
            Check.equal(graph.outputSingle(x).data().asDouble(), restored.outputSingle(x).data().asDouble(),
                    vertex.getClass().getSimpleName() + " changes its output after save/load");
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }
}
