package io.byokwatch.adapter.arm;

import com.google.gson.JsonObject;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Lookup;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import static io.byokwatch.adapter.arm.Harness.SUB_A;
import static io.byokwatch.adapter.arm.Harness.clusterId;
import static io.byokwatch.adapter.arm.Harness.setId;
import static io.byokwatch.adapter.arm.Harness.vaultId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ARM point reads through the real SDK pipeline and Netty client, against a fake ARM over HTTPS. */
class LiveInventoryPointReadsTest extends OnFakeArm {
    private static final String CORPUS_CLUSTER = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1"
            + "/providers/Microsoft.ContainerService/managedClusters/clustername1";
    static <T> T found(Lookup<T> lookup) {
        assertInstanceOf(Lookup.Found.class, lookup, () -> "expected found, got " + lookup);
        return lookup.orNull();
    }

    static String absent(Lookup<?> lookup) {
        return assertInstanceOf(Lookup.Absent.class, lookup, () -> "expected absent, got " + lookup).evidence();
    }

    static String unknown(Lookup<?> lookup) {
        return assertInstanceOf(Lookup.Unknown.class, lookup, () -> "expected unknown, got " + lookup).reason();
    }

    @Nested
    class Found {
        @Test
        void corpusCluster_isMappedWithItsInlineNodePools_inOneSignedGet() {
            fake.putCorpus("aks_managedcluster_get_with_des_2026-08-01.json");
            LiveInventory inventory = h.inventory();

            ManagedCluster c = found(inventory.cluster(ResourceId.parse(CORPUS_CLUSTER)));

            assertEquals("clustername1", c.name());
            assertEquals(ResourceId.parse("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1"
                    + "/providers/Microsoft.Compute/diskEncryptionSets/des"), c.diskEncryptionSetId());
            assertEquals(List.of("nodepool1"), c.agentPools().stream().map(p -> p.name()).toList());
            List<FakeArm.Request> gets = fake.armGets();
            assertEquals(1, gets.size());
            assertEquals(ApiVersions.MANAGED_CLUSTERS, gets.get(0).query().get("api-version"));
            assertTrue(gets.get(0).userAgent().startsWith("byokwatch/"), gets.get(0).userAgent());
            assertEquals(List.of(fake.endpoint() + "/.default"), h.tokenScopes.stream().distinct().toList());
            assertEquals(1, inventory.stats().armRequests());
        }

        @Test
        void corpusSetWithPlaceholdersInItsId_isReadThroughAnEncodedPath() {
            JsonObject body = fake.putCorpus("des_get_systemassigned_2025-01-02.json");
            ResourceId id = ResourceId.parse(body.get("id").getAsString());

            DiskEncryptionSet set = found(h.inventory().diskEncryptionSet(id));

            assertEquals("myvmvault.vault-int.azure-int.net", set.activeKey().vaultHost());
            assertEquals(ApiVersions.DISK_ENCRYPTION_SETS, fake.armGets().get(0).query().get("api-version"));
        }

        @Test
        void vaultByHost_findsTheVaultInResourceGraph_thenReadsItsCurrentPropertiesFromArm() {
            ResourceId vault = vaultId(Harness.SUB_C, "kv-central");
            fake.put(Harness.vault(vault, true));
            LiveInventory inventory = h.inventory();

            KeyVault kv = found(inventory.vaultByHost("KV-Central.vault.azure.net:443"));

            assertEquals(vault, kv.id());
            assertTrue(kv.purgeProtected());
            assertEquals(1, fake.graphRequests().size());
            assertFalse(fake.graphRequests().get(0).json().has("subscriptions"),
                    "vaults are looked up wherever the identity can read, not only in the watched subscriptions");
            assertEquals(ApiVersions.KEY_VAULT, fake.armGets().get(0).query().get("api-version"));
        }

