package io.quarkiverse.cloudinary.storage.emulator.delivery;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Applies the resize and crop part of image transformations with java.awt, and converts between the formats the
 * JDK's ImageIO can write. Keys it does not implement (effects, angle, radius, overlays...) are ignored so that the
 * image is still served. Memory-cached streams keep ImageIO from writing temporary files.
 */
final class ImageTransformer {

    /** Largest side a derivative may have; bigger requests are refused rather than risking the heap. */
    static final int MAX_SIDE = 10_000;

    record Rendered(byte[] bytes, String format, int width, int height) {
    }

    private ImageTransformer() {
    }

    /** Whether the steps ask for anything this class would change in the pixels. */
    static boolean changesPixels(List<TransformStep> steps) {
        for (TransformStep s : steps) {
            if (s.get("w") != null || s.get("h") != null || "crop".equals(s.get("c")) && (s.get("x") != null
                    || s.get("y") != null)) {
                return true;
            }
        }
        return false;
    }

    /** The format the response will really have: the one asked for if ImageIO can write it. */
    static String outputFormat(String requested, String stored) {
        String want = ContentTypes.canonical(requested);
        if (want != null && canWrite(want)) {
            return want;
        }
        String have = ContentTypes.canonical(stored);
        return have != null && canWrite(have) ? have : "png";
    }

    static boolean canWrite(String format) {
        return ImageIO.getImageWritersByFormatName(format).hasNext();
    }

    /** @return the derivative, or {@code null} when ImageIO cannot decode the original (SVG, WebP, ICO...) */
    static Rendered render(byte[] original, List<TransformStep> steps, String format)
            throws IOException, DeliveryException {
        BufferedImage img;
        try {
            // ImageIO.read closes the stream itself
            ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(original));
            img = ImageIO.read(in);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (img == null) {
            return null;
        }
        String quality = null;
        for (TransformStep step : steps) {
            img = apply(img, step);
            if (step.get("q") != null) {
                quality = step.get("q");
            }
        }
        return new Rendered(encode(img, format, quality), format, img.getWidth(), img.getHeight());
    }

    static BufferedImage apply(BufferedImage img, TransformStep step) throws DeliveryException {
        int sw = img.getWidth();
        int sh = img.getHeight();
        Double w = step.size("w", sw);
        Double h = step.size("h", sh);
        double dpr = dpr(step.get("dpr"));
        Double ar = aspectRatio(step.get("ar"));
        if (ar != null && w != null && h == null) {
            h = w / ar;
        } else if (ar != null && h != null && w == null) {
            w = h * ar;
        }
        if (w != null) {
            w *= dpr;
        }
        if (h != null) {
            h *= dpr;
        }
        String crop = step.get("c") == null ? "scale" : step.get("c");
        String gravity = step.get("g") == null ? "center" : step.get("g");
        if (w == null && h == null && !"crop".equals(crop)) {
            return img;
        }
        switch (crop) {
            case "fit", "limit", "mfit", "pad", "lpad", "mpad" -> {
                double f = w != null && h != null ? Math.min(w / sw, h / sh) : w != null ? w / sw : h / sh;
                if (crop.equals("limit") || crop.equals("lpad")) {
                    f = Math.min(f, 1);
                } else if (crop.equals("mfit")) {
                    f = Math.max(f, 1);
                } else if (crop.equals("mpad")) {
                    f = 1;
                }
                BufferedImage scaled = resize(img, px(sw * f), px(sh * f));
                if (!crop.endsWith("pad") || w == null || h == null) {
                    return scaled;
                }
                return pad(scaled, px(w), px(h), gravity, background(step.get("b"), img));
            }
            case "fill", "lfill", "thumb", "fill_pad", "auto", "imagga_crop", "imagga_scale" -> {
                if (w == null || h == null) {
                    double f = w != null ? w / sw : h / sh;
                    if (crop.equals("lfill")) {
                        f = Math.min(f, 1);
                    }
                    return resize(img, px(sw * f), px(sh * f));
                }
                double f = Math.max(w / sw, h / sh);
                if (crop.equals("lfill")) {
                    f = Math.min(f, 1);
                }
                BufferedImage scaled = resize(img, px(sw * f), px(sh * f));
                return cut(scaled, Math.min(px(w), scaled.getWidth()), Math.min(px(h), scaled.getHeight()), gravity,
                        0, 0);
            }
            case "crop" -> {
                int cw = w == null ? sw : Math.min(px(w), sw);
                int ch = h == null ? sh : Math.min(px(h), sh);
                int x = offset(step.get("x"), sw);
                int y = offset(step.get("y"), sh);
                // explicit coordinates count from the top-left unless a gravity says otherwise
                String g = step.get("g") == null && (step.get("x") != null || step.get("y") != null) ? "north_west"
                        : gravity;
                return cut(img, cw, ch, g, x, y);
            }
            default -> {
                int tw = w != null ? px(w) : px(sw * h / sh);
                int th = h != null ? px(h) : px(sh * w / sw);
                return resize(img, tw, th);
            }
        }
    }

