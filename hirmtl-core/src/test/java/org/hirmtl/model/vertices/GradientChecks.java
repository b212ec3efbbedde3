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
final class GradientChecks {
    /** Finite-difference step. */
    static final double EPS = 1e-6;
    /** Largest accepted relative error. */
    static final double MAX_REL_ERROR = 1e-5;
    /** Absolute errors below this pass regardless of the relative error. */
    static final double MIN_ABS_ERROR = 1e-8;

    private static final Pattern LARGEST = Pattern.compile("Largest relative error = (\\S+)");

    private GradientChecks() {
    }

    /** The check's verdict and the largest relative error it saw. */
    record Result(boolean passed, double maxRelError) {
    }

    static Result check(ComputationGraph graph, INDArray[] inputs, INDArray[] labels) {
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
                    .exitOnFirstError(false));
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
