package io.byokwatch.adapter.plan;

import com.google.gson.JsonElement;
import io.byokwatch.port.PlannedResource.SourceLocation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where each resource block of a configuration is written: a text scan of each module folder's {@code .tf} files
 * for {@code resource "type" "name"} (and {@code data}) lines. Local modules are found from their {@code source},
 * downloaded ones from {@code .terraform/modules/modules.json}. Files are named relative to the working directory
 * when they lie under it, so SARIF results land on the lines a pull request shows.
 */
final class TfSources {
    private static final Pattern BLOCK = Pattern.compile("^\\s*(resource|data)\\s+\"([^\"]+)\"\\s+\"([^\"]+)\"");

    private final Path root;
    private final TfConfig config;
    private final Map<String, Path> downloaded = new HashMap<>();
    private final Map<Path, Map<String, SourceLocation>> scanned = new HashMap<>();

    TfSources(Path root, TfConfig config) {
        if (!Files.isDirectory(root)) {
            throw new PlanFormatException("--source " + root + " is not a folder; give the folder of the root module's .tf files");
        }
        this.root = root;
        this.config = config;
        readModulesJson();
    }

    /** The file and line of the address's resource block, or null when it is not found. */
    SourceLocation locate(TfAddress address) {
        Path dir = folder(address.moduleCalls());
        if (dir == null) {
            return null;
        }
        return scanned.computeIfAbsent(dir, this::scan).get(address.resource());
    }

    private Path folder(List<String> calls) {
        Path dir = root;
        for (int i = 0; i < calls.size(); i++) {
            Path fetched = downloaded.get(String.join(".", calls.subList(0, i + 1)));
            if (fetched != null) {
                dir = fetched;
                continue;
            }
            TfConfig.Module module = config.module(calls.subList(0, i + 1));
            String source = module == null ? null : module.source();
            if (source == null || !(source.startsWith("./") || source.startsWith("../"))) {
                return null;
            }
            dir = dir.resolve(source).normalize();
        }
        return dir;
    }

    private Map<String, SourceLocation> scan(Path dir) {
        Map<String, SourceLocation> blocks = new HashMap<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".tf")).sorted().toList();
        } catch (IOException e) {
            return blocks;
        }
        for (Path file : files) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                continue;
            }
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = BLOCK.matcher(lines.get(i));
                if (m.find()) {
                    String key = (m.group(1).equals("data") ? "data." : "") + m.group(2) + "." + m.group(3);
                    blocks.putIfAbsent(key, new SourceLocation(display(file), i + 1));
                }
            }
        }
        return blocks;
    }

    /** Relative to the working directory when under it, with forward slashes. */
    static String display(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path shown = abs.startsWith(cwd) ? cwd.relativize(abs) : abs;
        return shown.toString().replace('\\', '/');
    }

    private void readModulesJson() {
        Path manifest = root.resolve(".terraform/modules/modules.json");
        if (!Files.isRegularFile(manifest)) {
            return;
        }
        JsonElement doc;
        try {
            doc = JsonFiles.read(manifest, "module manifest");
        } catch (PlanFormatException e) {
            return;
        }
        for (var entry : Json.objects(Json.array(doc, "Modules"))) {
            String key = Json.text(entry, "Key");
            String dir = Json.text(entry, "Dir");
            if (key != null && !key.isEmpty() && dir != null) {
                downloaded.put(key, root.resolve(dir).normalize());
            }
        }
    }
}
