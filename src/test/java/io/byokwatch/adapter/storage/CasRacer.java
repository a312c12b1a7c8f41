package io.byokwatch.adapter.storage;

import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.StoredVerdict;
import io.byokwatch.port.VerdictStore;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A writer in the cross-process race: reads the verdict, adds one to a counter kept in its detail, and writes it back
 * with the version it read. Run as a main, it is the second process: it says "ready", waits for a line on stdin so that
 * both processes start together, races, then prints one "won VERSION" per success and a closing "done" line.
 */
final class CasRacer {
    private static final Pattern COUNT = Pattern.compile("\"count\":(\\d+)");

    /** What one writer saw: the versions it replaced (one per win) and how often it lost. */
    record Result(List<String> replacedVersions, int losses) {
    }

    private CasRacer() {
    }

    static Result race(VerdictStore store, ResourceId id, int attempts) {
        List<String> replaced = new ArrayList<>();
        int losses = 0;
        for (int i = 0; i < attempts; i++) {
            Optional<StoredVerdict> current = store.get(id);
            StoredVerdict base = current.orElse(Verdicts.noncompliant(id));
            long count = current.map(v -> count(v.detailJson())).orElse(0L);
            if (store.put(Verdicts.withDetail(base, "{\"count\":" + (count + 1) + "}"))) {
                replaced.add(String.valueOf(base.version()));
            } else {
                losses++;
            }
        }
        return new Result(replaced, losses);
    }

    static long count(String detailJson) {
        Matcher m = COUNT.matcher(detailJson);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    public static void main(String[] args) throws Exception {
        VerdictStore store = new FileVerdictStore(Path.of(args[0]));
        ResourceId id = ResourceId.parse(args[1]);
        int attempts = Integer.parseInt(args[2]);
        System.out.println("ready");
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        Result r = race(store, id, attempts);
        StringBuilder out = new StringBuilder();
        r.replacedVersions().forEach(v -> out.append("won ").append(v).append('\n'));
        out.append("done ").append(r.losses()).append('\n');
        System.out.print(out);
        System.out.flush();
    }
}
