package io.quarkiverse.cloudinary.storage.emulator.delivery;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A parsed delivery path {@code <rt>/<type>/[s--sig--/][steps/][v<digits>/]<public_id>[.<format>]}.
 *
 * @param resourceType first segment
 * @param type second segment
 * @param signature the part between {@code s--} and {@code --}, or {@code null}
 * @param steps transformation steps in URL order
 * @param transformation the steps as they appear in the URL, joined by {@code /}; empty when none
 * @param versioned whether a {@code v<digits>} segment was present
 * @param rawRemainder everything after the steps and version, still percent-encoded (what gets signed)
 * @param remainder {@code rawRemainder} decoded, or {@code null} if its escapes are malformed
 * @param pendingError when a segment had known keys but bad values and no version settled it: the error to give if
 *        reading it as a folder finds no asset either
 */
record DeliveryPath(String resourceType, String type, String signature, List<TransformStep> steps,
        String transformation, boolean versioned, String rawRemainder, String remainder, String pendingError) {

    /**
     * @return the parsed path, or {@code null} when it has too few segments to name an asset
     * @throws DeliveryException for a malformed transformation before a version segment
     */
    static DeliveryPath parse(String rest) throws DeliveryException {
        String path = rest;
        int q = path.indexOf('?');
        if (q >= 0) {
            path = path.substring(0, q);
        }
        List<String> segs = new ArrayList<>(Arrays.asList(path.split("/")));
        segs.removeIf(String::isEmpty); // the SDK merges repeated slashes; so do we
        if (segs.size() < 3) {
            return null;
        }
        int i = 2;
        String signature = null;
        String s = segs.get(i);
        if (s.length() > 5 && s.startsWith("s--") && s.endsWith("--")) {
            signature = s.substring(3, s.length() - 2);
            i++;
        }
        int last = segs.size() - 1;
        int version = -1;
        for (int j = i; j < last; j++) {
            if (isVersion(segs.get(j))) {
                version = j;
                break;
            }
        }
        List<TransformStep> steps = new ArrayList<>();
        String pendingError = null;
        int idStart;
        if (version >= 0) {
            // public ids may not contain a v<digits> folder, so everything before it is transformation
            for (int j = i; j < version; j++) {
                TransformStep.Parsed p = TransformStep.parse(segs.get(j));
                if (p instanceof TransformStep.Valid v) {
                    steps.add(v.step());
                } else if (p instanceof TransformStep.Invalid inv) {
                    throw new DeliveryException(400, inv.message());
                } else {
                    throw new DeliveryException(400, "Invalid transformation component - " + segs.get(j));
                }
            }
            idStart = version + 1;
        } else {
            idStart = i;
            while (idStart < last) {
                TransformStep.Parsed p = TransformStep.parse(segs.get(idStart));
                if (p instanceof TransformStep.Valid v) {
                    steps.add(v.step());
                    idStart++;
                    continue;
                }
                if (p instanceof TransformStep.Invalid inv) {
                    pendingError = inv.message();
                }
                break;
            }
        }
        if (idStart > last) {
            return null;
        }
        String raw = String.join("/", segs.subList(idStart, segs.size()));
        String transformation = String.join("/", steps.stream().map(TransformStep::raw).toList());
        return new DeliveryPath(segs.get(0), segs.get(1), signature, List.copyOf(steps), transformation, version >= 0,
                raw, percentDecode(raw), pendingError);
    }

    /**
     * The other reading of an unversioned path whose leading segments looked like transformations: they were
     * folders. {@code null} when there is no other reading.
     */
    DeliveryPath asFolders() {
        if (versioned || steps.isEmpty()) {
            return null;
        }
        String raw = transformation + "/" + rawRemainder;
        return new DeliveryPath(resourceType, type, signature, List.of(), "", false, raw, percentDecode(raw), null);
    }

    /** The string a signed URL signs: transformation and public id as they appear in the URL, without version. */
    String toSign() {
        return transformation.isEmpty() ? rawRemainder : transformation + "/" + rawRemainder;
    }

    private static boolean isVersion(String seg) {
        if (seg.length() < 2 || seg.charAt(0) != 'v') {
            return false;
        }
        for (int k = 1; k < seg.length(); k++) {
            if (!Character.isDigit(seg.charAt(k)) || seg.charAt(k) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Strict UTF-8 percent-decoding; {@code +} stays a plus, as in URL paths. {@code null} if malformed. */
    static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        for (int k = 0; k < in.length; k++) {
            if (in[k] == '%') {
                if (k + 2 >= in.length) {
                    return null;
                }
                int hi = Character.digit(in[k + 1], 16);
                int lo = Character.digit(in[k + 2], 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write((hi << 4) | lo);
                k += 2;
            } else {
                out.write(in[k]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
