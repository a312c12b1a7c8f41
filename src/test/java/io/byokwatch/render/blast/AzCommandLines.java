package io.byokwatch.render.blast;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code az} commands in a Markdown document's bash blocks, split into words as bash would and checked against
 * the installed azure-cli's own argument parser (Debian's 2.45). Nothing reaches Azure: az runs with an empty
 * configuration folder, so a command that parses stops at "please run az login" (or a missing optional module),
 * while one that does not parse says why (unrecognized or missing arguments, an invalid choice).
 */
final class AzCommandLines {
    private static final Pattern AZ = Pattern.compile("(?:^|do |\\$\\()\\s*(az [^;)\\n]+)");
    private static final List<String> PARSE_ERRORS = List.of("unrecognized arguments", "the following arguments are required",
            "invalid choice", "expected one argument", "is not a valid value", "is misspelled or not recognized",
            "not in the allowed values", "usage error");

    private AzCommandLines() {
    }

    /** Each az command once per shape (sub-command and flags), with shell variables given sample values. */
    static Map<String, List<String>> in(String markdown) {
        Map<String, List<String>> shapes = new LinkedHashMap<>();
        boolean inBash = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                inBash = line.equals("```bash");
                continue;
            }
            if (!inBash) {
                continue;
            }
            Matcher m = AZ.matcher(line);
            while (m.find()) {
                List<String> words = words(m.group(1).replaceAll("\\s+<.*$", "").replaceAll("\\s+>\\s*\\S+$", "")
                        .replaceAll("\\s+#.*$", ""));
                List<String> command = new ArrayList<>();
                List<String> flags = new ArrayList<>();
                for (String w : words) {
                    if (w.startsWith("-")) {
                        flags.add(w);
                    } else if (flags.isEmpty()) {
                        command.add(w);
                    }
                }
                shapes.putIfAbsent(String.join(" ", command) + " " + String.join(" ", flags), words);
            }
        }
        return shapes;
    }

    /** Words as bash splits them: single and double quotes, with $kid and $node_rg given sample values. */
    static List<String> words(String command) {
        String c = command.replace("\"$kid\"", "https://kv-sample.vault.azure.net/keys/k/0123456789abcdef0123456789abcdef")
                .replace("\"$node_rg\"", "MC_rg_cluster_westeurope").replace("\"$vmss\"", "aks-system-12345678-vmss");
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean started = false;
        for (int i = 0; i < c.length(); i++) {
            char ch = c.charAt(i);
            if (ch == '\'') {
                int end = c.indexOf('\'', i + 1);
                w.append(c, i + 1, end);
                i = end;
                started = true;
            } else if (ch == '"') {
                int end = c.indexOf('"', i + 1);
                w.append(c, i + 1, end);
                i = end;
                started = true;
            } else if (Character.isWhitespace(ch)) {
                if (started) {
                    words.add(w.toString());
                    w.setLength(0);
                    started = false;
                }
            } else {
                w.append(ch);
                started = true;
            }
        }
        if (started) {
            words.add(w.toString());
        }
        return words;
    }

    /** The parser's complaint, or null when az accepted the arguments. */
    static String parseError(List<String> words, Path configDir) throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>(List.of("/usr/bin/az"));
        argv.addAll(words.subList(1, words.size()));
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("AZURE_CONFIG_DIR", configDir.toString());
        pb.environment().put("AZURE_CORE_COLLECT_TELEMETRY", "false");
        pb.environment().put("AZURE_CORE_NO_COLOR", "true");
        Files.createDirectories(configDir);
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return "az did not finish in 120 s";
        }
        String text = new String(output, StandardCharsets.UTF_8);
        return PARSE_ERRORS.stream().anyMatch(text::contains) ? text.strip() : null;
    }
}