        @Test
        void vaultNamedByAReadSet_isReadDirectly_withoutResourceGraph() {
            ResourceId vault = vaultId(SUB_A, "kv-prod");
            ResourceId set = setId(SUB_A, "des-prod");
            fake.put(Harness.vault(vault, true));
            fake.put(Harness.set(set, "https://kv-prod.vault.azure.net/keys/disk/0a1b", vault, null));
            LiveInventory inventory = h.inventory();

            found(inventory.diskEncryptionSet(set));
            KeyVault kv = found(inventory.vaultByHost("kv-prod.vault.azure.net"));

            assertEquals(vault, kv.id());
            assertEquals(0, fake.graphRequests().size());
            assertEquals(2, fake.armGets().size());
        }

        @Test
        void key_isTheManagementPlaneResourceUnderItsVault_withRotationPolicy() {
            ResourceId vault = vaultId(SUB_A, "kv-prod");
            fake.put(Harness.vault(vault, true));
            fake.put(Harness.key(vault, "disk"));
            LiveInventory inventory = h.inventory();

            VaultKey key = found(inventory.key(KeyRef.parse("https://kv-prod.vault.azure.net/keys/disk/9f9f")));

            assertTrue(key.rotationPolicyKnown());
            assertTrue(key.rotationPolicy().rotates());
            assertEquals("0123456789abcdef0123456789abcdef", key.currentVersion());
            assertTrue(key.hsmBacked());
            FakeArm.Request keyRead = fake.armGets().get(fake.armGets().size() - 1);
            assertEquals(vault.child("keys", "disk").toString(), keyRead.path());
        }

        @Test
        void roleAssignments_atAndAboveTheScope_followEveryNextLink() {
            ResourceId vault = vaultId(SUB_A, "kv-prod");
            ResourceId keyScope = vault.child("keys", "disk");
            fake.roleAssignment(Harness.roleAssignment(keyScope, "aaaaaaaa-0000-0000-0000-000000000001", "p1"));
            fake.roleAssignment(Harness.roleAssignment(vault, "aaaaaaaa-0000-0000-0000-000000000002", "p2"));
            fake.roleAssignment(Harness.roleAssignment(ResourceId.parse("/subscriptions/" + SUB_A),
                    "aaaaaaaa-0000-0000-0000-000000000003", "p3"));
            fake.roleAssignment(Harness.roleAssignment(vaultId(SUB_A, "kv-other"),
                    "aaaaaaaa-0000-0000-0000-000000000004", "p4"));
            fake.roleAssignmentPageSize(2);

            List<RoleAssignment> assignments = found(h.inventory().roleAssignmentsAt(keyScope));

            assertEquals(List.of("p1", "p2", "p3"), assignments.stream().map(RoleAssignment::principalId).sorted().toList());
            assertEquals(2, fake.armGets().size(), "two pages");
            assertEquals("atScope()", fake.armGets().get(0).query().get("$filter"));
        }
    }

    @Nested
    class NotFound {
        @Test
        void missingCluster_isAbsent_withArmsWordForIt() {
            ResourceId id = clusterId(SUB_A, "gone");

            assertEquals("ARM returned 404 Not Found for " + id, absent(h.inventory().cluster(id)));
        }

        @Test
        void missingKey_isAbsent() {
            ResourceId vault = vaultId(SUB_A, "kv-prod");
            fake.put(Harness.vault(vault, true));

            String evidence = absent(h.inventory().key(KeyRef.parse("https://kv-prod.vault.azure.net/keys/purged")));

            assertEquals("ARM returned 404 Not Found for " + vault.child("keys", "purged"), evidence);
        }

        @Test
        void vaultThatNoReadableSubscriptionHas_andNoResourceNamed_isUnknown_notAbsent() {
            // Resource Graph hides what the identity cannot read: a complete empty answer is no proof of deletion
            String reason = unknown(h.inventory().vaultByHost("kv-deleted.vault.azure.net"));

            assertTrue(reason.startsWith("Resource Graph found no key vault named kv-deleted"), reason);
            assertTrue(reason.contains("Reader on the vault's subscription"), reason);
        }

