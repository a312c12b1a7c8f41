package io.byokwatch.adapter.plan;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.byokwatch.adapter.snapshot.ArmMapper;
import io.byokwatch.adapter.snapshot.SnapshotFormatException;
import io.byokwatch.domain.AccessPolicy;
import io.byokwatch.domain.AgentPool;
import io.byokwatch.domain.DiskEncryptionSet;
import io.byokwatch.domain.KeyVault;
import io.byokwatch.domain.ManagedCluster;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.RoleAssignment;
import io.byokwatch.domain.VaultKey;
import io.byokwatch.port.Inventory;
import io.byokwatch.port.PlanGap;
import io.byokwatch.port.PlannedEstate;
import io.byokwatch.port.PlannedResource;
import io.byokwatch.port.PlannedResource.Action;
import io.byokwatch.port.PlannedResource.Kind;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an ARM template ({@code az bicep build} output or a hand-written one) with its parameters into a
 * {@link PlannedEstate} over a base inventory. Each resource the template deploys is evaluated to the ARM body Azure
 * would hold and mapped by the snapshot's ARM mapper, the same one live reads and exports go through.
 */
public final class ArmTemplates {
    private static final Map<String, Kind> KINDS = Map.of(
            "microsoft.containerservice/managedclusters", Kind.CLUSTER,
            "microsoft.containerservice/managedclusters/agentpools", Kind.NODE_POOL,
            "microsoft.compute/diskencryptionsets", Kind.DISK_ENCRYPTION_SET,
            "microsoft.keyvault/vaults", Kind.KEY_VAULT,
            "microsoft.keyvault/vaults/keys", Kind.VAULT_KEY,
            "microsoft.keyvault/vaults/accesspolicies", Kind.ACCESS_POLICY,
            "microsoft.authorization/roleassignments", Kind.ROLE_ASSIGNMENT,
            "microsoft.managedidentity/userassignedidentities", Kind.IDENTITY);

    private ArmTemplates() {
    }

    /**
     * @param parameters   a parameters file ({@code {"parameters": {"x": {"value": ...}}}} or a plain name-to-value
     *                     object), or null
     * @param subscription the subscription the template deploys to, or null for a stand-in
     * @param group        the resource group it deploys to, or null for a stand-in
     * @throws PlanFormatException when the files cannot be read as a template and parameters
     */
    public static PlannedEstate read(Path template, Path parameters, Inventory base, String subscription, String group) {
        JsonElement doc = readTemplate(template);
        Map<String, JsonElement> given = parameters == null ? Map.of() : ParameterFiles.read(parameters);
        try {
            return judgeable(template, parameters, base, subscription, group, doc, given);
        } catch (TemplateExpression.SyntaxError e) {
            throw new PlanFormatException(template + ": invalid template expression " + e.getMessage()
                    + "; ARM would reject the template too");
        }
    }

    private static PlannedEstate judgeable(Path template, Path parameters, Inventory base, String subscription, String group,
                                           JsonElement doc, Map<String, JsonElement> given) {
        TemplateReader reader = new TemplateReader(TemplateLines.of(template));
        reader.read(doc.getAsJsonObject(), given, TemplateScope.of(subscription, group), template.toString());
        PlanLayer planned = new PlanLayer();
        OverlayInventory overlay = new OverlayInventory(base == null ? new NoInventory() : base, planned, new PlanLayer());
        List<PlanGap> gaps = new ArrayList<>();
        StandInIds standIns = new StandInIds(overlay);
        OpenValues open = new OpenValues(standIns, gaps);
        List<PlannedResource> resources = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        String file = TfSources.display(template);
        for (TemplateReader.Instance inst : reader.instances()) {
            Kind kind = KINDS.get(inst.lowerType());
            if (kind == null) {
                continue;
            }
            PlannedResource.SourceLocation at = inst.line > 0 ? new PlannedResource.SourceLocation(file, inst.line) : null;
            if (Boolean.FALSE.equals(inst.condition)) {
                continue;
            }
            if (inst.existing) {
                resources.add(new PlannedResource(inst.address, inst.type, kind, inst.id, Action.READ, List.of(), at, false,
                        kind == Kind.KEY_VAULT && inst.name != null ? vaultHost(inst.name) : null));
                continue;
            }
            if (inst.condition == null) {
                notes.add(inst.address + " is deployed only if its condition holds, which is decided at deployment; it is"
                        + " judged as if it is deployed");
            }
            JsonObject arm = inst.runtime().deepCopy();
            open.settle(inst.address, inst.id, arm);
            try {
                resources.add(map(inst, kind, arm, planned, overlay, at));
            } catch (SnapshotFormatException e) {
                gaps.add(new PlanGap(inst.address, inst.id, PlanGap.Fact.WHOLE_RESOURCE, inst.address + " cannot be read: "
                        + e.getMessage()));
                resources.add(new PlannedResource(inst.address, inst.type, kind, inst.id, Action.DEPLOY, List.of(), at, false, null));
                if (kind == Kind.CLUSTER && inst.id != null) {
                    planned.cluster(new ManagedCluster(inst.id, inst.id.name(), null, null,
                            standIns.openId("Microsoft.Compute/diskEncryptionSets", inst.address, inst.address
                                    + " cannot be read: " + e.getMessage()), null, List.of(), null));
                }
            }
        }
        List<String> allNotes = new ArrayList<>();
        allNotes.add("ARM template " + template + (parameters == null ? "" : " with parameters " + parameters) + ": "
                + reader.instances().size() + " resources, " + resources.size() + " that byokwatch judges or follows");
        if (subscription == null || group == null) {
            allNotes.add("the deployment's " + (subscription == null && group == null ? "subscription and resource group are"
                    : subscription == null ? "subscription is" : "resource group is") + " not given (--subscription,"
                    + " --resource-group), so ids of deployed resources hold known-at-deployment stand-ins and existing"
                    + " resources in that scope cannot be looked up");
        }
        allNotes.add("vault hosts of template vaults are taken as <name>.vault.azure.net (public cloud)");
        allNotes.addAll(reader.notes);
        allNotes.addAll(notes);
        return new PlannedEstate("arm", template.toString(), overlay, resources, List.of(), List.of(), gaps, allNotes);
    }

