package io.byokwatch.testsupport;

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
 * the installed azure-cli's own argument parser (Debian's 2.45), all in one az process. Nothing reaches Azure.
 */
public final class AzCommandLines {
    private static final Pattern AZ = Pattern.compile("(?:^|do |\\$\\()\\s*(az [^;)\\n]+)");

    private AzCommandLines() {
    }

    /** Each az command once per shape (sub-command and flags), with shell variables given sample values. */
    public static Map<String, List<String>> in(String markdown) {
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
                // a redirect ("< file", "> file") is the shell's, not az's; "<rg>" is a placeholder value
                List<String> words = words(m.group(1).replaceAll("\\s+<\\s+\\S+$", "").replaceAll("\\s+>\\s+\\S+$", "")
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
    public static List<String> words(String command) {
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
        // a placeholder stands for a value of its kind: az checks the types of dates
        return words.stream().map(x -> x.matches("<[a-z0-9-]+>") ? (x.contains("date") ? "2030-01-01T00:00:00Z" : "sample") : x)
                .toList();
    }

    /**
     * The argument parser az itself runs, in one interpreter for all commands (an az start-up costs seconds): the
     * parser's error paths are replaced by ones that record the complaint, and each command is then invoked with an
     * empty configuration, so one that parses stops at "please run az login" without reaching Azure.
     */
    private static final String BATCH = """
            import sys, io, json, contextlib, argparse
            from azure.cli.core import get_default_cli
            from azure.cli.core import parser as azparser
            errors = []
            def record(self, message):
                errors.append(message)
                raise SystemExit(2)
            original_check = azparser.AzCliCommandParser._check_value
            def check(self, action, value):
                if action.choices is not None and value not in action.choices:
                    record(self, "'%s' is not one of %s's choices" % (value, self.prog))
                return original_check(self, action, value)
            argparse.ArgumentParser.error = record
            azparser.AzCliCommandParser.error = record
            azparser.AzCliCommandParser._check_value = check
            out = []
            for c in json.loads(sys.stdin.read()):
                del errors[:]
                with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
                    try:
                        get_default_cli().invoke(c)
                    except BaseException:
                        pass
                out.append(errors[0] if errors else None)
            print("AZ-PARSE-RESULT " + json.dumps(out))
            """;

    /** Each command az's parser refuses, with its complaint. */
    public static List<String> refused(java.util.Collection<List<String>> commands, Path configDir)
            throws IOException, InterruptedException {
        List<List<String>> all = List.copyOf(commands);
        com.google.gson.JsonArray input = new com.google.gson.JsonArray();
        for (List<String> c : all) {
            com.google.gson.JsonArray args = new com.google.gson.JsonArray();
            c.subList(1, c.size()).forEach(args::add);
            input.add(args);
        }
        Files.createDirectories(configDir);
        Path script = Files.writeString(configDir.resolve("az-parse.py"), BATCH);
        ProcessBuilder pb = new ProcessBuilder(interpreter(), script.toString()).redirectErrorStream(true);
        pb.environment().put("AZURE_CONFIG_DIR", configDir.resolve("az").toString());
        pb.environment().put("AZURE_CORE_COLLECT_TELEMETRY", "false");
        pb.environment().put("AZURE_CORE_NO_COLOR", "true");
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write(input.toString().getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("az did not finish parsing in 10 minutes");
        }
        int at = output.lastIndexOf("AZ-PARSE-RESULT ");
        if (at < 0) {
            throw new IllegalStateException("azure-cli's parser could not be run: " + output);
        }
        com.google.gson.JsonArray answers = com.google.gson.JsonParser.parseString(
                output.substring(at + "AZ-PARSE-RESULT ".length()).trim()).getAsJsonArray();
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!answers.get(i).isJsonNull()) {
                refused.add(String.join(" ", all.get(i)) + "\n  " + answers.get(i).getAsString());
            }
        }
        return refused;
    }

    /** The parser's complaint, or null when az accepted the arguments. */
    public static String parseError(List<String> words, Path configDir) throws IOException, InterruptedException {
        List<String> refused = refused(List.of(words), configDir);
        return refused.isEmpty() ? null : refused.get(0);
    }

    /** The Python that runs az: the one its launcher names (Debian's /usr/bin/python3, not a user's pyenv). */
    private static String interpreter() throws IOException {
        String first = Files.readAllLines(Path.of("/usr/bin/az")).get(0);
        return first.startsWith("#!") ? first.substring(2).trim().split("\\s+")[0] : "/usr/bin/python3";
    }
}
