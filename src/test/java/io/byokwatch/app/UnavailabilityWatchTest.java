package io.byokwatch.app;

import io.byokwatch.port.Inventory;
import io.byokwatch.port.Lookup;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UnavailabilityWatchTest {

    /**
     * An answer the watch does not see passes through as the interface's default ("this inventory does not read
     * ..."), or unseen when unavailable; either way a verdict would be built on a hole. So it overrides every look-up.
     */
    @Test
    void watchesEveryLookupOfTheInventoryPort() {
        List<String> unwatched = new ArrayList<>();
        for (Method m : Inventory.class.getMethods()) {
            if (!Lookup.class.isAssignableFrom(m.getReturnType())) {
                continue;
            }
            try {
                Method own = UnavailabilityWatch.class.getDeclaredMethod(m.getName(), m.getParameterTypes());
                if (own.isSynthetic()) {
                    unwatched.add(m.getName());
                }
            } catch (NoSuchMethodException e) {
                unwatched.add(m.getName());
            }
        }
        assertEquals(List.of(), unwatched);
    }
}
