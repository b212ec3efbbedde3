import static org.bytedeco.dnnl.global.dnnl.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.bytedeco.dnnl.*;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.LongPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Issue 21's batch-norm lever, probed before it is built: does JavaCPP's oneDNN preset ({@code org.bytedeco:dnnl})
 * load next to ND4J's natives (libnd4jcpu links its own oneDNN statically), with one OpenMP runtime; do oneDNN's
 * training-mode batch-norm forward and full backward give the right numbers (against a double-precision reference);
 * and how fast are they against the ND4J ops DL4J's batch-norm helper runs (the statistics as separate reductions,
 * libnd4j's {@code batchnorm} and {@code batchnorm_bp})?  Run by bench/bn_probe.sh. Not part of the toolkit.
 */
public class BatchNormProbe {
    public static void main(String[] a) throws Exception {
        check();
        for (int[] s : new int[][] {{16, 64, 80}, {32, 32, 40}, {64, 128, 160}}) {
            time(s[0], s[1], s[2]);
        }
    }

    static void check() throws Exception {
        int n = 8, c = 16, h = 32, w = 40, plane = h * w;
        Nd4j.getRandom().setSeed(1);
        INDArray x = Nd4j.rand(DataType.FLOAT, n, c, h, w).muli(3).addi(1);
        INDArray conv = Nd4j.cnn().conv2d(x, Nd4j.rand(DataType.FLOAT, 3, 3, c, 4),
                org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig.builder().kH(3).kW(3).build());
        System.out.println("nd4j ok, conv " + java.util.Arrays.toString(conv.shape()));
        dnnl_version_t v = dnnl_version();
        System.out.println("javacpp dnnl " + v.major() + "." + v.minor() + "." + v.patch());
        engine eng = new engine(engine.kind.cpu, 0);
        stream s = new stream(eng);
        memory.desc md = new memory.desc(new LongPointer(n, c, h, w), memory.data_type.f32, memory.format_tag.nchw);
        var fd = new batch_normalization_forward.desc(prop_kind.forward_training, md, 1e-5f,
                normalization_flags.use_scale_shift);
        var fpd = new batch_normalization_forward.primitive_desc(fd, eng);
        float[] xs = x.data().asFloat();
        int total = xs.length;
        FloatPointer src = new FloatPointer(xs), dst = new FloatPointer(total);
        float[] ssv = new float[2 * c];
        for (int i = 0; i < c; i++) { ssv[i] = 1.5f + i * 0.1f; ssv[c + i] = 0.25f - i * 0.05f; }
        FloatPointer ss = new FloatPointer(ssv), mean = new FloatPointer(c), var = new FloatPointer(c);
        memory.desc cd = new memory.desc(new LongPointer(new long[] {c}), memory.data_type.f32, memory.format_tag.x);
        memory.desc sd = new memory.desc(new LongPointer(new long[] {2, c}), memory.data_type.f32, memory.format_tag.nc);
        memory mSrc = new memory(md, eng, src), mDst = new memory(md, eng, dst);
        memory mSs = new memory(sd, eng, ss), mMean = new memory(cd, eng, mean), mVar = new memory(cd, eng, var);
        new batch_normalization_forward(fpd).execute(s, new IntMemoryMap().put(DNNL_ARG_SRC, mSrc)
                .put(DNNL_ARG_DST, mDst).put(DNNL_ARG_SCALE_SHIFT, mSs).put(DNNL_ARG_MEAN, mMean)
                .put(DNNL_ARG_VARIANCE, mVar));
        s._wait();
        // reference, double precision
        double worst = 0, worstStat = 0;
        float[] y = new float[total];
        dst.get(y);
        double[] mu = new double[c], va = new double[c];
        for (int ch = 0; ch < c; ch++) {
            double sum = 0, sq = 0;
            for (int i = 0; i < n; i++) for (int p = 0; p < plane; p++) { double t = xs[(i * c + ch) * plane + p]; sum += t; }
            mu[ch] = sum / (n * plane);
            for (int i = 0; i < n; i++) for (int p = 0; p < plane; p++) { double t = xs[(i * c + ch) * plane + p] - mu[ch]; sq += t * t; }
            va[ch] = sq / (n * plane);
            worstStat = Math.max(worstStat, Math.abs(mean.get(ch) - mu[ch]) + Math.abs(var.get(ch) - va[ch]));
            for (int i = 0; i < n; i++) for (int p = 0; p < plane; p++) {
                int k = (i * c + ch) * plane + p;
                double ref = ssv[ch] * (xs[k] - mu[ch]) / Math.sqrt(va[ch] + 1e-5) + ssv[c + ch];
                worst = Math.max(worst, Math.abs(ref - y[k]));
            }
        }
        System.out.printf("forward_training: max |y - ref| = %.3g, stats %.3g (biased variance)%n", worst, worstStat);
        // backward
        var bd = new batch_normalization_backward.desc(prop_kind.backward, md, md, 1e-5f, normalization_flags.use_scale_shift);
        var bpd = new batch_normalization_backward.primitive_desc(bd, eng, fpd);
        float[] dy = new float[total];
        java.util.Random r = new java.util.Random(2);
        for (int i = 0; i < total; i++) dy[i] = (float) r.nextGaussian();
        FloatPointer pdy = new FloatPointer(dy), pdx = new FloatPointer(total), pdss = new FloatPointer(2 * c);
        memory mDy = new memory(md, eng, pdy), mDx = new memory(md, eng, pdx), mDss = new memory(sd, eng, pdss);
        new batch_normalization_backward(bpd).execute(s, new IntMemoryMap().put(DNNL_ARG_SRC, mSrc)
                .put(DNNL_ARG_DIFF_DST, mDy).put(DNNL_ARG_SCALE_SHIFT, mSs).put(DNNL_ARG_MEAN, mMean)
                .put(DNNL_ARG_VARIANCE, mVar).put(DNNL_ARG_DIFF_SRC, mDx).put(DNNL_ARG_DIFF_SCALE_SHIFT, mDss));
        s._wait();
        float[] dx = new float[total];
        pdx.get(dx);
        double worstDx = 0, worstDg = 0;
        int m = n * plane;
        for (int ch = 0; ch < c; ch++) {
            double inv = 1 / Math.sqrt(va[ch] + 1e-5), sdy = 0, sdyx = 0;
            for (int i = 0; i < n; i++) for (int p = 0; p < plane; p++) {
                int k = (i * c + ch) * plane + p;
                sdy += dy[k]; sdyx += dy[k] * (xs[k] - mu[ch]) * inv;
            }
            worstDg = Math.max(worstDg, Math.abs(pdss.get(ch) - sdyx) / Math.max(1, Math.abs(sdyx)) + Math.abs(pdss.get(c + ch) - sdy) / Math.max(1, Math.abs(sdy)));
            for (int i = 0; i < n; i++) for (int p = 0; p < plane; p++) {
                int k = (i * c + ch) * plane + p;
                double xh = (xs[k] - mu[ch]) * inv;
                double ref = ssv[ch] * inv * (dy[k] - sdy / m - xh * sdyx / m);
                worstDx = Math.max(worstDx, Math.abs(ref - dx[k]));
            }
        }
        System.out.printf("backward: max |dx - ref| = %.3g, d(gamma, beta) relative %.3g%n", worstDx, worstDg);
        // the toolkit's engine still works after dnnl ran, and which OpenMP runtimes are mapped
        System.out.println("nd4j after: " + Nd4j.cnn().conv2d(x, Nd4j.ones(DataType.FLOAT, 3, 3, c, 4),
                org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig.builder().kH(3).kW(3).build()).sumNumber());
        Files.readAllLines(Path.of("/proc/self/maps")).stream().map(l -> l.replaceAll("^.* ", ""))
                .filter(l -> l.contains("gomp") || l.contains("dnnl") || l.contains("nd4jcpu") || l.contains("tbb"))
                .distinct().forEach(l -> System.out.println("mapped: " + l));
    }

