package org.hirmtl.model.vertices;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link GradientCheckUtil} with DL4J's usual double-precision settings and reads back the largest relative
 * error it logs, so tests can report it.
 */
public final class GradientChecks {
    /** Finite-difference step. */
    public static final double EPS = 1e-6;
    /** Largest accepted relative error. */
    public static final double MAX_REL_ERROR = 1e-5;
    /** Absolute errors below this pass regardless of the relative error. */
    public static final double MIN_ABS_ERROR = 1e-8;

    private static final Pattern LARGEST = Pattern.compile("Largest relative error = (\\S+)");

    private GradientChecks() {
    }

    /** The check's verdict and the largest relative error it saw. */
    public record Result(boolean passed, double maxRelError) {
    }

    public static Result check(ComputationGraph graph, INDArray[] inputs, INDArray[] labels) {
        return check(graph, inputs, labels, java.util.Set.of());
    }

    /**
     * The check, skipping the named parameters ({@code layer_param}, e.g. a batch norm's running {@code bn_mean} and
     * {@code bn_log10stdev}, whose "gradients" are DL4J's running-statistics updates).
     */
    public static Result check(ComputationGraph graph, INDArray[] inputs, INDArray[] labels,
                               java.util.Set<String> excludeParams) {
        Logger logger = (Logger) LoggerFactory.getLogger(GradientCheckUtil.class);
        Level before = logger.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.INFO);
        try {
            boolean passed = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
                    .net(graph)
                    .inputs(inputs)
                    .labels(labels)
                    .epsilon(EPS)
                    .maxRelError(MAX_REL_ERROR)
                    .minAbsoluteError(MIN_ABS_ERROR)
                    .print(GradientCheckUtil.PrintMode.FAILURES_ONLY)
                    .exitOnFirstError(false)
                    .excludeParams(excludeParams));
            double largest = Double.NaN;
            for (ILoggingEvent event : appender.list) {
                Matcher m = LARGEST.matcher(event.getFormattedMessage());
                if (m.find()) {
                    largest = Double.parseDouble(m.group(1));
                }
            }
            return new Result(passed, largest);
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
    }
}
