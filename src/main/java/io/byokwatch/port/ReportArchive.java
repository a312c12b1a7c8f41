package io.byokwatch.port;

/**
 * Where the nightly access report is kept so that people can open it after the digest points at it: a folder locally,
 * a blob container in Azure (a function's local disk is gone when its instance is).
 */
public interface ReportArchive {

    /**
     * Stores one rendering under {@code fileName}, replacing an earlier one of that name.
     *
     * @return where a person finds it: a path, or a URL
     * @throws ReportArchiveException when it could not be stored; the message says where and why
     */
    String save(String fileName, String contentType, String text);

    /** Stored nowhere: the report is only logged and sent. */
    ReportArchive NONE = new ReportArchive() {
        @Override
        public String save(String fileName, String contentType, String text) {
            return null;
        }
    };

    final class ReportArchiveException extends RuntimeException {
        public ReportArchiveException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