    private static PlannedResource map(TemplateReader.Instance inst, Kind kind, JsonObject arm, PlanLayer planned,
                                       OverlayInventory overlay, PlannedResource.SourceLocation at) {
        String host = null;
        switch (kind) {
            case CLUSTER -> planned.cluster(ArmMapper.cluster(arm));
            case NODE_POOL -> {
                AgentPool pool = ArmMapper.agentPool(arm);
                planned.pool(pool.id().topLevel(), pool);
            }
            case DISK_ENCRYPTION_SET -> {
                DiskEncryptionSet set = ArmMapper.diskEncryptionSet(arm);
                host = set.activeKey() == null ? null : set.activeKey().vaultHost();
                planned.set(set);
            }
            case KEY_VAULT -> {
                KeyVault vault = ArmMapper.vault(arm);
                host = vault.host();
                planned.vault(vault);
            }
            case VAULT_KEY -> {
                VaultKey key = ArmMapper.key(arm);
                host = key.ref().vaultHost();
                planned.key(key);
            }
            case ACCESS_POLICY -> host = accessPolicies(inst, arm, planned, overlay);
            case ROLE_ASSIGNMENT -> {
                JsonObject properties = Json.object(arm, "properties");
                if (properties != null && !properties.has("scope") && inst.id != null) {
                    String id = inst.id.toString();
                    properties.addProperty("scope", id.substring(0, id.toLowerCase(Locale.ROOT)
                            .lastIndexOf("/providers/microsoft.authorization/roleassignments/")));
                }
                RoleAssignment assignment = ArmMapper.roleAssignment(arm);
                planned.roleAssignment(assignment);
            }
            default -> {
            }
        }
        return new PlannedResource(inst.address, inst.type, kind, inst.id, Action.DEPLOY, List.of(), at, false, host);
    }

    /** {@code vaults/accessPolicies} named {@code <vault>/add}, {@code /replace} or {@code /remove}. */
    private static String accessPolicies(TemplateReader.Instance inst, JsonObject arm, PlanLayer planned, OverlayInventory overlay) {
        if (inst.name == null || !inst.name.contains("/")) {
            throw new SnapshotFormatException("name: expected <vault>/add, <vault>/replace or <vault>/remove, got " + inst.name);
        }
        String vault = inst.name.substring(0, inst.name.indexOf('/'));
        String operation = inst.name.substring(inst.name.indexOf('/') + 1).toLowerCase(Locale.ROOT);
        String host = vaultHost(vault);
        JsonObject asVault = new JsonObject();
        asVault.addProperty("id", inst.id.topLevel().toString());
        asVault.addProperty("type", "Microsoft.KeyVault/vaults");
        asVault.add("properties", Json.object(arm, "properties") == null ? new JsonObject() : Json.object(arm, "properties"));
        for (AccessPolicy p : ArmMapper.vault(asVault).accessPolicies()) {
            if (operation.equals("remove")) {
                if (p.objectId() != null) {
                    overlay.revokedPolicy(host, p.objectId());
                }
            } else {
                planned.accessPolicy(host, p);
            }
        }
        return host;
    }

    private static String vaultHost(String vaultName) {
        return vaultName.toLowerCase(Locale.ROOT) + ".vault.azure.net";
    }

    private static JsonElement readTemplate(Path template) {
        JsonElement doc;
        try {
            doc = JsonFiles.read(template, "template");
        } catch (PlanFormatException e) {
            if (template.toString().toLowerCase(Locale.ROOT).endsWith(".bicep")) {
                throw new PlanFormatException(template + " is Bicep source; byokwatch reads the ARM JSON it compiles to:"
                        + " az bicep build --file " + ShellWords.quote(template.toString()) + " --stdout > main.json");
            }
            throw e;
        }
        String schema = doc.isJsonObject() ? Json.text(doc, "$schema") : null;
        if (schema != null && schema.toLowerCase(Locale.ROOT).contains("deploymentparameters")) {
            throw new PlanFormatException(template + " is a parameters file; give the template with --arm and this file"
                    + " with --parameters");
        }
        if (!doc.isJsonObject() || (!doc.getAsJsonObject().has("resources")
                && (schema == null || !schema.toLowerCase(Locale.ROOT).contains("deploymenttemplate")))) {
            throw new PlanFormatException(template + ": not an ARM template (no $schema deploymentTemplate and no resources);"
                    + " compile Bicep with az bicep build, or export a template with az group export");
        }
        return doc;
    }
}
