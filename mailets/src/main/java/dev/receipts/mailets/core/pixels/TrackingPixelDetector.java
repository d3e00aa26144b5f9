package dev.receipts.mailets.core.pixels;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Element;

/**
 * Decides whether an {@code <img>} is a tracking pixel. Only remote images are candidates
 * ({@code http:}, {@code https:} and protocol-relative {@code //host} sources): {@code cid:},
 * {@code data:} and relative sources cannot tell anyone the message was opened.
 *
 * <p>A remote image is a tracking pixel when any of these holds, checked in this order:
 * <ol>
 * <li>its URL contains a recipient's address, case-insensitively, as is or URL-encoded
 *     ({@code %40}), or as the Base64 (standard or URL-safe, with or without padding) of the address;</li>
 * <li>its host, and path if the entry has one, is on the {@link TrackerHosts} list;</li>
 * <li>its path is a well-known open endpoint served from branded domains: {@code /wf/open} with
 *     a {@code upn=} query (SendGrid), {@code /track/open.php} (Mailchimp) or {@code /open.aspx}
 *     (Salesforce Marketing Cloud);</li>
 * <li>it is tiny: a width or height of 0, or both at most 1 pixel, or one at most 1 and the
 *     other not given (HTML attributes or inline CSS, {@code 1}, {@code 1px}, {@code 0});</li>
 * <li>it is hidden and declares no width or height above 1 px: on the image,
 *     {@code display:none}, {@code visibility:hidden}, {@code opacity:0}, a {@code max-width} or
 *     {@code max-height} of 0, or the {@code hidden} attribute; on an ancestor, the same except
 *     that a zero size only counts together with {@code overflow:hidden}. A sized image hidden by
 *     inline CSS is most often the mobile or desktop variant that a media query reveals;</li>
 * <li>an opaque token, the conservative last resort: the image declares no width and no height,
 *     the last path segment has no image file extension, and a path segment or query value is at
 *     least 32 characters of letters, digits, {@code -}, {@code _}, {@code =} or {@code .} mixing
 *     letters and digits (Mailgun's {@code /o/…}, most custom open endpoints). A 600×80 logo or an
 *     unsized {@code …/logo.png} from a CDN is never caught by this rule.</li>
 * </ol>
 */
