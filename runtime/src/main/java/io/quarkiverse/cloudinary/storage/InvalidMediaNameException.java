package io.quarkiverse.cloudinary.storage;

/**
 * A media name that cannot be stored safely, rejected before any request is made.
 */
public class InvalidMediaNameException extends IllegalArgumentException {

    private final String name;

    public InvalidMediaNameException(String name, String reason) {
        super("Invalid media name '" + printable(name) + "': " + reason);
        this.name = name;
    }

    /** The name as it was given. */
    public String name() {
        return name;
    }

    private static String printable(String name) {
        if (name == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder();
        name.codePoints().limit(300).forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
