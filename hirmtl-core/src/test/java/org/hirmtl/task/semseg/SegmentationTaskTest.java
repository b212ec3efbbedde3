package org.hirmtl.task.semseg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.hirmtl.api.config.TaskConfig;
import org.hirmtl.builtin.BuiltinComponents;
import org.hirmtl.config.ConfigLoader;
import org.junit.jupiter.api.Test;

/** Segmentation options: class count and optional class names for legends. */
class SegmentationTaskTest {
    private static final SegmentationTask SEMSEG = new SegmentationTask("semseg", 0);

    @Test
    void classNamesMustNameEveryClass() {
        assertEquals(3, SEMSEG.outputChannels(new TaskConfig(1, Map.of("classes", 3,
                "class_names", List.of("wall", "floor", "box")))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SEMSEG.outputChannels(
                new TaskConfig(1, Map.of("classes", 3, "class_names", List.of("wall")))));
        assertTrue(e.getMessage().startsWith("tasks.semseg.options.class_names: expected a list of 3 names"),
                e.getMessage());
    }

    @Test
    void configsMayGiveClassNames() {
        var cfg = new ConfigLoader(BuiltinComponents.registries()).loadDefaults(List.of("tasks.semseg.options.class_names=[a,b,c,d,e,f,g,h]"))
                .config();
        assertEquals(8, ((List<?>) cfg.tasks().get("semseg").options().get("class_names")).size());
        assertEquals(8, SEMSEG.outputChannels(cfg.tasks().get("semseg")));
    }
}
