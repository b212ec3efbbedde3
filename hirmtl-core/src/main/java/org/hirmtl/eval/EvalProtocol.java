package org.hirmtl.eval;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.config.EvalConfig;
import org.hirmtl.config.ExperimentConfig;

/**
 * The evaluation protocol a user asks for on the command line: a named protocol ({@code --protocol}) that sets the
 * choices the anchors' code makes differently, and per-metric choices that override it. {@code null} everywhere keeps
 * the config's own {@code eval} section.
 *
 * <ul>
 *   <li>{@code hirmtl}: normals scored as floats, the toolkit's pooled saliency maxF/mIoU, BSDS boundaries;</li>
 *   <li>{@code mtinet}: normals as MTI-Net saves and reads them (8-bit PNG, truncating), MTI-Net's {@code eval_sal}
 *       saliency columns {@code maxf[mtinet]}, {@code miou[mtinet]} next to the toolkit's, and the SEISM boundary
 *       pipeline its tables come from ({@code odsf[seism]} …);</li>
 *   <li>{@code atrc}: ATRC's code, which scores normals as floats (its {@code 2·atan2} angle mean), saliency by
 *       the pooled β² = 0.3 maxF over 0.05 … 0.95 (the toolkit's {@code maxf}) and boundaries with SEISM;</li>
 *   <li>{@code seism}: the toolkit's choices with the SEISM boundary pipeline added.</li>
 * </ul>
 * All set the boundary match distance to the dataset's standard value ({@link #EDGE_MAX_DIST}: 0.011 of the
 * diagonal for NYUD, 0.0075 for PASCAL), as MTI-Net, ATRC and InvPT evaluate them.
 *
 * @param name            a named protocol or null
 * @param normalsProtocol {@code float}, {@code png8} or {@code png8_trunc}, or null
 * @param saliency        {@code hirmtl} or {@code mtinet}, or null
 * @param edgeMaxDist     boundary match distance as a fraction of the diagonal, or null
 * @param edgeProtocol    {@code bsds} or {@code seism}, or null
 */
public record EvalProtocol(String name, String normalsProtocol, String saliency, Double edgeMaxDist,
                           String edgeProtocol) {
    /** The named protocols. */
    public static final List<String> NAMES = List.of("hirmtl", "mtinet", "atrc", "seism");
    /** The standard boundary match distance per dataset layout. */
    public static final Map<String, Double> EDGE_MAX_DIST = Map.of("nyud_mt", 0.011, "nyudv2", 0.011,
            "pascal_mt", 0.0075);

    /** Nothing chosen: the config's protocol. */
    public static final EvalProtocol CONFIG = new EvalProtocol(null, null, null, null, null);

    /** Without an edge protocol choice (the config's or the named protocol's). */
    public EvalProtocol(String name, String normalsProtocol, String saliency, Double edgeMaxDist) {
        this(name, normalsProtocol, saliency, edgeMaxDist, null);
    }

    /** Requires a known name (or none). */
    public EvalProtocol {
        if (name != null && !NAMES.contains(name)) {
            throw new IllegalArgumentException("--protocol: unknown '" + name + "' (known: " + String.join(", ", NAMES)
                    + ")");
        }
    }

    /**
     * {@code c} with the choices applied (checked like the config's own values).
     *
     * @param datasetType the layout of the evaluated dataset (for a named protocol's boundary distance), or null
     */
    ExperimentConfig apply(ExperimentConfig c, String datasetType) {
        EvalConfig e = c.eval();
        String normals = normalsProtocol != null ? normalsProtocol
                : name == null ? e.normalsProtocol() : name.equals("mtinet") ? "png8_trunc" : "float";
        String sal = saliency != null ? saliency : name == null ? e.saliencyProtocol()
                : name.equals("mtinet") ? "mtinet" : "hirmtl";
        String edges = edgeProtocol != null ? edgeProtocol : name == null ? e.edgeProtocol()
                : name.equals("hirmtl") ? "bsds" : "seism";
        double edge = edgeMaxDist != null ? edgeMaxDist
                : name != null && datasetType != null && EDGE_MAX_DIST.containsKey(datasetType)
                ? EDGE_MAX_DIST.get(datasetType) : e.edgeMaxDist();
        EvalConfig ne;
        try {
            ne = new EvalConfig(normals, edge, e.everyEpoch(), sal, edges);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("eval." + bad.getMessage());
        }
        return ne.equals(e) ? c
                : new ExperimentConfig(c.name(), c.model(), c.tasks(), c.data(), c.train(), ne, c.inference());
    }
}