        @Test
        void namedVaultThatArmNoLongerHas_isAbsent_andResourceGraphIsAskedForARecreatedOne() {
            ResourceId vault = vaultId(SUB_A, "kv-prod");
            ResourceId set = setId(SUB_A, "des-prod");
            fake.put(Harness.set(set, "https://kv-prod.vault.azure.net/keys/disk/0a1b", vault, null));
            LiveInventory inventory = h.inventory();
            found(inventory.diskEncryptionSet(set));

            String evidence = absent(inventory.vaultByHost("kv-prod.vault.azure.net"));

            assertTrue(evidence.startsWith("ARM returned 404 Not Found for " + vault), evidence);
            assertEquals(2, fake.graphRequests().size(), "is the subscription readable, and was the vault re-created");
        }
    }

    @Nested
    class Forbidden {
        @Test
        void forbiddenCluster_namesTheMissingPermission() {
            ResourceId id = clusterId(SUB_A, "locked");
            fake.script(id.toString(), FakeArm.Reply.status(403, "AuthorizationFailed"));

            assertEquals("403 Forbidden reading " + id + ": byokwatch's identity needs Reader"
                    + " (Microsoft.ContainerService/managedClusters/read) on it", unknown(h.inventory().cluster(id)));
        }

        @Test
        void forbiddenSet_namesTheMissingPermission() {
            ResourceId id = setId(SUB_A, "locked");
            fake.script(id.toString(), FakeArm.Reply.status(403, "AuthorizationFailed"));

            assertEquals("403 Forbidden reading " + id + ": byokwatch's identity needs Reader"
                    + " (Microsoft.Compute/diskEncryptionSets/read) on it", unknown(h.inventory().diskEncryptionSet(id)));
        }

        @Test
        void forbiddenVault_namesTheMissingPermission() {
            ResourceId vault = vaultId(SUB_A, "kv-locked");
            fake.put(Harness.vault(vault, true));
            fake.script(vault.toString(), FakeArm.Reply.status(403, "AuthorizationFailed"));

            assertEquals("403 Forbidden reading " + vault + ": byokwatch's identity needs Reader"
                    + " (Microsoft.KeyVault/vaults/read) on it",
                    unknown(h.inventory().vaultByHost("kv-locked.vault.azure.net")));
        }

        @Test
        void forbiddenRoleAssignments_nameTheMissingPermission() {
            ResourceId scope = vaultId(SUB_A, "kv-prod").child("keys", "disk");
            fake.script(scope + "/providers/Microsoft.Authorization/roleAssignments",
                    FakeArm.Reply.status(403, "AuthorizationFailed"));

            assertEquals("403 Forbidden listing role assignments at " + scope + ": byokwatch's identity needs Reader"
                    + " (Microsoft.Authorization/roleAssignments/read) on it",
                    unknown(h.inventory().roleAssignmentsAt(scope)));
        }

        @Test
        void nextLinkToAnotherHost_isNotFollowed_soTheTokenStaysWithArm() {
            ResourceId scope = vaultId(SUB_A, "kv-prod");
            fake.script(scope + "/providers/Microsoft.Authorization/roleAssignments", new FakeArm.Reply(200,
                    java.util.Map.of(), "{\"value\":[],\"nextLink\":\"https://attacker.example/steal?x=1\"}"));

            String reason = unknown(h.inventory().roleAssignmentsAt(scope));

            assertTrue(reason.startsWith("refused to follow a nextLink to https://attacker.example"), reason);
            assertEquals(1, fake.requests().size());
        }
    }

    @Nested
    class Retries {
        @Test
        void throttled_waitsWhatRetryAfterSays_thenReads() {
            ResourceId id = clusterId(SUB_A, "busy");
            fake.put(Harness.cluster(id, null));
            fake.script(id.toString(), FakeArm.Reply.status(429, "TooManyRequests").withHeader("Retry-After", "2"));
            LiveInventory inventory = h.inventory();

            found(inventory.cluster(id));

            assertEquals(List.of(Duration.ofSeconds(2)), h.sleeps);
            assertEquals(2, fake.armGets().size());
            assertEquals(2, inventory.stats().armRequests());
            assertEquals(1, inventory.stats().retries());
            assertEquals(1, inventory.stats().throttled());
        }