    private static int px(double v) throws DeliveryException {
        long r = Math.max(1, Math.round(v));
        if (r > MAX_SIDE) {
            throw new DeliveryException(400, "Maximum image size exceeded: " + r + " pixels requested, limit " + MAX_SIDE);
        }
        return (int) r;
    }

    private static int offset(String v, int base) {
        if (v == null) {
            return 0;
        }
        try {
            double d = Double.parseDouble(v);
            return (int) Math.round(v.contains(".") && Math.abs(d) <= 1 ? d * base : d);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static double dpr(String v) {
        try {
            return v == null ? 1 : Math.max(0.01, Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return 1; // dpr_auto: the emulator has no client hints
        }
    }

    private static Double aspectRatio(String v) {
        if (v == null) {
            return null;
        }
        try {
            int colon = v.indexOf(':');
            double r = colon > 0 ? Double.parseDouble(v.substring(0, colon)) / Double.parseDouble(v.substring(colon + 1))
                    : Double.parseDouble(v);
            return r > 0 && Double.isFinite(r) ? r : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static BufferedImage resize(BufferedImage img, int w, int h) {
        if (w == img.getWidth() && h == img.getHeight()) {
            return img;
        }
        BufferedImage out = new BufferedImage(w, h, hasAlpha(img) ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(img, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** A {@code w}×{@code h} region placed by gravity, then moved by {@code dx}/{@code dy}, clamped to the image. */
    static BufferedImage cut(BufferedImage img, int w, int h, String gravity, int dx, int dy) {
        int x = clamp(anchor(gravity, img.getWidth() - w, "west", "east") + dx, img.getWidth() - w);
        int y = clamp(anchor(gravity, img.getHeight() - h, "north", "south") + dy, img.getHeight() - h);
        BufferedImage out = new BufferedImage(w, h, hasAlpha(img) ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(img, -x, -y, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static BufferedImage pad(BufferedImage img, int w, int h, String gravity, Color bg) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setColor(bg);
            g.fillRect(0, 0, w, h);
            g.drawImage(img, anchor(gravity, w - img.getWidth(), "west", "east"),
                    anchor(gravity, h - img.getHeight(), "north", "south"), null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Offset along one axis for a gravity: start, end or centre of the free space. */
    private static int anchor(String gravity, int free, String start, String end) {
        String g = gravity.toLowerCase(Locale.ROOT);
        if (g.contains(start)) {
            return 0;
        }
        return g.contains(end) ? free : free / 2;
    }

    private static int clamp(int v, int max) {
        return Math.max(0, Math.min(v, Math.max(0, max)));
    }

    private static Color background(String b, BufferedImage img) {
        if (b == null) {
            return Color.WHITE;
        }
        String v = b.toLowerCase(Locale.ROOT);
        if (v.startsWith("rgb:")) {
            try {
                String hex = v.substring(4);
                if (hex.length() == 3) {
                    hex = "" + hex.charAt(0) + hex.charAt(0) + hex.charAt(1) + hex.charAt(1) + hex.charAt(2) + hex.charAt(2);
                }
                if (hex.length() == 8) {
                    long argb = Long.parseLong(hex.substring(6) + hex.substring(0, 6), 16);
                    return new Color((int) argb, true);
                }
                return new Color(Integer.parseInt(hex, 16));
            } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
                return Color.WHITE;
            }
        }
        return switch (v) {
            case "black" -> Color.BLACK;
            case "transparent" -> new Color(0, 0, 0, 0);
            case "red" -> Color.RED;
            case "green" -> Color.GREEN;
            case "blue" -> Color.BLUE;
            case "gray", "grey" -> Color.GRAY;
            case "yellow" -> Color.YELLOW;
            default -> Color.WHITE;
        };
    }

    private static boolean hasAlpha(BufferedImage img) {
        return img.getColorModel().hasAlpha();
    }

    static byte[] encode(BufferedImage img, String format, String quality) throws IOException {
        BufferedImage out = img;
        if ((format.equals("jpg") || format.equals("bmp")) && hasAlpha(img)
                || format.equals("jpg") && img.getType() != BufferedImage.TYPE_INT_RGB
                        && img.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            // JPEG and BMP have no alpha channel: flatten onto white, as Cloudinary does
            out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = out.createGraphics();
            try {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, img.getWidth(), img.getHeight());
                g.drawImage(img, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        if (!writers.hasNext()) {
            throw new IOException("no ImageIO writer for " + format);
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            Float q = jpegQuality(format, quality);
            if (q != null && param.canWriteCompressed()) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(q);
            }
            writer.write(null, new IIOImage(out, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static Float jpegQuality(String format, String q) {
        if (!format.equals("jpg")) {
            return null;
        }
        if (q == null || q.startsWith("auto")) {
            return 0.8f;
        }
        try {
            int v = Integer.parseInt(q.split(":")[0]);
            return Math.max(1, Math.min(100, v)) / 100f;
        } catch (NumberFormatException e) {
            return 0.8f;
        }
    }
}
