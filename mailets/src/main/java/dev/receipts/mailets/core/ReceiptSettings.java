package dev.receipts.mailets.core;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The validated init parameters shared by the receipts mailets. Read once, in {@code init()}:
 * every problem is an {@link InvalidSettingException} naming the mailet, the parameter, the value
 * and what was expected.
 */
public final class ReceiptSettings {
    public static final String SERVICE_URL = "serviceUrl";
    public static final String TOKEN = "token";
    public static final String SPOOL_DIRECTORY = "spoolDirectory";
    public static final String NODE_NAME = "nodeName";
    public static final String DEFAULT_SPOOL_DIRECTORY = "var/receipts/spool";
    /** Parameters James's mailet container handles itself and passes through. */
    public static final Set<String> CONTAINER_PARAMETERS = Set.of("onMailetException", "onMatchException");
    public static final List<String> COMMON_PARAMETERS = List.of(SERVICE_URL, TOKEN, SPOOL_DIRECTORY, NODE_NAME);

    private final String mailetName;
    private final URI serviceUrl;
    private final String token;
    private final Path spoolDirectory;
    private final String nodeName;

    private ReceiptSettings(String mailetName, URI serviceUrl, String token, Path spoolDirectory, String nodeName) {
        this.mailetName = mailetName;
        this.serviceUrl = serviceUrl;
        this.token = token;
        this.spoolDirectory = spoolDirectory;
        this.nodeName = nodeName;
    }

    /**
     * Validates the common parameters.
     *
     * @param mailetName       used in messages
     * @param parameters       every init parameter James passed, by name
     * @param extraParameters  the mailet's own parameters besides the common ones
     * @param workingDirectory what relative spool directories resolve against
     */
    public static ReceiptSettings parse(String mailetName, Map<String, String> parameters, List<String> extraParameters,
                                        Path workingDirectory) throws InvalidSettingException {
        Set<String> known = new LinkedHashSet<>(COMMON_PARAMETERS);
        known.addAll(extraParameters);
        for (String name : parameters.keySet()) {
            if (!known.contains(name) && !CONTAINER_PARAMETERS.contains(name)) {
                throw new InvalidSettingException(mailetName + ": unknown parameter [" + name + "], expected one of " + known);
            }
        }
        URI serviceUrl = serviceUrl(mailetName, parameters.get(SERVICE_URL));
        String token = token(mailetName, parameters.get(TOKEN));
        Path spoolDirectory = spoolDirectory(mailetName, parameters.get(SPOOL_DIRECTORY), workingDirectory);
        String nodeName = nodeName(mailetName, parameters.get(NODE_NAME));
        return new ReceiptSettings(mailetName, serviceUrl, token, spoolDirectory, nodeName);
    }

    /** The directory James runs in: the {@code working.directory} system property, else the current directory. */
    public static Path defaultWorkingDirectory() {
        String property = System.getProperty("working.directory");
        if (property == null || property.isBlank()) {
            return Paths.get("").toAbsolutePath();
        }
        return Paths.get(property).toAbsolutePath();
    }

    /** A boolean parameter: absent means the default; otherwise exactly {@code true} or {@code false}. */
    public static boolean booleanParameter(String mailetName, Map<String, String> parameters, String name, boolean defaultValue)
        throws InvalidSettingException {
        String value = parameters.get(name);
        if (value == null) {
            return defaultValue;
        }
        String trimmed = value.trim();
        if (trimmed.equals("true")) {
            return true;
        }
        if (trimmed.equals("false")) {
            return false;
        }
        throw new InvalidSettingException(mailetName + ": '" + name + "' must be true or false, got [" + value + "]");
    }

    /**
     * A path parameter: absent means the default; a relative path resolves against
     * {@code workingDirectory}. Returned absolute and normalized.
     *
     * @param what how the message names the expected value, e.g. "a directory path"
     */
    public static Path pathParameter(String mailetName, Map<String, String> parameters, String name, String defaultValue,
                                     String what, Path workingDirectory) throws InvalidSettingException {
        String value = parameters.get(name);
        String raw = value == null ? defaultValue : value.trim();
        String expected = mailetName + ": '" + name + "' must be " + what
            + " (absolute, or relative to working.directory), got [" + value + "]";
        if (raw.isEmpty()) {
            throw new InvalidSettingException(expected);
        }
        try {
            Path path = Paths.get(raw);
            Path resolved = path.isAbsolute() ? path : workingDirectory.resolve(path);
            return resolved.toAbsolutePath().normalize();
        } catch (RuntimeException e) {
            throw new InvalidSettingException(expected, e);
        }
    }

