package io.byokwatch.rules;

import java.util.List;

/** Framework references shared by the rules; kept in one place so that mappings are reviewed together. */
public final class Compliance {
    public static final String PCI_KEY_CUSTODY = "PCI DSS v4.0 3.6-3.7: protect and manage cryptographic keys for stored account data";
    public static final String PCI_AT_REST = "PCI DSS v4.0 3.5.1: stored account data rendered unreadable";
    public static final String HIPAA_ENCRYPTION = "HIPAA 45 CFR 164.312(a)(2)(iv): encryption and decryption of ePHI";
    public static final String FEDRAMP_SC12 = "FedRAMP (NIST SP 800-53 Rev. 5) SC-12: cryptographic key establishment and management";
    public static final String FEDRAMP_SC28 = "FedRAMP (NIST SP 800-53 Rev. 5) SC-28: protection of information at rest";
    public static final String FEDRAMP_SC13 = "FedRAMP (NIST SP 800-53 Rev. 5) SC-13: cryptographic protection";
    public static final String FEDRAMP_CP9 = "FedRAMP (NIST SP 800-53 Rev. 5) CP-9: backup and recoverability";

    public static final List<String> AT_REST = List.of(PCI_AT_REST, PCI_KEY_CUSTODY, HIPAA_ENCRYPTION, FEDRAMP_SC28, FEDRAMP_SC12);
    public static final List<String> KEY_MANAGEMENT = List.of(PCI_KEY_CUSTODY, HIPAA_ENCRYPTION, FEDRAMP_SC12);

    private Compliance() {
    }
}