public final class TrackingPixelDetector {
    private static final Pattern IMAGE_EXTENSION = Pattern.compile("(?i).*\\.(png|jpe?g|gif|webp|svg|bmp|ico|avif|tiff?)$");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_=.-]{32,}");
    private static final Pattern LENGTH = Pattern.compile("\\s*([0-9]*\\.?[0-9]+)\\s*(px)?\\s*(!important)?\\s*", Pattern.CASE_INSENSITIVE);
    private static final Pattern ZERO = Pattern.compile("\\s*[0.]+\\s*(px|em|rem|%|pt|vh|vw)?\\s*(!important)?\\s*", Pattern.CASE_INSENSITIVE);

    private final TrackerHosts trackerHosts;
    private final Set<String> addressForms;

    /**
     * @param trackerHosts the tracker list
     * @param recipients   the addresses whose presence in an image URL makes it a per-recipient tracker
     */
    public TrackingPixelDetector(TrackerHosts trackerHosts, Collection<String> recipients) {
        this.trackerHosts = trackerHosts;
        this.addressForms = addressForms(recipients);
    }

    /** A tracking pixel found: the reason and the URL it would have loaded. */
    public static final class Finding {
        private final PixelReason reason;
        private final String url;

        Finding(PixelReason reason, String url) {
            this.reason = reason;
            this.url = url;
        }

        public PixelReason reason() {
            return reason;
        }

        public String url() {
            return url;
        }

        @Override
        public String toString() {
            return reason + " " + url;
        }
    }

    /** Whether this image is a tracking pixel, and why. */
    public Optional<Finding> detect(Element img) {
        String src = img.attr("src").trim();
        Optional<URI> remote = remote(src);
        if (remote.isEmpty()) {
            return Optional.empty();
        }
        URI uri = remote.get();
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();

        if (containsRecipient(src)) {
            return found(PixelReason.RECIPIENT_ADDRESS, src);
        }
        if (trackerHosts.match(host, path).isPresent()) {
            return found(PixelReason.TRACKER_HOST, src);
        }
        if (isOpenEndpoint(path, query)) {
            return found(PixelReason.TRACKER_PATH, src);
        }
        Dimensions dimensions = Dimensions.of(img);
        if (dimensions.tiny()) {
            return found(PixelReason.TINY, src);
        }
        if (!dimensions.sized() && hidden(img)) {
            return found(PixelReason.HIDDEN, src);
        }
        if (dimensions.undeclared() && !IMAGE_EXTENSION.matcher(lastSegment(path)).matches() && hasOpaqueToken(path, query)) {
            return found(PixelReason.OPAQUE_TOKEN, src);
        }
        return Optional.empty();
    }

    /** The URL of a remote image source, or empty for {@code cid:}, {@code data:}, relative and unparseable sources. */
    static Optional<URI> remote(String src) {
        String lower = src.toLowerCase(Locale.ROOT);
        String absolute;
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            absolute = src;
        } else if (lower.startsWith("//")) {
            absolute = "https:" + src;
        } else {
            return Optional.empty();
        }
        URI uri = parseLeniently(absolute);
        if (uri == null || uri.getHost() == null) {
            return Optional.empty();
        }
        return Optional.of(uri);
    }

    private static URI parseLeniently(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            String escaped = url.replace(" ", "%20").replace("|", "%7C").replace("{", "%7B").replace("}", "%7D")
                .replace("^", "%5E").replace("`", "%60").replace("\"", "%22").replace("<", "%3C").replace(">", "%3E");
            int hash = escaped.indexOf('#');
            if (hash >= 0) {
                escaped = escaped.substring(0, hash + 1) + escaped.substring(hash + 1).replace("#", "%23");
            }
            try {
                return new URI(escaped);
            } catch (URISyntaxException again) {
                return null;
            }
        }
    }

    private static Optional<Finding> found(PixelReason reason, String url) {
        return Optional.of(new Finding(reason, url));
    }

    private boolean containsRecipient(String src) {
        String lower = src.toLowerCase(Locale.ROOT);
        for (String form : addressForms) {
            if (lower.contains(form) || src.contains(form)) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> addressForms(Collection<String> recipients) {
        Set<String> forms = new LinkedHashSet<>();
        for (String recipient : recipients) {
            if (recipient == null || recipient.indexOf('@') <= 0) {
                continue;
            }
            String address = recipient.trim().toLowerCase(Locale.ROOT);
            forms.add(address);
            forms.add(address.replace("@", "%40"));
            forms.add(address.replace("+", "%2b").replace("@", "%40"));
            byte[] bytes = address.getBytes(StandardCharsets.UTF_8);
            String standard = Base64.getEncoder().encodeToString(bytes);
            String urlSafe = Base64.getUrlEncoder().encodeToString(bytes);
            forms.add(standard);
            forms.add(urlSafe);
            forms.add(standard.replaceAll("=+$", ""));
            forms.add(urlSafe.replaceAll("=+$", ""));
        }
        return forms;
    }

    private static boolean isOpenEndpoint(String path, String query) {
        String lowerPath = path.toLowerCase(Locale.ROOT);
        if (lowerPath.startsWith("/wf/open") && (query.startsWith("upn=") || query.contains("&upn="))) {
            return true;
        }
        return lowerPath.endsWith("/track/open.php") || lowerPath.endsWith("/open.aspx");
    }

    private static String lastSegment(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    private static boolean hasOpaqueToken(String path, String query) {
        List<String> pieces = new ArrayList<>(List.of(path.split("/")));
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            pieces.add(equals < 0 ? pair : pair.substring(equals + 1));
        }
        for (String piece : pieces) {
            Matcher matcher = TOKEN.matcher(piece);
            while (matcher.find()) {
                String token = matcher.group();
                if (token.chars().anyMatch(Character::isDigit) && token.chars().anyMatch(Character::isLetter)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hidden(Element img) {
        if (img.hasAttr("hidden") || hiddenByStyle(Css.of(img.attr("style")), true)) {
            return true;
        }
        for (Element ancestor : img.parents()) {
            if (ancestor.hasAttr("hidden") || hiddenByStyle(Css.of(ancestor.attr("style")), false)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hiddenByStyle(Css css, boolean self) {
        if (css.is("display", "none") || css.is("visibility", "hidden") || css.isZero("opacity")) {
            return true;
        }
        boolean zeroSize = css.isZero("width") || css.isZero("height") || css.isZero("max-width") || css.isZero("max-height");
        return zeroSize && (self || css.is("overflow", "hidden"));
    }

    /** Width and height from the attributes, overridden by inline CSS, in pixels when known. */
    private static final class Dimensions {
        private final OptionalDouble width;
        private final OptionalDouble height;

        private Dimensions(OptionalDouble width, OptionalDouble height) {
            this.width = width;
            this.height = height;
        }

        static Dimensions of(Element img) {
            Css css = Css.of(img.attr("style"));
            return new Dimensions(size(css.get("width"), img.attr("width")), size(css.get("height"), img.attr("height")));
        }

        private static OptionalDouble size(String fromCss, String fromAttribute) {
            OptionalDouble css = pixels(fromCss);
            return css.isPresent() ? css : pixels(fromAttribute);
        }

        private static OptionalDouble pixels(String value) {
            if (value == null || value.isBlank()) {
                return OptionalDouble.empty();
            }
            if (ZERO.matcher(value).matches()) {
                return OptionalDouble.of(0);
            }
            Matcher matcher = LENGTH.matcher(value);
            return matcher.matches() ? OptionalDouble.of(Double.parseDouble(matcher.group(1))) : OptionalDouble.empty();
        }

        boolean tiny() {
            if (isZero(width) || isZero(height)) {
                return true;
            }
            boolean tinyWidth = atMostOne(width);
            boolean tinyHeight = atMostOne(height);
            return (tinyWidth && tinyHeight) || (tinyWidth && height.isEmpty()) || (tinyHeight && width.isEmpty());
        }

        /** Declares a width or height above 1 px: hidden, it is a mobile or desktop variant a media query reveals. */
        boolean sized() {
            return (width.isPresent() && width.getAsDouble() > 1) || (height.isPresent() && height.getAsDouble() > 1);
        }

        boolean undeclared() {
            return width.isEmpty() && height.isEmpty();
        }

        private static boolean isZero(OptionalDouble value) {
            return value.isPresent() && value.getAsDouble() == 0;
        }

        private static boolean atMostOne(OptionalDouble value) {
            return value.isPresent() && value.getAsDouble() <= 1;
        }
    }

    /** The declarations of an inline {@code style} attribute, property names in lower case. */
    private static final class Css {
        private final java.util.Map<String, String> declarations;

        private Css(java.util.Map<String, String> declarations) {
            this.declarations = declarations;
        }

        static Css of(String style) {
            java.util.Map<String, String> declarations = new java.util.HashMap<>();
            if (style != null) {
                for (String declaration : style.split(";")) {
                    int colon = declaration.indexOf(':');
                    if (colon > 0) {
                        String property = declaration.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                        String value = declaration.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
                        declarations.put(property, value);
                    }
                }
            }
            return new Css(declarations);
        }

        String get(String property) {
            return declarations.get(property);
        }

        boolean is(String property, String expected) {
            String value = declarations.get(property);
            return value != null && value.replace("!important", "").trim().equals(expected);
        }

        boolean isZero(String property) {
            String value = declarations.get(property);
            return value != null && ZERO.matcher(value).matches();
        }
    }
}
