package io.byokwatch.adapter.snapshot;

import io.byokwatch.domain.Bash;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.domain.Tags;

import java.nio.file.Path;

/**
 * A resource seen only as a summary: the generic resource listing ({@code az keyvault list} without {@code -g},
 * {@code az resource list}, a Resource Graph query that projects only id and name) prints id, name, type, location
 * and tags but no {@code properties}. It proves the resource exists and that its subscription was listed; it carries
 * no facts about its settings, so it never stands in for them.
 */
public record Summary(ResourceKind kind, ResourceId id, String name, Tags tags, Path file) {

    /** The command that prints the full record, for a reason a person can act on. */
    String fullRecordCommand() {
        return switch (kind) {
            case MANAGED_CLUSTER -> "az aks show -g " + Bash.q(id.resourceGroup()) + " -n " + Bash.q(name);
            case DISK_ENCRYPTION_SET -> "az disk-encryption-set show --ids " + Bash.q(id);
            case MANAGED_HSM -> "az keyvault show --hsm-name " + Bash.q(name);
            case KEY_VAULT -> "az keyvault show --name " + Bash.q(name);
            default -> "az resource show --ids " + Bash.q(id);
        };
    }

    String describe() {
        String what = switch (kind) {
            case MANAGED_CLUSTER -> "AKS cluster";
            case DISK_ENCRYPTION_SET -> "disk encryption set";
            case MANAGED_HSM -> "Managed HSM";
            case KEY_VAULT -> "key vault";
            default -> "resource";
        };
        return what + " " + name + " is in the inventory only as a summary without its properties (" + file.getFileName()
                + ": id, name, type, location and tags, as az keyvault list without -g or az resource list print them),"
                + " which says nothing about its settings; add the output of `" + fullRecordCommand() + "`";
    }
}
