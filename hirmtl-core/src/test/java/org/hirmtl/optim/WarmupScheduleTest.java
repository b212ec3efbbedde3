package org.hirmtl.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class WarmupScheduleTest {
    @Test
    void warmsUpLinearlyThenDecays() {
        WarmupSchedule poly = new WarmupSchedule("poly", 1.0, 0.9, 4, 104);
        assertEquals(1.0 / 5, poly.valueAt(0, 0), 1e-12);
        assertEquals(4.0 / 5, poly.valueAt(3, 0), 1e-12);
        assertEquals(1.0, poly.valueAt(4, 0), 1e-12);
        assertEquals(Math.pow(0.5, 0.9), poly.valueAt(54, 0), 1e-12);
        assertEquals(0.0, poly.valueAt(104, 0), 1e-12);
        WarmupSchedule cosine = new WarmupSchedule("cosine", 2.0, 0, 0, 100);
        assertEquals(2.0, cosine.valueAt(0, 0), 1e-12);
        assertEquals(1.0, cosine.valueAt(50, 0), 1e-12);
        assertEquals(0.0, cosine.valueAt(100, 0), 1e-12);
        assertEquals(3.0, new WarmupSchedule("constant", 3.0, 0, 0, 10).valueAt(7, 0), 1e-12);
        assertEquals(poly, poly.clone());
    }
}