    static void time(int c, int h, int w) {
        int n = 8, reps = 30;
        INDArray x = Nd4j.rand(DataType.FLOAT, n, c, h, w);
        INDArray dy = Nd4j.rand(DataType.FLOAT, n, c, h, w);
        INDArray gamma = Nd4j.ones(DataType.FLOAT, c), beta = Nd4j.zeros(DataType.FLOAT, c);
        // ND4J: statistics as DL4J computes them, then the batchnorm op and batchnorm_bp (oneDNN-backed in libnd4j)
        long t0 = 0;
        for (int r = 0; r < reps + 5; r++) {
            if (r == 5) t0 = System.nanoTime();
            INDArray mean = x.mean(0, 2, 3);
            INDArray var = x.var(false, 0, 2, 3);
            INDArray y = Nd4j.createUninitialized(DataType.FLOAT, n, c, h, w);
            Nd4j.exec(DynamicCustomOp.builder("batchnorm").addInputs(x, mean, var, gamma, beta).addOutputs(y)
                    .addIntegerArguments(1, 1, 1).addFloatingPointArguments(1e-5).build());
            INDArray dx = Nd4j.createUninitialized(DataType.FLOAT, n, c, h, w);
            INDArray dm = Nd4j.createUninitialized(DataType.FLOAT, c), dv = Nd4j.createUninitialized(DataType.FLOAT, c);
            INDArray dg = Nd4j.createUninitialized(DataType.FLOAT, c), db = Nd4j.createUninitialized(DataType.FLOAT, c);
            Nd4j.exec(DynamicCustomOp.builder("batchnorm_bp").addInputs(x, mean, var, gamma, beta, dy)
                    .addOutputs(dx, dm, dv, dg, db).addIntegerArguments(1, 1, 1).addFloatingPointArguments(1e-5).build());
        }
        double nd4j = (System.nanoTime() - t0) / 1e6 / reps;
        // oneDNN training primitives, buffers kept between calls (as a helper with cached memory would)
        engine eng = new engine(engine.kind.cpu, 0);
        stream s = new stream(eng);
        memory.desc md = new memory.desc(new LongPointer(new long[] {n, c, h, w}), memory.data_type.f32, memory.format_tag.nchw);
        memory.desc cd = new memory.desc(new LongPointer(new long[] {c}), memory.data_type.f32, memory.format_tag.x);
        memory.desc sd = new memory.desc(new LongPointer(new long[] {2, c}), memory.data_type.f32, memory.format_tag.nc);
        var fpd = new batch_normalization_forward.primitive_desc(new batch_normalization_forward.desc(
                prop_kind.forward_training, md, 1e-5f, normalization_flags.use_scale_shift), eng);
        var bpd = new batch_normalization_backward.primitive_desc(new batch_normalization_backward.desc(
                prop_kind.backward, md, md, 1e-5f, normalization_flags.use_scale_shift), eng, fpd);
        var fwd = new batch_normalization_forward(fpd);
        var bwd = new batch_normalization_backward(bpd);
        long total = (long) n * c * h * w;
        float[] ssv = new float[2 * c];
        java.util.Arrays.fill(ssv, 0, c, 1f);
        memory mx = new memory(md, eng, new FloatPointer(x.data().asFloat())), my = new memory(md, eng, new FloatPointer(total));
        memory mdy = new memory(md, eng, new FloatPointer(dy.data().asFloat())), mdx = new memory(md, eng, new FloatPointer(total));
        memory mss = new memory(sd, eng, new FloatPointer(ssv)), mdss = new memory(sd, eng, new FloatPointer(2L * c));
        memory mm = new memory(cd, eng, new FloatPointer(c)), mv = new memory(cd, eng, new FloatPointer(c));
        IntMemoryMap fargs = new IntMemoryMap().put(DNNL_ARG_SRC, mx).put(DNNL_ARG_DST, my).put(DNNL_ARG_SCALE_SHIFT, mss)
                .put(DNNL_ARG_MEAN, mm).put(DNNL_ARG_VARIANCE, mv);
        IntMemoryMap bargs = new IntMemoryMap().put(DNNL_ARG_SRC, mx).put(DNNL_ARG_DIFF_DST, mdy).put(DNNL_ARG_SCALE_SHIFT, mss)
                .put(DNNL_ARG_MEAN, mm).put(DNNL_ARG_VARIANCE, mv).put(DNNL_ARG_DIFF_SRC, mdx).put(DNNL_ARG_DIFF_SCALE_SHIFT, mdss);
        for (int r = 0; r < reps + 5; r++) {
            if (r == 5) t0 = System.nanoTime();
            fwd.execute(s, fargs);
            bwd.execute(s, bargs);
            s._wait();
        }
        double dnnl = (System.nanoTime() - t0) / 1e6 / reps;
        System.out.printf("bn %dx%dx%dx%d forward+backward: nd4j ops %.2f ms, javacpp oneDNN training primitives %.2f ms (%.1fx)%n",
                n, c, h, w, nd4j, dnnl, nd4j / dnnl);
    }
}
