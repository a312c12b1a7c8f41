package io.byokwatch.cli;

/** What to tell someone whose input did not fit in the Java heap: the limit it hit and the setting that raises it. */
final class OutOfMemory {
    private static final long MB = 1024 * 1024;

    private OutOfMemory() {
    }

    static String advice(String command, long maxHeapBytes) {
        long limit = maxHeapBytes / MB;
        long next = Math.max(1024, Long.highestOneBit(Math.max(1, limit)) * 4);
        return "byokwatch: " + command + " ran out of memory: the Java heap is limited to " + limit + " MB and the input"
                + " needs more. Run it with a larger heap, e.g. BYOKWATCH_JAVA_OPTS=\"-XX:+UseSerialGC -Xmx" + next + "m\""
                + " ./byokwatch " + command + " ... (or java -Xmx" + next + "m -jar ...), or split the input into smaller"
                + " folders and run once per folder";
    }
}
