package io.quarkiverse.cloudinary.storage.deployment.statics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The references a style sheet makes to other files: {@code url(...)} (quoted or not) and {@code @import "..."}.
 */
final class CssReferences {

    private static final Pattern URL = Pattern.compile(
            "url\\(\\s*(?:\"([^\"]*)\"|'([^']*)'|([^)'\"\\s]*))\\s*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern IMPORT = Pattern.compile("@import\\s+(?:\"([^\"]*)\"|'([^']*)')",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

    /**
     * One reference.
     *
     * @param start offset of the first character of the reference in the style sheet
     * @param end offset after its last character
     * @param path the file part, before any {@code ?} or {@code #}
     * @param suffix the query and fragment, kept as they are
     */
    record Reference(int start, int end, String path, String suffix) {
    }

    private CssReferences() {
    }

    /** The references to local files, in order; external URLs, data URLs and bare fragments are left out. */
    static List<Reference> find(String css) {
        List<Reference> found = new ArrayList<>();
        collect(URL.matcher(css), found);
        collect(IMPORT.matcher(css), found);
        found.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return found;
    }

    private static void collect(Matcher matcher, List<Reference> found) {
        while (matcher.find()) {
            int group = matcher.group(1) != null ? 1 : matcher.group(2) != null ? 2 : 3;
            if (matcher.group(group) == null) {
                continue;
            }
            String value = matcher.group(group);
            int start = matcher.start(group);
            if (!isLocal(value)) {
                continue;
            }
            int cut = firstOf(value, '?', '#');
            found.add(new Reference(start, start + value.length(), value.substring(0, cut), value.substring(cut)));
        }
    }

    private static boolean isLocal(String value) {
        return !value.isEmpty() && !value.startsWith("#") && !value.startsWith("//") && !SCHEME.matcher(value).find();
    }

    private static int firstOf(String value, char a, char b) {
        int first = value.length();
        int ia = value.indexOf(a);
        int ib = value.indexOf(b);
        if (ia >= 0) {
            first = ia;
        }
        if (ib >= 0 && ib < first) {
            first = ib;
        }
        return first;
    }
}
