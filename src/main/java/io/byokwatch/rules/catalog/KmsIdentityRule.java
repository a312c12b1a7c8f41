package io.byokwatch.rules.catalog;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.KeyPurpose;
import io.byokwatch.domain.KeyRef;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.Severity;
import io.byokwatch.rules.ClusterFacts;
import io.byokwatch.rules.ClusterRule;
import io.byokwatch.rules.Compliance;
import io.byokwatch.rules.Outcome;
import io.byokwatch.rules.RuleContext;

import java.util.List;

/**
 * Fails when legacy KMS (a versioned {@code keyId}) is on but the cluster does not run on a user-assigned identity: AKS
 * documents that KMS does not work with a system-assigned identity (a cycle), and Azure Policy's KMS built-in passes
 * exactly these clusters (azure-policy#1189). KMS data encryption (versionless key) is not judged here.
 */
public final class KmsIdentityRule extends CatalogRule implements ClusterRule {
    public static final String ID = "kms-identity-not-user-assigned";

    public KmsIdentityRule() {
        super(ID, Severity.CRITICAL,
                "KMS runs without a user-assigned identity",
                "legacy KMS etcd encryption is on but the cluster's identity is system-assigned (or a service"
                        + " principal): KMS reaches its key only as a user-assigned identity",
                List.of(Compliance.PCI_KEY_CUSTODY, Compliance.FEDRAMP_SC12, Compliance.FEDRAMP_SC28));
    }

    @Override
    public List<KeyPurpose> keyUse() {
        return List.of(KeyPurpose.KMS_ETCD);
    }

    @Override
    public void check(ClusterFacts facts, RuleContext context, Outcome out) {
        ManagedCluster c = facts.cluster();
        KeyRef key = c.kms().keyInUse();
        if (key == null || key.version() == null || c.identity().userAssignedType()) {
            return;
        }
        if (!c.identity().present()) {
            // ARM returns the identity of every managed-identity cluster and legacy KMS cannot be turned on without a
            // user-assigned one: a record without it (a plan, a hand-built record) is partial. Said, not gating.
            out.unchecked(c.id(), "the record of cluster " + c.name() + " does not show its identity, which legacy KMS"
                    + " reaches its key as; add the output of `az aks show -g " + Bash.q(c.resourceGroup()) + " -n "
                    + Bash.q(c.name()) + "`");
            return;
        }
        String kind = "a " + c.identity().type() + " identity";
        out.fail(c.id(), "Cluster " + c.name() + " runs legacy KMS with key " + key.vaultName() + "/" + key.name()
                        + " on " + kind + ", and KMS works only with a user-assigned identity, so its API server cannot"
                        + " rely on reaching the key.",
                fix(c, key), Evidence.of("identityType", c.identity().type()).and("keyId", key).map());
    }

    static String fix(ManagedCluster c, KeyRef key) {
        String rg = Bash.q(c.resourceGroup());
        String identity = Bash.q(c.name() + "-kms");
        return new Script("Move the cluster to a user-assigned identity that can encrypt and decrypt with the key")
                .cmd("az identity create -g " + rg + " -n " + identity)
                .cmd("IDENTITY_ID=$(az identity show -g " + rg + " -n " + identity + " --query id -o tsv)")
                .cmd("IDENTITY_PRINCIPAL=$(az identity show -g " + rg + " -n " + identity + " --query principalId -o tsv)")
                .cmd("VAULT_ID=$(az keyvault show -n " + Bash.q(key.vaultName()) + " --query id -o tsv)")
                .say("On an RBAC vault; on an access-policy vault use az keyvault set-policy with --key-permissions encrypt decrypt:")
                .cmd("az role assignment create --role \"Key Vault Crypto User\" --assignee-object-id \"$IDENTITY_PRINCIPAL\""
                        + " --assignee-principal-type ServicePrincipal --scope \"$VAULT_ID\"")
                .cmd("az aks update -g " + rg + " -n " + Bash.q(c.name()) + " --enable-managed-identity --assign-identity"
                        + " \"$IDENTITY_ID\"")
                .terraform("identity { type = \"UserAssigned\" identity_ids = [azurerm_user_assigned_identity.<id>.id] } on"
                        + " azurerm_kubernetes_cluster." + NoByokRule.tfName(c.name()) + ", with an azurerm_role_assignment"
                        + " (Key Vault Crypto User) for that identity's principal_id.");
    }
}
