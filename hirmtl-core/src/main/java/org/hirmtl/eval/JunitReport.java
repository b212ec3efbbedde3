package org.hirmtl.eval;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.hirmtl.data.io.AtomicFiles;

/**
 * An evaluation's gates as a JUnit XML report, the format CI systems (GitLab, Jenkins, GitHub test reporters) display
 * natively: one {@code <testsuite name="hirmtl eval">}, one {@code <testcase>} per gate named like
 * {@code semseg.miou >= 0.7}, failed gates with a {@code <failure>} that gives the value and the threshold, and every
 * metric as a suite {@code <property>}. Without gates the suite has no test cases (and still carries the metrics).
 */
public final class JunitReport {
    private JunitReport() {
    }

    /** Writes {@code report}'s gates to {@code file} (atomically: a crash leaves the old file or none). */
    public static void write(Path file, EvalReport report) throws IOException {
        AtomicFiles.write(file, f -> {
            try (OutputStream out = java.nio.file.Files.newOutputStream(f)) {
                write(out, report);
            }
        });
    }

    /** Writes {@code report}'s gates as JUnit XML (UTF-8) to {@code out}. */
    public static void write(OutputStream out, EvalReport report) throws IOException {
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            long failures = report.outcomes().stream().filter(o -> !o.passed()).count();
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "hirmtl eval");
            x.writeAttribute("tests", String.valueOf(report.outcomes().size()));
            x.writeAttribute("failures", String.valueOf(failures));
            x.writeAttribute("errors", "0");
            x.writeAttribute("skipped", "0");
            x.writeCharacters("\n  ");
            x.writeStartElement("properties");
            report.metrics().forEach((k, v) -> {
                try {
                    x.writeCharacters("\n    ");
                    x.writeEmptyElement("property");
                    x.writeAttribute("name", k);
                    x.writeAttribute("value", number(v));
                } catch (XMLStreamException e) {
                    throw new IllegalStateException(e);
                }
            });
            x.writeCharacters("\n    ");
            x.writeEmptyElement("property");
            x.writeAttribute("name", "engine");
            x.writeAttribute("value", report.engine().description());
            x.writeCharacters("\n  ");
            x.writeEndElement();
            for (Gate.Outcome o : report.outcomes()) {
                Gate g = o.gate();
                x.writeCharacters("\n  ");
                x.writeStartElement("testcase");
                x.writeAttribute("classname", "hirmtl.eval.gates");
                x.writeAttribute("name", g.metric() + (g.failUnder() ? " >= " : " <= ") + number(g.threshold()));
                x.writeAttribute("time", "0");
                if (!o.passed()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("failure");
                    x.writeAttribute("message", o.describe());
                    x.writeAttribute("type", g.failUnder() ? "fail_under" : "fail_over");
                    x.writeCharacters(g.metric() + " = " + number(o.value()) + ", threshold " + number(g.threshold()));
                    x.writeEndElement();
                    x.writeCharacters("\n  ");
                } else {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("system-out");
                    x.writeCharacters(g.metric() + " = " + number(o.value()));
                    x.writeEndElement();
                    x.writeCharacters("\n  ");
                }
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
            x.close();
        } catch (XMLStreamException | IllegalStateException e) {
            throw new IOException("cannot write the JUnit report: " + e.getMessage(), e);
        }
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.6g", v);
    }
}
