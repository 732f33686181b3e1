package io.quarkiverse.cloudinary.storage.test.fields;

/** Build errors arrive wrapped; the messages of the whole chain tell what the processor said. */
final class BuildFailures {

    private BuildFailures() {
    }

    static String messages(Throwable thrown) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }
}
