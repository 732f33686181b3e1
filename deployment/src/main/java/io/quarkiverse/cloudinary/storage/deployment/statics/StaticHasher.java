package io.quarkiverse.cloudinary.storage.deployment.statics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import io.quarkiverse.cloudinary.storage.CloudinaryResourceType;

/**
 * Gives every static resource a name carrying its content hash, and rewrites the references inside style sheets to
 * those names. A style sheet is hashed after the files it references, so its hash changes when theirs do; style sheets
 * that reference each other in a cycle share one digest of all their contents.
 * <p>
 * On Cloudinary an image referenced by a raw style sheet lives under another resource type segment
 * ({@code .../raw/upload/v1/static/css/site.css} and {@code .../image/upload/v1/static/img/logo.png}): such references
 * are rewritten to relative paths that climb to that segment, so that they hold whatever the delivery host.
 */
final class StaticHasher {

    static final int HASH_LENGTH = 12;

    private final Function<String, CloudinaryResourceType> resourceTypes;
    private final String prefix;

    /**
     * @param resourceTypes the resource type of a path
     * @param prefix public id folder in front of every path, empty for none
     */
    StaticHasher(Function<String, CloudinaryResourceType> resourceTypes, String prefix) {
        this.resourceTypes = resourceTypes;
        this.prefix = prefix;
    }

    private record CssFile(String text, List<CssReferences.Reference> references, List<String> targets) {
    }

    List<HashedStaticFile> hash(List<StaticFile> files) {
        Map<String, StaticFile> byPath = new TreeMap<>();
        files.forEach(f -> byPath.put(f.path(), f));
        Map<String, CssFile> styleSheets = new HashMap<>();
        for (StaticFile file : byPath.values()) {
            if (file.styleSheet() != null) {
                String text = new String(file.styleSheet(), StandardCharsets.UTF_8);
                List<CssReferences.Reference> references = CssReferences.find(text);
                List<String> targets = new ArrayList<>();
                for (CssReferences.Reference reference : references) {
                    String target = resolve(file.path(), reference.path());
                    targets.add(target != null && byPath.containsKey(target) ? target : null);
                }
                styleSheets.put(file.path(), new CssFile(text, references, targets));
            }
        }

        Map<String, String> hashedPaths = new HashMap<>();
        // style sheets only: every other file is known by its size and its digest
        Map<String, byte[]> contents = new HashMap<>();
        for (List<String> group : dependencyOrder(byPath.keySet(), styleSheets)) {
            boolean cyclic = group.size() > 1 || styleSheets.containsKey(group.get(0))
                    && styleSheets.get(group.get(0)).targets().contains(group.get(0));
            if (!cyclic) {
                String path = group.get(0);
                CssFile css = styleSheets.get(path);
                if (css == null) {
                    hashedPaths.put(path, hashedPath(path, byPath.get(path).md5().substring(0, HASH_LENGTH)));
                    continue;
                }
                // every target of a style sheet outside a cycle is hashed already
                byte[] content = rewriteForCloudinary(path, css, hashedPaths, null);
                hashedPaths.put(path, hashedPath(path, md5(content).substring(0, HASH_LENGTH)));
                contents.put(path, content);
                continue;
            }
            Set<String> members = new LinkedHashSet<>(group);
            MessageDigest groupDigest = digest();
            for (String member : new java.util.TreeSet<>(members)) {
                byte[] partial = rewriteForCloudinary(member, styleSheets.get(member), hashedPaths, members);
                groupDigest.update(member.getBytes(StandardCharsets.UTF_8));
                groupDigest.update((byte) 0);
                groupDigest.update(partial);
                groupDigest.update((byte) 0);
            }
            String groupHash = HexFormat.of().formatHex(groupDigest.digest());
            for (String member : members) {
                String hash = md5((groupHash + member).getBytes(StandardCharsets.UTF_8)).substring(0, HASH_LENGTH);
                hashedPaths.put(member, hashedPath(member, hash));
            }
            for (String member : members) {
                contents.put(member, rewriteForCloudinary(member, styleSheets.get(member), hashedPaths, null));
            }
        }

        List<HashedStaticFile> hashed = new ArrayList<>();
        for (StaticFile file : byPath.values()) {
            String path = file.path();
            CssFile css = styleSheets.get(path);
            if (css == null) {
                hashed.add(new HashedStaticFile(path, hashedPaths.get(path), resourceTypes.apply(path), file.bytes(),
                        file.md5(), null, null, false, file.source()));
                continue;
            }
            byte[] content = contents.get(path);
            hashed.add(new HashedStaticFile(path, hashedPaths.get(path), resourceTypes.apply(path), content.length,
                    md5(content), content, rewriteForLocal(path, css, hashedPaths),
                    !Arrays.equals(content, file.styleSheet()), file.source()));
        }
        return hashed;
    }