    /**
     * A duration parameter in ISO-8601 ({@code PT15S}, {@code PT5M}, in either case): absent means
     * the default; otherwise it must lie between {@code min} and {@code max}.
     */
    public static Duration durationParameter(String mailetName, Map<String, String> parameters, String name, Duration defaultValue,
                                             Duration min, Duration max) throws InvalidSettingException {
        String value = parameters.get(name);
        if (value == null) {
            return defaultValue;
        }
        String expected = mailetName + ": '" + name + "' must be an ISO-8601 duration from " + min + " to " + max
            + ", such as " + defaultValue + ", got [" + value + "]";
        Duration duration;
        try {
            duration = Duration.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new InvalidSettingException(expected, e);
        }
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw new InvalidSettingException(expected);
        }
        return duration;
    }

    private static URI serviceUrl(String mailetName, String value) throws InvalidSettingException {
        if (value == null || value.isBlank()) {
            throw new InvalidSettingException(mailetName + ": '" + SERVICE_URL
                + "' must be an absolute http(s) URL such as http://127.0.0.1:8080, got [" + Objects.toString(value, "") + "]");
        }
        String trimmed = value.trim();
        InvalidSettingException invalid = new InvalidSettingException(
            mailetName + ": '" + SERVICE_URL + "' must be an absolute http(s) URL, got [" + value + "]");
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null
            || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid;
        }
        String withoutTrailingSlash = trimmed.replaceAll("/+$", "");
        return URI.create(withoutTrailingSlash);
    }

    private static String token(String mailetName, String value) throws InvalidSettingException {
        if (value == null || value.isBlank()) {
            throw new InvalidSettingException(mailetName + ": '" + TOKEN
                + "' must be the non-blank shared ingest token, got [" + Objects.toString(value, "") + "]");
        }
        String trimmed = value.trim();
        if (trimmed.startsWith("${")) {
            throw new InvalidSettingException(mailetName + ": '" + TOKEN + "' is not set: got the unresolved placeholder ["
                + trimmed + "]; set the variable it names in James's environment");
        }
        return trimmed;
    }

    private static Path spoolDirectory(String mailetName, String value, Path workingDirectory) throws InvalidSettingException {
        Map<String, String> parameter = new HashMap<>();
        parameter.put(SPOOL_DIRECTORY, value);
        return pathParameter(mailetName, parameter, SPOOL_DIRECTORY, DEFAULT_SPOOL_DIRECTORY, "a directory path", workingDirectory);
    }

    private static String nodeName(String mailetName, String value) throws InvalidSettingException {
        if (value == null) {
            return localHostName();
        }
        if (value.isBlank()) {
            throw new InvalidSettingException(mailetName + ": '" + NODE_NAME
                + "' must be a non-blank name for this James node (default: the host name), got [" + value + "]");
        }
        return value.trim();
    }

    /** The local host name, else $HOSTNAME, else {@code localhost}: the default {@code nodeName}. */
    public static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            String hostname = System.getenv("HOSTNAME");
            return hostname == null || hostname.isBlank() ? "localhost" : hostname;
        }
    }

    public String mailetName() {
        return mailetName;
    }

    /** The service's base URL, without a trailing slash. */
    public URI serviceUrl() {
        return serviceUrl;
    }

    public String token() {
        return token;
    }

    /** Absolute and normalized. */
    public Path spoolDirectory() {
        return spoolDirectory;
    }

    public String nodeName() {
        return nodeName;
    }

    /** For messages: the parameters that differ, never the token itself. */
    static List<String> differences(URI serviceUrlA, String tokenA, URI serviceUrlB, String tokenB) {
        List<String> differences = new ArrayList<>();
        if (!serviceUrlA.equals(serviceUrlB)) {
            differences.add("serviceUrl [" + serviceUrlA + "] vs [" + serviceUrlB + "]");
        }
        if (!tokenA.equals(tokenB)) {
            differences.add("token (values not shown)");
        }
        return differences;
    }
}
