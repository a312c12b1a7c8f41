package io.byokwatch.domain;

import java.time.LocalDate;

/**
 * A finding that matched an exemption. When {@code expired} is true the exemption no longer applies: the finding
 * still counts and this record only says why it is not waived any more.
 */
public record Exempted(Finding finding, ResourceId exemptionScope, String reason, String approvedBy, LocalDate expires,
                       boolean expired) {
}