    /**
     * The references rewritten to the hashed files on Cloudinary; those whose target is not hashed yet, or is in
     * {@code leaveAlone}, stay as they are.
     */
    private byte[] rewriteForCloudinary(String path, CssFile css, Map<String, String> hashedPaths, Set<String> leaveAlone) {
        return rewrite(css, hashedPaths, leaveAlone,
                (reference, target) -> cloudinaryReference(path, target, hashedPaths.get(target)));
    }

    private byte[] rewriteForLocal(String path, CssFile css, Map<String, String> hashedPaths) {
        return rewrite(css, hashedPaths, null, (reference, target) -> reference.path().startsWith("/")
                ? "/" + hashedPaths.get(target)
                : relative(directory(path), hashedPaths.get(target)));
    }

    private interface Renderer {
        String render(CssReferences.Reference reference, String target);
    }

    private static byte[] rewrite(CssFile css, Map<String, String> hashedPaths, Set<String> leaveAlone, Renderer renderer) {
        StringBuilder out = new StringBuilder(css.text().length() + 64);
        int position = 0;
        for (int i = 0; i < css.references().size(); i++) {
            CssReferences.Reference reference = css.references().get(i);
            String target = css.targets().get(i);
            if (target == null || !hashedPaths.containsKey(target) || leaveAlone != null && leaveAlone.contains(target)) {
                continue;
            }
            out.append(css.text(), position, reference.start());
            out.append(renderer.render(reference, target)).append(reference.suffix());
            position = reference.end();
        }
        out.append(css.text().substring(position));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A path from the style sheet's URL to the target's URL on Cloudinary; hashing changes no directory. */
    private String cloudinaryReference(String fromPath, String target, String targetHashed) {
        String fromDirectory = directory(prefixed(fromPath));
        if (resourceTypes.apply(fromPath) == resourceTypes.apply(target)) {
            return relative(fromDirectory, prefixed(targetHashed));
        }
        // climb out of the folders, then out of "v1", "upload" and the resource type
        int depth = fromDirectory.isEmpty() ? 0 : fromDirectory.split("/").length;
        return "../".repeat(depth + 3) + resourceTypes.apply(target).cloudinaryName() + "/upload/v1/"
                + prefixed(targetHashed);
    }

    private String prefixed(String path) {
        return prefix.isEmpty() ? path : prefix + "/" + path;
    }

    /**
     * Groups of files in an order where every file comes after the files it references; files that reference each
     * other in a cycle form one group (Tarjan's strongly connected components).
     */
    private static List<List<String>> dependencyOrder(Set<String> paths, Map<String, CssFile> styleSheets) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> lowLink = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<List<String>> groups = new ArrayList<>();
        int[] counter = { 0 };
        for (String path : paths) {
            if (!index.containsKey(path)) {
                connect(path, styleSheets, index, lowLink, stack, onStack, groups, counter);
            }
        }
        return groups;
    }

    private static void connect(String path, Map<String, CssFile> styleSheets, Map<String, Integer> index,
            Map<String, Integer> lowLink, Deque<String> stack, Set<String> onStack, List<List<String>> groups,
            int[] counter) {
        index.put(path, counter[0]);
        lowLink.put(path, counter[0]);
        counter[0]++;
        stack.push(path);
        onStack.add(path);
        CssFile css = styleSheets.get(path);
        if (css != null) {
            for (String target : new LinkedHashSet<>(css.targets())) {
                if (target == null) {
                    continue;
                }
                if (!index.containsKey(target)) {
                    connect(target, styleSheets, index, lowLink, stack, onStack, groups, counter);
                    lowLink.put(path, Math.min(lowLink.get(path), lowLink.get(target)));
                } else if (onStack.contains(target)) {
                    lowLink.put(path, Math.min(lowLink.get(path), index.get(target)));
                }
            }
        }
        if (lowLink.get(path).equals(index.get(path))) {
            List<String> group = new ArrayList<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                group.add(member);
            } while (!member.equals(path));
            groups.add(group);
        }
    }

    /** The referenced path relative to the static root, or {@code null} when it leaves it. */
    static String resolve(String from, String reference) {
        String joined = reference.startsWith("/") ? reference.substring(1) : directory(from) + "/" + reference;
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : joined.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    return null;
                }
                segments.removeLast();
            } else {
                segments.addLast(segment);
            }
        }
        return String.join("/", segments);
    }

    static String relative(String fromDirectory, String to) {
        List<String> from = fromDirectory.isEmpty() ? List.of() : List.of(fromDirectory.split("/"));
        List<String> target = List.of(to.split("/"));
        int common = 0;
        while (common < from.size() && common < target.size() - 1 && from.get(common).equals(target.get(common))) {
            common++;
        }
        return "../".repeat(from.size() - common) + String.join("/", target.subList(common, target.size()));
    }

    static String hashedPath(String path, String hash) {
        int slash = path.lastIndexOf('/');
        int dot = path.lastIndexOf('.');
        if (dot <= slash + 1) {
            return path + "." + hash;
        }
        return path.substring(0, dot) + "." + hash + path.substring(dot);
    }

    static String directory(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    static boolean isStyleSheet(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".css");
    }

    static String md5(byte[] content) {
        return HexFormat.of().formatHex(digest().digest(content));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
