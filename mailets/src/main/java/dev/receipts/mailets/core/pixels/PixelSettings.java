package dev.receipts.mailets.core.pixels;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.receipts.mailets.core.InvalidSettingException;
import dev.receipts.mailets.core.ReceiptSettings;

/**
 * The validated init parameters of {@code NeutralizeTrackingPixels}: {@code mode},
 * {@code trackerHosts}, {@code defaultTrackerHosts} and {@code maxHtmlBytes}.
 */
public final class PixelSettings {
    public static final String MODE = "mode";
    public static final String TRACKER_HOSTS = "trackerHosts";
    public static final String DEFAULT_TRACKER_HOSTS = "defaultTrackerHosts";
    public static final String MAX_HTML_BYTES = "maxHtmlBytes";
    public static final List<String> PARAMETERS = List.of(MODE, TRACKER_HOSTS, DEFAULT_TRACKER_HOSTS, MAX_HTML_BYTES);
    public static final int DEFAULT_MAX_HTML_BYTES = 2 * 1024 * 1024;

    private final Mode mode;
    private final TrackerHosts trackerHosts;
    private final int maxHtmlBytes;

    public PixelSettings(Mode mode, TrackerHosts trackerHosts, int maxHtmlBytes) {
        this.mode = mode;
        this.trackerHosts = trackerHosts;
        this.maxHtmlBytes = maxHtmlBytes;
    }

    /** Validates every parameter James passed; unknown ones are refused. */
    public static PixelSettings parse(String mailetName, Map<String, String> parameters) throws InvalidSettingException {
        for (String name : parameters.keySet()) {
            if (!PARAMETERS.contains(name) && !ReceiptSettings.CONTAINER_PARAMETERS.contains(name)) {
                throw new InvalidSettingException(mailetName + ": unknown parameter [" + name + "], expected one of " + PARAMETERS);
            }
        }
        Mode mode = mode(mailetName, parameters.get(MODE));
        boolean withDefaults = ReceiptSettings.booleanParameter(mailetName, parameters, DEFAULT_TRACKER_HOSTS, true);
        TrackerHosts configured = trackerHosts(mailetName, parameters.get(TRACKER_HOSTS));
        TrackerHosts hosts = withDefaults ? TrackerHosts.defaults().plus(configured) : configured;
        int maxHtmlBytes = maxHtmlBytes(mailetName, parameters.get(MAX_HTML_BYTES));
        return new PixelSettings(mode, hosts, maxHtmlBytes);
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
        throw new InvalidSettingException(mailetName + ": '" + MODE + "' must be neutralize or flag, got [" + value + "]");
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

    public TrackerHosts trackerHosts() {
        return trackerHosts;
    }

    /** HTML parts whose decoded content is larger are left alone. */
    public int maxHtmlBytes() {
        return maxHtmlBytes;
    }
}
