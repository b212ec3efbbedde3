package org.hirmtl.model.backbone;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.BackboneFactory;
import org.hirmtl.api.config.BackboneConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad widths and options fail in {@code features} (before anything is built) with the config key named. */
class BackboneConfigErrorsTest {

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnet34", "hrnet"})
    void threeWidthsAreRejected(String type) {
        String m = fail(type, List.of(8, 16, 32), Map.of());
        assertContains(m, "model.backbone.widths");
        assertContains(m, "exactly 4");
        assertContains(m, "[8, 16, 32]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "resnet34", "hrnet"})
    void unknownOptionIsRejectedWithKnownOnes(String type) {
        String m = fail(type, List.of(), Map.of("depth", 50));
        assertContains(m, "model.backbone.options");
        assertContains(m, "'depth'");
        assertContains(m, type.equals("hrnet") ? "(known: blocks, modules, stage1_blocks, stem_width, upsample)"
                : "(known: stem, weights)");
    }

    @Test
    void badOptionValuesAreRejected() {
        assertContains(fail("resnet18", List.of(), Map.of("stem", "conv5")),
                "model.backbone.options.stem: unknown 'conv5' (known: conv7, conv3)");
        assertContains(fail("hrnet", List.of(), Map.of("modules", List.of(1, 1))),
                "model.backbone.options.modules: needs 3 entries");
        assertContains(fail("hrnet", List.of(), Map.of("blocks", 0)),
                "model.backbone.options.blocks: must be an integer > 0, got 0");
        assertContains(fail("hrnet", List.of(), Map.of("modules", List.of(1, "two", 1))),
                "model.backbone.options.modules[1]: must be an integer > 0, got two");
        assertContains(fail("hrnet", List.of(), Map.of("stem_width", 1.5)), "stem_width");
        assertContains(fail("hrnet", List.of(), Map.of("upsample", "bicubic")),
                "model.backbone.options.upsample: unknown 'bicubic' (known: nearest, bilinear)");
    }

    @Test
    void wholeNumbersFromYamlAreAccepted() {
        List<?> specs = new HrNetBackbone().features(new BackboneConfig("hrnet", List.of(),
                Map.of("modules", List.of(1L, 2.0, 1), "blocks", 2L)));
        assertTrue(specs.size() == 4);
    }

    private static String fail(String type, List<Integer> widths, Map<String, Object> options) {
        BackboneFactory f = type.equals("hrnet") ? new HrNetBackbone()
                : type.equals("resnet34") ? ResNetBackbone.resnet34() : ResNetBackbone.resnet18();
        return assertThrows(IllegalArgumentException.class,
                () -> f.features(new BackboneConfig(type, widths, options))).getMessage();
    }

    private static void assertContains(String message, String part) {
        assertTrue(message.contains(part), "'" + part + "' not in: " + message);
    }
}
