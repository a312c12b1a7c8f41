package io.byokwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hostile Event Grid deliveries every entry point must survive: the files under {@code hostile/events} (with
 * the outcome MANIFEST.tsv expects for each) and the ones too big or too binary to keep as files, built here.
 */
public final class HostileEvents {
    public static final Path DIR = Path.of("src/test/resources/hostile/events");
    /** The example estate's subscriptions: the scope the hostile deliveries are judged against. */
    public static final Map<String, String> SCOPE = Map.of("BYOKWATCH_SUBSCRIPTIONS",
            "6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01,a3d9e5f2-8c1b-4f6a-b2e7-9d4c3a1f5e02");
    public static final String CLUSTER = "/subscriptions/6f1c2a8e-4b7d-4e1a-9c3f-2d5e8a7b1c01/resourceGroups/rg-checkout"
            + "/providers/Microsoft.ContainerService/managedClusters/aks-checkout-hotfix";

    private HostileEvents() {
    }

    /**
     * One delivery. {@code expect} is "body" (refused whole with a reason), "handshake", or
     * "p=processed r=rejected o=outOfScope i=ignored".
     */
    public record Case(String name, byte[] body, String expect, String what) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean refusedWhole() {
            return expect.equals("body");
        }

        public int count(String key) {
            for (String part : expect.split(" ")) {
                if (part.startsWith(key + "=")) {
                    return Integer.parseInt(part.substring(key.length() + 1));
                }
            }
            throw new IllegalArgumentException(name + ": no " + key + " in '" + expect + "'");
        }

        @Override
        public String toString() {
            return name + " (" + what + ")";
        }
    }

    /** Every case that is valid text; {@link #binary()} adds those that are not. */
    public static List<Case> all() {
        List<Case> cases = new ArrayList<>(files());
        cases.addAll(generated());
        return cases;
    }

    public static List<Case> files() {
        List<Case> cases = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(DIR.resolve("MANIFEST.tsv"), StandardCharsets.UTF_8)) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                cases.add(new Case(f[0], Files.readAllBytes(DIR.resolve(f[0])), f[1], f[2]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    static List<Case> generated() {
        List<Case> cases = new ArrayList<>();
        cases.add(text("deep-nesting-5000", "[".repeat(5000) + "]".repeat(5000), "body", "arrays nested 5,000 deep"));
        cases.add(text("deep-data-200", "[{\"id\":\"d\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\","
                + "\"eventTime\":\"2026-11-30T09:14:07Z\",\"subject\":\"" + CLUSTER + "\",\"data\":"
                + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}]", "p=1 r=0 o=0 i=0", "data nested 200 deep"));
        cases.add(text("huge-subject", "[{\"id\":\"h\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\","
                + "\"eventTime\":\"2026-11-30T09:14:07Z\",\"subject\":\"" + CLUSTER + "x".repeat(600_000) + "\"}]",
                "p=0 r=1 o=0 i=0", "a 600 KB subject, which no ARM id is"));
        cases.add(text("batch-5000", batch(5000), "p=0 r=0 o=0 i=5000", "5,000 events, Event Grid's largest batch"));
        cases.add(text("batch-5001", batch(5001), "body", "5,001 events, over Event Grid's batch limit"));
        cases.add(text("many-bad-events", "[" + "1,".repeat(20_000) + "1]", "body", "20,001 non-events in one body"));
        return cases;
    }

    /** Bodies that are not valid UTF-8: only an HTTP endpoint sees bytes (the Functions host hands over text). */
    public static List<Case> binary() {
        String ok = "[{\"id\":\"b\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\",\"eventTime\":"
                + "\"2026-11-30T09:14:07Z\",\"subject\":\"" + CLUSTER + "\"}]";
        byte[] good = ok.getBytes(StandardCharsets.UTF_8);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("invalid-utf8-in-subject", splice(good, ok.indexOf("aks-checkout"), new byte[] {(byte) 0xC3, 0x28}),
                "body", "an invalid UTF-8 sequence inside the subject"));
        cases.add(new Case("lone-continuation-byte", splice(good, 1, new byte[] {(byte) 0x80}), "body",
                "a lone UTF-8 continuation byte"));
        cases.add(new Case("overlong-slash", splice(good, ok.indexOf("/subscriptions"), new byte[] {(byte) 0xC0, (byte) 0xAF}),
                "body", "an overlong encoding of '/'"));
        cases.add(new Case("utf16-without-charset", ok.getBytes(StandardCharsets.UTF_16LE), "body",
                "UTF-16 text sent as if it were UTF-8"));
        return cases;
    }

    private static Case text(String name, String body, String expect, String what) {
        return new Case(name, body.getBytes(StandardCharsets.UTF_8), expect, what);
    }

    private static String batch(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"id\":\"").append(i)
                    .append("\",\"eventType\":\"Contoso.Noise\",\"eventTime\":\"2026-11-30T09:14:07Z\",\"subject\":\"x\"}");
        }
        return sb.append(']').toString();
    }

    private static byte[] splice(byte[] base, int at, byte[] insert) {
        byte[] out = new byte[base.length + insert.length];
        System.arraycopy(base, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(base, at, out, at + insert.length, base.length - at);
        return out;
    }
}
