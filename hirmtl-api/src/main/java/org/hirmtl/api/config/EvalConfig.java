package org.hirmtl.api.config;

import java.util.List;

/**
 * Evaluation protocol.
 *
 * @param normalsProtocol {@code float} (predictions scored as floats), {@code png8} (quantised to an 8-bit PNG first,
 *     rounding) or {@code png8_trunc} (quantised as MTI-Net saves normals: {@code astype(np.uint8)} truncates)
 * @param edgeMaxDist edge matching tolerance as a fraction of the image diagonal (0.011 NYUD, 0.0075 PASCAL)
 * @param everyEpoch evaluate on the validation split after every epoch (else only at the end)
 * @param saliencyProtocol {@code hirmtl} (the toolkit's pooled maxF and mIoU) or {@code mtinet} (also MTI-Net's
 *     {@code eval_sal} columns, reported as {@code maxf[mtinet]} and {@code miou[mtinet]})
 */
public record EvalConfig(String normalsProtocol, double edgeMaxDist, boolean everyEpoch, String saliencyProtocol) {

    /** The known normals protocols. */
    public static final List<String> NORMALS_PROTOCOLS = List.of("float", "png8", "png8_trunc");
    /** The known saliency protocols. */
    public static final List<String> SALIENCY_PROTOCOLS = List.of("hirmtl", "mtinet");

    /**
     * Requires known protocols and a tolerance in (0, 1).
     *
     * @param normalsProtocol one of {@link #NORMALS_PROTOCOLS}: {@code float}, {@code png8} or {@code png8_trunc}
     * @param edgeMaxDist edge matching tolerance as a fraction of the image diagonal, in (0, 1)
     * @param everyEpoch evaluate on the validation split after every epoch (else only at the end)
     * @param saliencyProtocol one of {@link #SALIENCY_PROTOCOLS}: {@code hirmtl} or {@code mtinet}
     */
    public EvalConfig {
        Checks.oneOf("normals_protocol", normalsProtocol, NORMALS_PROTOCOLS);
        Checks.oneOf("saliency_protocol", saliencyProtocol, SALIENCY_PROTOCOLS);
        if (!(edgeMaxDist > 0 && edgeMaxDist < 1)) {
            throw new ConfigValueException("edge_max_dist", "must be in (0, 1), got " + Checks.show(edgeMaxDist));
        }
    }

    /**
     * The toolkit's saliency protocol ({@code hirmtl}) with the given normals protocol and tolerance.
     *
     * @param normalsProtocol one of {@link #NORMALS_PROTOCOLS}: {@code float}, {@code png8} or {@code png8_trunc}
     * @param edgeMaxDist edge matching tolerance as a fraction of the image diagonal, in (0, 1)
     * @param everyEpoch evaluate on the validation split after every epoch (else only at the end)
     */
    public EvalConfig(String normalsProtocol, double edgeMaxDist, boolean everyEpoch) {
        this(normalsProtocol, edgeMaxDist, everyEpoch, "hirmtl");
    }
}
