package io.byokwatch.adapter.storage;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.byokwatch.domain.ResourceId;
import io.byokwatch.port.StoredVerdict;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How a verdict is laid out as a Table Storage entity.
 *
 * <p>Partition key: the lower-cased subscription id, so one subscription's clusters sit together. Row key: SHA-256 hex
 * of the lower-cased cluster id, because row keys may not contain {@code / \ # ?} and every ARM id has slashes; the id
 * itself is kept in {@code clusterId}. Finding keys and the detail JSON are spread over chunk properties (see
 * {@link ChunkedText}). A detail too large for the 1 MiB entity is replaced by a small JSON summary and
 * {@code detailTruncated=true}: the status and finding keys, which the alerting decisions rest on, are always kept.
 */
final class VerdictEntities {
    static final int SCHEMA = 1;
    static final String DETAIL = "detail";
    static final String FINDING_KEYS = "findingKeys";
    /** Room left for Timestamp, the ETag and rounding in the service's own accounting. */
    private static final long MARGIN_BYTES = 8 * 1024;

    private VerdictEntities() {
    }

    static String partitionKey(ResourceId clusterId) {
        String sub = clusterId.subscriptionId();
        if (sub == null || sub.isBlank()) {
            throw new IllegalArgumentException("cluster id " + clusterId + " names no subscription");
        }
        return sub.toLowerCase(Locale.ROOT);
    }

    static String rowKey(ResourceId clusterId) {
        return Hashes.sha256Hex(clusterId.key());
    }

    /** The properties to store (keys and ETag excluded). */
    static Map<String, Object> properties(StoredVerdict v) {
        String pk = partitionKey(v.clusterId());
        String rk = rowKey(v.clusterId());
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("schema", SCHEMA);
        p.put("clusterId", v.clusterId().toString());
        p.put("clusterName", v.clusterName());
        p.put("subscriptionId", v.subscriptionId());
        p.put("status", v.status());
        p.put("since", utc(v.since()));
        p.put("evaluatedAt", utc(v.evaluatedAt()));
        if (v.lastAlertAt() != null) {
            p.put("lastAlertAt", utc(v.lastAlertAt()));
        }
        if (v.lastAlertKind() != null) {
            p.put("lastAlertKind", v.lastAlertKind());
        }
        JsonArray keys = new JsonArray();
        v.findingKeys().forEach(keys::add);
        ChunkedText.put(p, FINDING_KEYS, ChunkedText.split(keys.toString()));

        long budget = EntitySize.MAX_BYTES - MARGIN_BYTES;
        long withoutDetail = EntitySize.of(pk, rk, p);
        Map<String, Object> detail = new LinkedHashMap<>();
        ChunkedText.put(detail, DETAIL, ChunkedText.split(v.detailJson()));
        if (withoutDetail + EntitySize.properties(detail) > budget) {
            detail.clear();
            ChunkedText.put(detail, DETAIL, ChunkedText.split(truncationSummary(v.detailJson())));
            detail.put("detailTruncated", true);
            detail.put("detailOriginalChars", (long) v.detailJson().length());
        }
        p.putAll(detail);
        long total = EntitySize.of(pk, rk, p);
        if (total > budget) {
            throw new IllegalArgumentException("the verdict for " + v.clusterId() + " needs " + total
                    + " bytes even without its detail (" + v.findingKeys().size() + " finding keys); Table Storage"
                    + " entities hold at most " + EntitySize.MAX_BYTES);
        }
        return p;
    }

    static StoredVerdict verdict(Map<String, Object> p, String etag) {
        Object schema = p.get("schema");
        if (!(schema instanceof Integer s) || s != SCHEMA) {
            throw new BadRecordException("schema " + schema + " is not " + SCHEMA);
        }
        ResourceId id = ResourceId.orNull(string(p, "clusterId"));
        if (id == null) {
            throw new BadRecordException("clusterId is not an Azure resource id");
        }
        List<String> keys = new ArrayList<>();
        try {
            for (JsonElement k : JsonParser.parseString(ChunkedText.join(p, FINDING_KEYS)).getAsJsonArray()) {
                keys.add(k.getAsString());
            }
        } catch (BadRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadRecordException("findingKeys is not a JSON array of strings");
        }
        Object lastAlertAt = p.get("lastAlertAt");
        return new StoredVerdict(id, string(p, "clusterName"), string(p, "subscriptionId"), string(p, "status"), keys,
                ChunkedText.join(p, DETAIL), instant(p, "since"), instant(p, "evaluatedAt"),
                lastAlertAt == null ? null : instant(p, "lastAlertAt"), (String) p.get("lastAlertKind"), etag);
    }

    /** Valid JSON, so that whoever reads the detail back can tell it was cut rather than fail on half a document. */
    private static String truncationSummary(String detail) {
        JsonObject o = new JsonObject();
        o.addProperty("truncated", true);
        o.addProperty("reason", "the verdict detail did not fit a Table Storage entity (1 MiB)");
        o.addProperty("originalChars", detail.length());
        o.addProperty("sha256", Hashes.sha256Hex(detail));
        return o.toString();
    }

    private static String string(Map<String, Object> p, String name) {
        Object v = p.get(name);
        if (!(v instanceof String s)) {
            throw new BadRecordException(name + " is missing or not a string");
        }
        return s;
    }

    private static Instant instant(Map<String, Object> p, String name) {
        Object v = p.get(name);
        if (v instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        throw new BadRecordException(name + " is missing or not a date-time");
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
