package io.byokwatch.adapter.storage;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.port.VerdictStore;
import io.byokwatch.testsupport.CapturedLog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link VerdictStore} must do; each implementation's test extends this with a fresh, empty store. */
abstract class VerdictStoreContract {
    /** More than one page of the Table service (1,000 entities). */
    static final int MORE_THAN_A_PAGE = 1_100;

    VerdictStore store;

    /** A new, empty store. */
    abstract VerdictStore newStore();

    /** Damages what is stored for the cluster the way a crash, a hand edit or a bug would. */
    abstract void damage(ResourceId clusterId) throws Exception;

    /** Stores many verdicts as fast as the implementation allows (setup for paging tests only). */
    void storeMany(List<StoredVerdict> verdicts) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (StoredVerdict v : verdicts) {
                results.add(pool.submit(() -> store.put(v)));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @BeforeEach
    void freshStore() {
        store = newStore();
    }

    @Test
    void get_isEmpty_forAClusterNeverStored() {
        assertTrue(store.get(Verdicts.clusterId("never")).isEmpty());
    }

    @Test
    void putWithoutVersion_creates_andGetReturnsEveryFieldWithAVersion() {
        ResourceId id = Verdicts.clusterId("aks-prod");
        StoredVerdict v = Verdicts.noncompliant(id);

        assertTrue(store.put(v));

        StoredVerdict read = store.get(id).orElseThrow();
        assertNotNull(read.version());
        assertEquals(v.withVersion(read.version()), read);
        assertEquals(List.of("BW-DES-001|" + id.key(), "BW-KEY-002|" + id.key()), read.findingKeys());
    }

    @Test
    void putWithoutVersion_isRefused_whenAVerdictIsAlreadyStored() {
        ResourceId id = Verdicts.clusterId("aks-prod");
        assertTrue(store.put(Verdicts.noncompliant(id)));

        assertFalse(store.put(Verdicts.withDetail(Verdicts.noncompliant(id), "{\"second\":true}")));
        assertEquals(Verdicts.noncompliant(id).detailJson(), store.get(id).orElseThrow().detailJson());
    }

    @Test
    void putWithTheCurrentVersion_replaces_andGivesANewVersion() {
        ResourceId id = Verdicts.clusterId("aks-prod");
        store.put(Verdicts.noncompliant(id));
        StoredVerdict first = store.get(id).orElseThrow();
        Instant alertAt = Instant.parse("2026-03-03T10:00:00Z");

        assertTrue(store.put(Verdicts.compliantAfterAlert(first, alertAt)));

        StoredVerdict second = store.get(id).orElseThrow();
        assertNotEquals(first.version(), second.version());
        assertEquals("compliant", second.status());
        assertEquals(List.of(), second.findingKeys());
        assertEquals(alertAt, second.lastAlertAt());
        assertEquals("became-compliant", second.lastAlertKind());
    }

    @Test
    void write_returnsTheVersionStored_soTheWritersNextWriteNeedsNoReread_andAStaleOneLoses() {
        ResourceId id = Verdicts.clusterId("aks-prod");
        String created = store.write(Verdicts.noncompliant(id));
        assertEquals(store.get(id).orElseThrow().version(), created);

        StoredVerdict mine = Verdicts.withDetail(Verdicts.noncompliant(id), "{\"pending\":true}").withVersion(created);
        String replaced = store.write(mine);
        assertNotNull(replaced);
        assertEquals(store.get(id).orElseThrow().version(), replaced);

        assertNotNull(store.write(Verdicts.withDetail(mine, "{\"cleared\":true}").withVersion(replaced)));
        assertNull(store.write(Verdicts.withDetail(mine, "{\"stale\":true}").withVersion(replaced)),
                "the version handed back is spent by the write that used it");
        assertEquals("{\"cleared\":true}", store.get(id).orElseThrow().detailJson());
    }

    @Test
    void twoWritersHoldingTheSameVersion_exactlyOneWins_andTheLoserSeesTheWinnersVerdict() {
        ResourceId id = Verdicts.clusterId("aks-prod");
        store.put(Verdicts.noncompliant(id));
        StoredVerdict readByA = store.get(id).orElseThrow();
        StoredVerdict readByB = store.get(id).orElseThrow();

        assertTrue(store.put(Verdicts.compliantAfterAlert(readByA, Instant.parse("2026-03-03T10:00:00Z"))));
        assertFalse(store.put(Verdicts.withDetail(readByB, "{\"writer\":\"B\"}")));

        StoredVerdict reread = store.get(id).orElseThrow();
        assertEquals("became-compliant", reread.lastAlertKind());
    }

    @Test
    void writersRacingOnTheSameVersion_exactlyOneWins() throws Exception {
        ResourceId id = Verdicts.clusterId("aks-race");
        store.put(Verdicts.noncompliant(id));
        StoredVerdict read = store.get(id).orElseThrow();
        int writers = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                StoredVerdict mine = Verdicts.withDetail(read, "{\"writer\":" + i + "}");
                results.add(pool.submit((Callable<Boolean>) () -> {
                    go.await();
                    return store.put(mine);
                }));
            }
            go.countDown();
            int wins = 0;
            for (Future<Boolean> r : results) {
                wins += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, wins);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aVersionFromBeforeADeleteAndRecreate_neverWins() {
        ResourceId id = Verdicts.clusterId("aks-prod");
        store.put(Verdicts.noncompliant(id));
        StoredVerdict old = store.get(id).orElseThrow();
        assertTrue(store.delete(id, old.version()));
        assertTrue(store.put(Verdicts.noncompliant(id)));

        assertFalse(store.put(Verdicts.withDetail(old, "{\"stale\":true}")));
        assertFalse(store.delete(id, old.version()));
    }

    @Test
    void deleteWithTheCurrentVersion_removes_andWithAStaleVersion_refuses() {
        ResourceId id = Verdicts.clusterId("aks-prod");
        store.put(Verdicts.noncompliant(id));
        StoredVerdict first = store.get(id).orElseThrow();
        store.put(Verdicts.compliantAfterAlert(first, Instant.parse("2026-03-03T10:00:00Z")));

        assertFalse(store.delete(id, first.version()));
        assertTrue(store.get(id).isPresent());

        assertTrue(store.delete(id, store.get(id).orElseThrow().version()));
        assertTrue(store.get(id).isEmpty());
    }

    @Test
    void delete_ofAClusterNeverStored_isFalse() {
        ResourceId other = Verdicts.clusterId("aks-other");
        store.put(Verdicts.noncompliant(other));
        String aRealVersion = store.get(other).orElseThrow().version();

        assertFalse(store.delete(Verdicts.clusterId("never"), aRealVersion));
    }

    @Test
    void all_returnsEveryVerdict_acrossMoreThanOnePage() throws Exception {
        List<StoredVerdict> many = IntStream.range(0, MORE_THAN_A_PAGE)
                .mapToObj(i -> Verdicts.noncompliant(Verdicts.clusterId(String.format("aks-%04d", i))))
                .toList();
        storeMany(many);

        List<StoredVerdict> all = store.all();

        assertEquals(MORE_THAN_A_PAGE, all.size());
        Set<ResourceId> expected = many.stream().map(StoredVerdict::clusterId).collect(Collectors.toSet());
        assertEquals(expected, all.stream().map(StoredVerdict::clusterId).collect(Collectors.toSet()));
        assertTrue(all.stream().allMatch(v -> v.version() != null && v.status().equals("noncompliant")));
    }

    @Test
    void aLargeDetail_isStoredAndReadBackUnchanged() {
        ResourceId id = Verdicts.clusterId("aks-big");
        // odd-length prefix: every 32,000-char boundary falls inside a surrogate pair unless chunking avoids it
        String detail = "{\"x\":\"" + "😀".repeat(100_000) + "é\"}";
        assertTrue(detail.length() > 200_000);

        assertTrue(store.put(Verdicts.withDetail(Verdicts.noncompliant(id), detail)));

        assertEquals(detail, store.get(id).orElseThrow().detailJson());
    }

    @Test
    void idsThatDifferOnlyInCase_addressTheSameVerdict_andKeepTheFirstSpelling() {
        ResourceId mixed = ResourceId.parse("/subscriptions/AAAAAAAA-2222-3333-4444-555555555555/resourceGroups/RG-Aks"
                + "/providers/Microsoft.ContainerService/managedClusters/AKS-Prod");
        ResourceId lower = ResourceId.parse(mixed.toString().toLowerCase());
        assertTrue(store.put(Verdicts.noncompliant(mixed)));

        StoredVerdict read = store.get(lower).orElseThrow();
        assertEquals(mixed.toString(), read.clusterId().toString());
        assertFalse(store.put(Verdicts.noncompliant(lower)));
        assertTrue(store.delete(lower, read.version()));
        assertTrue(store.get(mixed).isEmpty());
    }

    @Test
    void aDamagedRecord_isReportedWithWhereAndWhy_treatedAsAbsent_andReplacedByACreate() throws Exception {
        ResourceId damaged = Verdicts.clusterId("aks-damaged");
        ResourceId sound = Verdicts.clusterId("aks-sound");
        store.put(Verdicts.noncompliant(damaged));
        store.put(Verdicts.noncompliant(sound));
        damage(damaged);

        try (CapturedLog log = CapturedLog.of("io.byokwatch.adapter.storage")) {
            assertTrue(store.get(damaged).isEmpty());
            assertEquals(List.of(sound), store.all().stream().map(StoredVerdict::clusterId).toList());

            assertFalse(log.lines().isEmpty(), "the damage is reported");
            String report = log.lines().get(0);
            assertTrue(report.startsWith("WARNING"), report);
            assertTrue(report.contains(whereDamaged(damaged)), report);
            assertTrue(report.contains(whyDamaged()), report);
        }
        assertTrue(store.put(Verdicts.noncompliant(damaged)));
        assertEquals("noncompliant", store.get(damaged).orElseThrow().status());
    }

    /** What a report about the damaged record must name so that a person can find it. */
    abstract String whereDamaged(ResourceId clusterId);

    /** What that report must say about the damage done by {@link #damage}. */
    abstract String whyDamaged();

    @Test
    void everyWrite_getsAVersionNotSeenBefore() {
        ResourceId id = Verdicts.clusterId("aks-prod");
        Set<String> versions = new HashSet<>();
        store.put(Verdicts.noncompliant(id));
        for (int i = 0; i < 5; i++) {
            StoredVerdict read = store.get(id).orElseThrow();
            assertTrue(versions.add(read.version()), "repeated version " + read.version());
            // the same content written again must still move the version on, or two such writes would both win
            assertTrue(store.put(read));
        }
    }
}
