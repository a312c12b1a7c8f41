package io.byokwatch.port;

import java.util.List;

/**
 * What a read covered: where the logs came from (for the report header) and each problem met on the way, one
 * sentence each, such as a Log Analytics partial error or a file line that was not an audit record.
 */
public record AccessLogRead(String source, List<String> problems) {
    public AccessLogRead {
        problems = List.copyOf(problems);
    }
}
