package dev.receipts.mailets.core.pixels;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.receipts.mailets.core.InvalidSettingException;
import dev.receipts.mailets.core.ReceiptSettings;

/**
 * The validated init parameters of {@code NeutralizeTrackingPixels}: {@code mode},
 * {@code direction}, {@code trackerHosts}, {@code defaultTrackerHosts} and {@code maxHtmlBytes},
 * and, optionally, the receipts mailets' {@code serviceUrl}, {@code token}, {@code spoolDirectory}
 * and {@code nodeName} (read by {@link ReceiptSettings}) when the counts go to the receipt service.
 */
public final class PixelSettings {
    public static final String MODE = "mode";
    public static final String DIRECTION = "direction";
    public static final String TRACKER_HOSTS = "trackerHosts";
    public static final String DEFAULT_TRACKER_HOSTS = "defaultTrackerHosts";
    public static final String MAX_HTML_BYTES = "maxHtmlBytes";
    /** The mailet's own parameters; the common {@link ReceiptSettings#COMMON_PARAMETERS} are accepted too. */
    public static final List<String> PARAMETERS = List.of(MODE, DIRECTION, TRACKER_HOSTS, DEFAULT_TRACKER_HOSTS, MAX_HTML_BYTES);
    public static final int DEFAULT_MAX_HTML_BYTES = 2 * 1024 * 1024;

    private final Mode mode;
    private final Direction direction;
    private final TrackerHosts trackerHosts;
    private final int maxHtmlBytes;
    private final ReceiptSettings service;

    public PixelSettings(Mode mode, Direction direction, TrackerHosts trackerHosts, int maxHtmlBytes, ReceiptSettings service) {
        this.mode = mode;
        this.direction = direction;
        this.trackerHosts = trackerHosts;
        this.maxHtmlBytes = maxHtmlBytes;
        this.service = service;
    }

    /** As {@link #parse(String, Map, Path)}, relative spool directories resolving against James's working directory. */
    public static PixelSettings parse(String mailetName, Map<String, String> parameters) throws InvalidSettingException {
        return parse(mailetName, parameters, ReceiptSettings.defaultWorkingDirectory());
    }

    /**
     * Validates every parameter James passed; unknown ones are refused. The service parameters are
     * all or nothing: {@code serviceUrl} and {@code token} together, {@code spoolDirectory} and
     * {@code nodeName} only with them.
     */
    public static PixelSettings parse(String mailetName, Map<String, String> parameters, Path workingDirectory)
        throws InvalidSettingException {
        Set<String> known = new LinkedHashSet<>(PARAMETERS);
        known.addAll(ReceiptSettings.COMMON_PARAMETERS);
        for (String name : parameters.keySet()) {
            if (!known.contains(name) && !ReceiptSettings.CONTAINER_PARAMETERS.contains(name)) {
                throw new InvalidSettingException(mailetName + ": unknown parameter [" + name + "], expected one of " + known);
            }
        }
        ReceiptSettings service = service(mailetName, parameters, workingDirectory);
        Mode mode = mode(mailetName, parameters.get(MODE));
        Direction direction = direction(mailetName, parameters.get(DIRECTION));
        boolean withDefaults = ReceiptSettings.booleanParameter(mailetName, parameters, DEFAULT_TRACKER_HOSTS, true);
        TrackerHosts configured = trackerHosts(mailetName, parameters.get(TRACKER_HOSTS));
        TrackerHosts hosts = withDefaults ? TrackerHosts.defaults().plus(configured) : configured;
        int maxHtmlBytes = maxHtmlBytes(mailetName, parameters.get(MAX_HTML_BYTES));
        return new PixelSettings(mode, direction, hosts, maxHtmlBytes, service);
    }

    /** The receipt service settings, or null when no service parameter is given. */
    private static ReceiptSettings service(String mailetName, Map<String, String> parameters, Path workingDirectory)
        throws InvalidSettingException {
        List<String> given = new ArrayList<>();
        for (String name : ReceiptSettings.COMMON_PARAMETERS) {
            if (parameters.containsKey(name)) {
                given.add(name);
            }
        }
        if (given.isEmpty()) {
            return null;
        }
        for (String required : List.of(ReceiptSettings.SERVICE_URL, ReceiptSettings.TOKEN)) {
            if (!parameters.containsKey(required)) {
                throw new InvalidSettingException(mailetName + ": '" + required + "' is required when " + given
                    + (given.size() == 1 ? " is" : " are") + " given: the counts go to the receipt service with "
                    + ReceiptSettings.SERVICE_URL + " and " + ReceiptSettings.TOKEN + "; leave out all of "
                    + ReceiptSettings.COMMON_PARAMETERS + " to send none");
            }
        }
        return ReceiptSettings.parse(mailetName, parameters, PARAMETERS, workingDirectory);
    }

    private static Mode mode(String mailetName, String value) throws InvalidSettingException {
        if (value == null) {
            return Mode.NEUTRALIZE;
        }
        for (Mode mode : Mode.values()) {
            if (mode.parameterValue().equals(value.trim())) {
                return mode;
            }
        }
        throw new InvalidSettingException(mailetName + ": '" + MODE + "' must be neutralize, flag or strip, got [" + value + "]");
    }

    private static Direction direction(String mailetName, String value) throws InvalidSettingException {
        if (value == null) {
            return Direction.INCOMING;
        }
        for (Direction direction : Direction.values()) {
            if (direction.parameterValue().equals(value.trim())) {
                return direction;
            }
        }
        throw new InvalidSettingException(mailetName + ": '" + DIRECTION + "' must be incoming or outgoing, got [" + value + "]");
    }

    private static TrackerHosts trackerHosts(String mailetName, String value) throws InvalidSettingException {
        List<String> entries = new ArrayList<>();
        if (value != null) {
            for (String entry : value.split("[,\\s]+")) {
                if (!entry.isEmpty()) {
                    entries.add(entry);
                }
            }
        }
        try {
            return TrackerHosts.of(entries);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(mailetName + ": '" + TRACKER_HOSTS
                + "' must be a comma-separated list of host names, each optionally followed by /path, got [" + value
                + "]: " + e.getMessage());
        }
    }

    private static int maxHtmlBytes(String mailetName, String value) throws InvalidSettingException {
        if (value == null) {
            return DEFAULT_MAX_HTML_BYTES;
        }
        InvalidSettingException invalid = new InvalidSettingException(mailetName + ": '" + MAX_HTML_BYTES
            + "' must be a whole number of bytes between 1024 and 104857600, got [" + value + "]");
        try {
            long bytes = Long.parseLong(value.trim());
            if (bytes < 1024 || bytes > 100L * 1024 * 1024) {
                throw invalid;
            }
            return (int) bytes;
        } catch (NumberFormatException e) {
            throw invalid;
        }
    }

    public Mode mode() {
        return mode;
    }

    public Direction direction() {
        return direction;
    }

    /** Where the counts go: empty when no {@code serviceUrl} was given, and no event is sent. */
    public Optional<ReceiptSettings> service() {
        return Optional.ofNullable(service);
    }

    public TrackerHosts trackerHosts() {
        return trackerHosts;
    }

    /** HTML parts whose decoded content is larger are left alone. */
    public int maxHtmlBytes() {
        return maxHtmlBytes;
    }
}
