package org.hirmtl.api.config;

import java.util.List;

/**
 * Evaluation protocol.
 *
 * @param normalsProtocol {@code float} (predictions scored as floats) or {@code png8} (quantised to 8-bit PNG first,
 *     as in code that saves predictions before scoring)
 * @param edgeMaxDist edge matching tolerance as a fraction of the image diagonal (0.011 NYUD, 0.0075 PASCAL)
 * @param everyEpoch evaluate on the validation split after every epoch (else only at the end)
 */
public record EvalConfig(String normalsProtocol, double edgeMaxDist, boolean everyEpoch) {

    /** The known normals protocols. */
    public static final List<String> NORMALS_PROTOCOLS = List.of("float", "png8");

    /** Requires a known protocol and a tolerance in (0, 1). */
    public EvalConfig {
        Checks.oneOf("normals_protocol", normalsProtocol, NORMALS_PROTOCOLS);
        if (!(edgeMaxDist > 0 && edgeMaxDist < 1)) {
            throw new ConfigValueException("edge_max_dist", "must be in (0, 1), got " + Checks.show(edgeMaxDist));
        }
    }
}
