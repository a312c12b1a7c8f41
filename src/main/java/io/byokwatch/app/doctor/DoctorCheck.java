package io.byokwatch.app.doctor;

import java.util.Objects;

/**
 * One thing {@code byokwatch doctor} checked.
 *
 * @param id      what kind of check (stable, part of the JSON contract): {@code scope}, {@code subscription-read},
 *                {@code vault-read}, {@code event-subscription}, {@code function}, {@code audit-setting},
 *                {@code audit-workspace}, {@code audit-rows}, {@code state-storage}, {@code notify-config},
 *                {@code channel-secret}
 * @param subject what it was checked on: a subscription id, an ARM id, a store or channel name
 * @param detail  what was seen, one or more sentences; never a secret
 * @param fix     what to do when it did not pass (commands quoted for a POSIX shell); null when it passed
 */
public record DoctorCheck(String id, String subject, CheckStatus status, String detail, String fix) {
    public DoctorCheck {
        Objects.requireNonNull(id);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(status);
        Objects.requireNonNull(detail);
        if (status != CheckStatus.PASS && (fix == null || fix.isBlank())) {
            throw new IllegalArgumentException("check " + id + " on " + subject + " is " + status.label() + " without a fix");
        }
    }

    static DoctorCheck pass(String id, String subject, String detail) {
        return new DoctorCheck(id, subject, CheckStatus.PASS, detail, null);
    }

    static DoctorCheck fail(String id, String subject, String detail, String fix) {
        return new DoctorCheck(id, subject, CheckStatus.FAIL, detail, fix);
    }

    static DoctorCheck unknown(String id, String subject, String detail, String fix) {
        return new DoctorCheck(id, subject, CheckStatus.UNKNOWN, detail, fix);
    }
}