        @Test
        void retryAfterAsAnHttpDate_isHonouredAgainstTheInjectedClock() {
            ResourceId id = clusterId(SUB_A, "busy");
            fake.put(Harness.cluster(id, null));
            String in7s = DateTimeFormatter.RFC_1123_DATE_TIME.format(h.clock.instant().plusSeconds(7).atZone(ZoneOffset.UTC));
            fake.script(id.toString(), FakeArm.Reply.status(503, "ServerBusy").withHeader("Retry-After", in7s));

            found(h.inventory().cluster(id));

            assertEquals(List.of(Duration.ofSeconds(7)), h.sleeps);
        }

        @Test
        void twoServerErrors_areRetriedWithGrowingJitteredBackoff() {
            ResourceId id = clusterId(SUB_A, "flaky");
            fake.put(Harness.cluster(id, null));
            fake.script(id.toString(), FakeArm.Reply.status(500, "InternalServerError"),
                    FakeArm.Reply.status(500, "InternalServerError"));
            LiveInventory inventory = h.inventory();

            found(inventory.cluster(id));

            assertEquals(3, fake.armGets().size());
            assertEquals(2, h.sleeps.size());
            Duration first = h.sleeps.get(0);
            Duration second = h.sleeps.get(1);
            assertTrue(first.toMillis() >= 600 && first.toMillis() <= 1000, "first backoff " + first);
            assertTrue(second.toMillis() >= 1200 && second.toMillis() <= 2000, "second backoff " + second);
            assertEquals(2, inventory.stats().retries());
        }

        @Test
        void retriesExhausted_isUnknown_withStatusAndArmsErrorCode_andNoStackTrace() {
            ResourceId id = clusterId(SUB_A, "down");
            fake.put(Harness.cluster(id, null));
            for (int i = 0; i < 5; i++) {
                fake.script(id.toString(), FakeArm.Reply.status(503, "ServerBusy"));
            }

            String reason = unknown(h.inventory().cluster(id));

            assertEquals("ARM returned 503 Service Unavailable (ServerBusy: scripted 503) reading " + id
                    + " after 4 retries", reason);
            assertEquals(5, fake.armGets().size());
        }

        @Test
        void retryAfterLongerThanAnEventCanWait_endsRetriesAtOnce() {
            ResourceId id = clusterId(SUB_A, "busy");
            fake.put(Harness.cluster(id, null));
            fake.script(id.toString(), FakeArm.Reply.status(429, "TooManyRequests").withHeader("Retry-After", "300"));

            String reason = unknown(h.inventory().cluster(id));

            assertTrue(reason.contains("asked to wait 300 s, longer than byokwatch waits (60 s)"), reason);
            assertEquals(1, fake.armGets().size());
            assertEquals(List.of(), h.sleeps);
        }

        @Test
        void retriesThatWouldRunPastTheRequestDeadline_areNotStarted() {
            ResourceId id = clusterId(SUB_A, "busy");
            fake.put(Harness.cluster(id, null));
            FakeArm.Reply busy = FakeArm.Reply.status(503, "ServerBusy").withHeader("Retry-After", "50");
            fake.script(id.toString(), busy, busy, busy, busy, busy);

            String reason = unknown(h.inventory().cluster(id));

            assertEquals(List.of(Duration.ofSeconds(50)), h.sleeps, "a second 50 s wait would end after 90 s");
            assertEquals(2, fake.armGets().size());
            assertTrue(reason.contains("503"), reason);
        }

        @Test
        void unreachableEndpoint_isUnknown_afterRetryingTheNetwork() {
            FakeArm closed = FakeArm.start();
            URI dead = closed.endpoint();
            closed.close();
            LiveInventory inventory = h.inventory(s -> s.withArmEndpoint(dead).withMaxRetries(1));

            String reason = unknown(inventory.cluster(clusterId(SUB_A, "any")));

            assertTrue(reason.startsWith("could not reach ARM at 127.0.0.1: "), reason);
            assertFalse(reason.contains("\tat "), reason);
            assertEquals(1, inventory.stats().retries());
            assertEquals(2, inventory.stats().armRequests());
        }

