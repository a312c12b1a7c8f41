package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.ManagedDisk;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

class InternerTest {
    private static final String SET = "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Compute/diskEncryptionSets/des";

    @Test
    void oneLoadKeepsOneCopyOfEachIdAndText() {
        Interner in = Interner.forLoad();
        assertSame(in.id(SET), in.id(new String(SET)));
        assertSame(in.text("kubernetes-azure-dd"), in.text(new String("kubernetes-azure-dd")));
        assertNull(in.id("not an id"), "the caller reports the field");
    }

    @Test
    void noneKeepsNothing() {
        assertNotSame(Interner.NONE.id(SET), Interner.NONE.id(SET));
        assertEquals(Interner.NONE.id(SET), Interner.NONE.id(SET));
    }

    @Test
    void disksOfOneLoad_shareTheirSetAndMachineIds() {
        Snapshot s = SnapshotLoader.load(Fixtures.path("snapshot/disks/arm_disk_list_cmk_pmk_2020-09-30.json"));
        List<ManagedDisk> onSet = s.disks().stream().filter(d -> d.encryption().diskEncryptionSetId() != null).toList();
        assertEquals(2, onSet.size());
        assertSame(onSet.get(0).encryption().diskEncryptionSetId(), onSet.get(1).encryption().diskEncryptionSetId());
    }
}
