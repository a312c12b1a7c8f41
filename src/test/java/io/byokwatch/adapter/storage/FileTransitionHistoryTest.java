package io.byokwatch.adapter.storage;

import io.byokwatch.domain.ClusterStatus;
import io.byokwatch.domain.Transition;
import io.byokwatch.port.TransitionHistory;
import io.byokwatch.testsupport.CapturedLog;
import io.byokwatch.testsupport.Histories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FileTransitionHistoryTest extends TransitionHistoryContract {
    @TempDir
    Path dir;

    @Override
    TransitionHistory newHistory() {
        return new FileTransitionHistory(dir.resolve("history"));
    }

    @Test
    void entries_areOneJsonLinePerTransition_inAFilePerMonth() throws Exception {
        history.record(Histories.opened(AKS, "2026-11-30T09:14:11Z", null));

        List<String> lines = Files.readAllLines(dir.resolve("history/transitions-2026-11.jsonl"));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("{\"schema\":1,\"id\":\"o-aks-pay-1-2026-11-30T09:14:11Z\",\"kind\":\"opened\""), lines.get(0));
    }

    @Test
    void aLineCutByACrash_isSkippedWithAWarning_andTheNextWriteStartsOnItsOwnLine() throws Exception {
        Transition first = Histories.baseline(AKS, "2026-11-01T00:00:00Z", ClusterStatus.COMPLIANT);
        history.record(first);
        Path file = dir.resolve("history/transitions-2026-11.jsonl");
        Files.writeString(file, "{\"schema\":1,\"id\":\"cut", StandardOpenOption.APPEND);
        Transition next = Histories.opened(AKS, "2026-11-02T00:00:00Z", null);

        try (CapturedLog log = CapturedLog.of(FileTransitionHistory.class.getName())) {
            new FileTransitionHistory(dir.resolve("history")).record(next);
            List<Transition> read = history.read(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));

            assertEquals(List.of(first, next), read);
            assertTrue(log.lines().stream().anyMatch(l -> l.contains("transitions-2026-11.jsonl:2")), log.lines().toString());
        }
    }

    @Test
    void twoStoresOnOneFolder_seeEachOthersIds() {
        TransitionHistory other = new FileTransitionHistory(dir.resolve("history"));
        Transition t = Histories.opened(AKS, "2026-11-30T09:14:11Z", null);
        history.record(Histories.baseline(AKS, "2026-11-01T00:00:00Z", ClusterStatus.COMPLIANT));
        other.record(t);
        history.record(t);

        assertEquals(2, history.read(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z")).size());
    }

    @Test
    void writingANewMonth_deletesMonthsPastTheRetention() {
        FileTransitionHistory h = new FileTransitionHistory(dir.resolve("kept"), Duration.ofDays(400));
        h.record(Histories.baseline(AKS, "2025-05-31T00:00:00Z", ClusterStatus.COMPLIANT));
        h.record(Histories.baseline(Histories.cluster("aks-2"), "2025-11-01T00:00:00Z", ClusterStatus.COMPLIANT));

        new FileTransitionHistory(dir.resolve("kept"), Duration.ofDays(400))
                .record(Histories.opened(AKS, "2026-08-01T00:00:00Z", null));

        assertFalse(Files.exists(h.fileFor(YearMonth.of(2025, 5))));
        assertTrue(Files.exists(h.fileFor(YearMonth.of(2025, 11))));
    }
}
