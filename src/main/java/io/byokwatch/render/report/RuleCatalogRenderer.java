package io.byokwatch.render.report;

import io.byokwatch.render.JsonValues;
import io.byokwatch.render.PrettyJson;
import io.byokwatch.render.TextWrap;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.byokwatch.rules.Rule;
import io.byokwatch.rules.RuleCatalog;
import io.byokwatch.rules.RuleMeta;

import java.util.ArrayList;
import java.util.List;

/** Output of {@code byokwatch rules}: the catalog as JSON for tools, or as a table for people. */
public final class RuleCatalogRenderer {
    public static final int SCHEMA_VERSION = 1;
    private final RuleCatalog catalog;

    public RuleCatalogRenderer(RuleCatalog catalog) {
        this.catalog = catalog;
    }

    /** {@code {"schemaVersion": 1, "rules": [{"id", "severity", "title", "failsWhen", "references"}]}}, catalog order. */
    public String json() {
        JsonArray rules = new JsonArray();
        for (RuleMeta m : metas()) {
            JsonObject o = new JsonObject();
            o.addProperty("id", m.id());
            o.addProperty("severity", m.severity().label());
            o.addProperty("title", m.title());
            o.addProperty("failsWhen", m.failsWhen());
            o.add("references", JsonValues.of(m.references()));
            rules.add(o);
        }
        JsonObject root = new JsonObject();
        root.addProperty("schemaVersion", SCHEMA_VERSION);
        root.add("rules", rules);
        return PrettyJson.write(root);
    }

    public String table() {
        return table(TableRenderer.DEFAULT_WIDTH);
    }

    /** Id, default severity and title, the title wrapped under its own column. */
    public String table(int width) {
        List<RuleMeta> metas = metas();
        int idWidth = Math.max("RULE".length(), metas.stream().mapToInt(m -> m.id().length()).max().orElse(0));
        int severityWidth = "SEVERITY".length();
        String titleColumn = " ".repeat(idWidth + 2 + severityWidth + 2);
        List<String> lines = new ArrayList<>();
        lines.add(TextWrap.pad("RULE", idWidth) + "  " + TextWrap.pad("SEVERITY", severityWidth) + "  TITLE");
        for (RuleMeta m : metas) {
            String prefix = TextWrap.pad(m.id(), idWidth) + "  " + TextWrap.pad(m.severity().label(), severityWidth) + "  ";
            lines.addAll(TextWrap.wrap(m.title(), width, prefix, titleColumn));
        }
        lines.add("");
        lines.add(metas.size() + " rules. Severities are defaults; a policy file can override them. "
                + "--format json adds when each rule fails and its references.");
        List<String> out = new ArrayList<>();
        lines.forEach(l -> out.addAll(l.length() <= width ? List.of(l) : TextWrap.wrap(l, width, "", "")));
        return String.join("\n", out) + "\n";
    }

    private List<RuleMeta> metas() {
        return catalog.all().stream().map(Rule::meta).toList();
    }
}
