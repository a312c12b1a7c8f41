package io.byokwatch.rules;

import io.byokwatch.domain.KeyPurpose;

/**
 * A check of one key use: run once for every key use of a cluster (its node OS disks' set, each set its persistent
 * volumes use, the KMS key), so a rule written once covers every purpose. It reads the purpose only when its subject
 * is purpose-specific; a finding from several key uses on the same resource is one finding naming them all.
 */
public non-sealed interface KeyUseRule extends Rule {
    void check(KeyUse use, RuleContext context, Outcome out);

    /**
     * The title of a finding about this purpose: the catalog title, worded for disks, unless the rule says how it reads
     * for a KMS key (a KMS finding titled "Disk encryption set..." would send people to the wrong resource). Built-in
     * rules give that wording at construction ({@code CatalogRule}).
     */
    default String title(KeyPurpose purpose) {
        return meta().title();
    }
}