        @Test
        void theProductionClient_isBuiltWithItsOwnTimeouts_andRefusesAnUntrustedCertificate() {
            LiveInventory inventory = new LiveInventory(h.settings().withMaxRetries(0), null, h.clock, h.sleeps::add);

            String reason = unknown(inventory.cluster(clusterId(SUB_A, "any")));

            assertTrue(reason.startsWith("could not reach ARM at 127.0.0.1: "), "the fake's self-signed certificate is"
                    + " not in the JDK trust store, so the default client must refuse it: " + reason);
            assertTrue(fake.armGets().isEmpty(), "no request got through the TLS handshake");
        }
    }

    @Nested
    class CacheAndFreshness {
        @Test
        void twoReadsWithinTheTtl_costOneRequest_andOneAfterItExpires() {
            ResourceId id = clusterId(SUB_A, "c1");
            fake.put(Harness.cluster(id, null));
            LiveInventory inventory = h.inventory();

            found(inventory.cluster(id));
            h.clock.advance(Duration.ofSeconds(29));
            found(inventory.cluster(id));
            assertEquals(1, fake.armGets().size());

            h.clock.advance(Duration.ofSeconds(2));
            found(inventory.cluster(id));
            assertEquals(2, fake.armGets().size());
            assertEquals(1, inventory.stats().cacheHits());
        }

        @Test
        void absenceIsCachedToo_butAnUnknownIsNot() {
            ResourceId gone = clusterId(SUB_A, "gone");
            ResourceId flaky = clusterId(SUB_A, "flaky");
            fake.script(flaky.toString(), FakeArm.Reply.status(400, "BadRequest"));
            LiveInventory inventory = h.inventory();

            absent(inventory.cluster(gone));
            absent(inventory.cluster(gone));
            unknown(inventory.cluster(flaky));
            absent(inventory.cluster(flaky));

            assertEquals(3, fake.armGets().size());
        }

        @Test
        void withFresh_readsTheChangedResourceOnce_andRefreshesTheSharedCache() {
            ResourceId id = clusterId(SUB_A, "c1");
            ResourceId before = setId(SUB_A, "des-old");
            ResourceId after = setId(SUB_A, "des-new");
            fake.put(Harness.cluster(id, before));
            LiveInventory inventory = h.inventory();
            found(inventory.cluster(id));
            fake.put(Harness.cluster(id, after));

            assertEquals(before, found(inventory.cluster(id)).diskEncryptionSetId(), "served from the cache");
            LiveInventory view = inventory.withFresh(id);
            assertEquals(after, found(view.cluster(id)).diskEncryptionSetId());
            assertEquals(after, found(view.cluster(id)).diskEncryptionSetId());
            assertEquals(after, found(inventory.cluster(id)).diskEncryptionSetId(), "the cache holds the fresh read");

            assertEquals(2, fake.armGets().size());
        }

        @Test
        void withFreshSinceAChange_takesACachedReadSentAfterIt_butNotOneSentAtOrBefore() {
            ResourceId id = clusterId(SUB_A, "c1");
            fake.put(Harness.cluster(id, null));
            LiveInventory inventory = h.inventory();
            Instant readAt = h.clock.instant();
            found(inventory.cluster(id));
            h.clock.advance(Duration.ofSeconds(5));

            found(inventory.withFresh(id, readAt.minusMillis(1)).cluster(id));
            assertEquals(1, fake.armGets().size(), "the cached read was sent after the change");

            found(inventory.withFresh(id, readAt).cluster(id));
            assertEquals(2, fake.armGets().size(), "a read sent at the very moment of the change may not show it");
            found(inventory.withFresh(id, readAt.plusSeconds(1)).cluster(id));
            assertEquals(2, fake.armGets().size(), "the read just made serves a later duplicate");
        }

        @Test
        void withFreshSinceAChange_neverTakesAResourceGraphRow_whichLagsArm() {
            ResourceId id = clusterId(SUB_A, "c1");
            fake.put(Harness.cluster(id, null));
            LiveInventory inventory = h.inventory();
            Instant longAgo = h.clock.instant().minus(Duration.ofHours(1));
            inventory.clusters();

            found(inventory.withFresh(id, longAgo).cluster(id));

            assertEquals(1, fake.armGets().size());
        }

