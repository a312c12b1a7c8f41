package io.byokwatch.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** One ARM write event per cluster of an estate folder: load that makes every cluster decide its first verdict. */
public final class EstateEvents {
    private static final Pattern CLUSTER = Pattern.compile(
            "\"(/subscriptions/[^\"]+/providers/Microsoft\\.ContainerService/managedClusters/[^\"/]+)\"", Pattern.CASE_INSENSITIVE);

    private EstateEvents() {
    }

    /** The cluster ids mentioned as ids anywhere in the estate's files, sorted and de-duplicated case-insensitively. */
    public static List<String> clusterIds(Path estate) {
        TreeSet<String> ids = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        try (Stream<Path> files = Files.walk(estate)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Matcher m = CLUSTER.matcher(Files.readString(f));
                while (m.find()) {
                    ids.add(m.group(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ArrayList<>(ids);
    }

    /** An Event Grid delivery (a one-event array) saying the cluster was written. */
    public static String writeEvent(String clusterId, String eventId) {
        String sub = clusterId.split("/")[2];
        return "[{\"id\":\"" + eventId + "\",\"eventType\":\"Microsoft.Resources.ResourceWriteSuccess\","
                + "\"eventTime\":\"2026-11-30T09:14:07.2210431Z\",\"subject\":\"" + clusterId + "\",\"topic\":\"/subscriptions/"
                + sub + "\",\"dataVersion\":\"2\",\"metadataVersion\":\"1\",\"data\":{\"resourceUri\":\"" + clusterId
                + "\",\"operationName\":\"Microsoft.ContainerService/managedClusters/write\",\"status\":\"Succeeded\","
                + "\"claims\":{\"name\":\"Load Test\"}}}]";
    }
}
