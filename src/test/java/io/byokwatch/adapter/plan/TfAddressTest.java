package io.byokwatch.adapter.plan;

import com.google.gson.JsonPrimitive;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Addresses and references as terraform show -json prints them (internal/command/jsonconfig/expression.go). */
class TfAddressTest {

    @Test
    void moduleInstancesAndKeysReadBackAsTerraformPrintsThem() {
        TfAddress a = TfAddress.parse("module.net[\"we\"].module.aks[0].azurerm_kubernetes_cluster.this[1]");
        assertEquals(List.of("net", "aks"), a.moduleCalls());
        assertEquals("module.net[\"we\"].module.aks[0]", a.moduleInstance());
        assertEquals("azurerm_kubernetes_cluster.this", a.resource());
        assertEquals("1", a.key());
        assertEquals("module.net[\"we\"].module.aks[0].azurerm_kubernetes_cluster.this[1]", a.toString());
    }

    @Test
    void dataSourcesAndKeysWithDotsAndQuotes() {
        TfAddress d = TfAddress.parse("data.azurerm_key_vault.shared[\"kv.prod\"]");
        assertTrue(d.data());
        assertEquals("data.azurerm_key_vault.shared", d.resource());
        assertEquals("\"kv.prod\"", d.key());
        assertEquals("\"a\\\"b\"", TfAddress.keyOf(new JsonPrimitive("a\"b")));
        assertEquals("2", TfAddress.keyOf(new JsonPrimitive(2)));
    }

    @Test
    void notAnAddress_isRejectedWithTheText() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TfAddress.parse("module.x"));
        assertTrue(e.getMessage().contains("module.x"));
    }

    @Test
    void referenceToAnIdentityAttribute_keepsThePathAfterTheResource() {
        TfReference r = TfReference.parse("azurerm_disk_encryption_set.des.identity[0].principal_id");
        assertEquals(TfReference.Kind.RESOURCE, r.kind());
        assertEquals("azurerm_disk_encryption_set.des", r.subject());
        assertEquals(List.of("identity", 0, "principal_id"), r.path());
        assertEquals("identity[0].principal_id", TfReference.pathText(r.path()));
    }

    @Test
    void referenceWithAConstantIndex_namesTheInstance() {
        TfReference r = TfReference.parse("azurerm_disk_encryption_set.des[0].id");
        assertEquals("0", r.address().key());
        assertEquals(List.of("id"), r.path());
        TfReference keyed = TfReference.parse("data.azurerm_key_vault.kv[\"prod\"].id");
        assertEquals("\"prod\"", keyed.address().key());
        assertTrue(keyed.address().data());
    }

    @Test
    void variablesModuleOutputsAndIterationSymbols() {
        TfReference v = TfReference.parse("var.settings.des_id");
        assertEquals(TfReference.Kind.VARIABLE, v.kind());
        assertEquals("settings", v.name());
        assertEquals(List.of("des_id"), v.path());
        TfReference out = TfReference.parse("module.keys[\"a\"].key_id");
        assertEquals(TfReference.Kind.MODULE_OUTPUT, out.kind());
        assertEquals("\"a\"", out.module().key());
        assertEquals("key_id", out.name());
        assertEquals(TfReference.Kind.COUNT_INDEX, TfReference.parse("count.index").kind());
        assertEquals(TfReference.Kind.EACH_KEY, TfReference.parse("each.key").kind());
        assertEquals(TfReference.Kind.LOCAL, TfReference.parse("local.des_id").kind());
        assertEquals(TfReference.Kind.OTHER, TfReference.parse("path.module").kind());
        assertNull(TfReference.parse("module.keys").address());
    }
}