        @Test
        void withFreshRoleAssignmentSinceAChange_takesAListReadAfterIt() {
            ResourceId vault = vaultId(SUB_A, "kv-prod");
            ResourceId keyScope = vault.child("keys", "disk");
            ResourceId assignment = ResourceId.parse(vault
                    + "/providers/Microsoft.Authorization/roleAssignments/bbbbbbbb-0000-0000-0000-000000000001");
            LiveInventory inventory = h.inventory();
            Instant readAt = h.clock.instant();
            found(inventory.roleAssignmentsAt(keyScope));

            found(inventory.withFresh(assignment, readAt.minusMillis(1)).roleAssignmentsAt(keyScope));
            assertEquals(1, fake.armGets().size());
            found(inventory.withFresh(assignment, readAt).roleAssignmentsAt(keyScope));
            assertEquals(2, fake.armGets().size());
        }

        @Test
        void withFreshNodePool_rereadsItsCluster() {
            ResourceId id = clusterId(SUB_A, "c1");
            fake.put(Harness.cluster(id, null));
            LiveInventory inventory = h.inventory();
            found(inventory.cluster(id));

            found(inventory.withFresh(id.child("agentPools", "system")).cluster(id));

            assertEquals(2, fake.armGets().size());
        }

        @Test
        void withFreshAccessPolicies_rereadsTheirVault() {
            ResourceId vault = vaultId(SUB_A, "kv-prod");
            fake.put(Harness.vault(vault, false));
            LiveInventory inventory = h.inventory();
            found(inventory.vaultByHost("kv-prod.vault.azure.net"));
            long reads = fake.armGets().size();

            found(inventory.withFresh(vault.child("accessPolicies", "replace")).vaultByHost("kv-prod.vault.azure.net"));

            assertEquals(reads + 1, fake.armGets().size());
        }

        @Test
        void withFreshRoleAssignment_rereadsAssignmentsAtScopesBelowIt() {
            ResourceId vault = vaultId(SUB_A, "kv-prod");
            ResourceId keyScope = vault.child("keys", "disk");
            LiveInventory inventory = h.inventory();
            assertEquals(List.of(), found(inventory.roleAssignmentsAt(keyScope)));
            JsonObject granted = Harness.roleAssignment(vault, "bbbbbbbb-0000-0000-0000-000000000001", "des-identity");
            fake.roleAssignment(granted);

            assertEquals(List.of(), found(inventory.roleAssignmentsAt(keyScope)), "served from the cache");
            LiveInventory view = inventory.withFresh(ResourceId.parse(granted.get("id").getAsString()));
            assertEquals(List.of("des-identity"),
                    found(view.roleAssignmentsAt(keyScope)).stream().map(RoleAssignment::principalId).toList());
            assertEquals(2, fake.armGets().size());
        }
    }

    @Nested
    class Budget {
        @Test
        void spentBudget_answersUnknown_withoutSendingTheRequest_untilItRefills() {
            for (int i = 0; i < 4; i++) {
                fake.put(Harness.cluster(clusterId(SUB_A, "c" + i), null));
            }
            LiveInventory inventory = h.inventory(s -> s.withReadsPerMinute(3));

            for (int i = 0; i < 3; i++) {
                found(inventory.cluster(clusterId(SUB_A, "c" + i)));
            }
            String reason = unknown(inventory.cluster(clusterId(SUB_A, "c3")));

            assertTrue(reason.startsWith("read budget exhausted: byokwatch sends at most 3 ARM and Resource Graph"
                    + " requests a minute"), reason);
            assertEquals(3, fake.armGets().size());
            assertEquals(1, inventory.stats().budgetRefusals());

            h.clock.advance(Duration.ofSeconds(20));
            found(inventory.cluster(clusterId(SUB_A, "c3")));
            assertEquals(4, fake.armGets().size());
        }
    }

    @Test
    void statsPrintAsOneLine() {
        LiveInventory inventory = h.inventory();
        absent(inventory.cluster(clusterId(SUB_A, "gone")));

        String line = inventory.stats().toString();

        assertTrue(line.startsWith("ARM GETs 1, Resource Graph queries 0"), line);
        assertNotNull(inventory.stats().problems());
    }
}
