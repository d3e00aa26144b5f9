package dev.receipts.mailets.core.pixels;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Hosts (and optionally path prefixes) that serve open-tracking images. An entry {@code host}
 * matches that host and every sub-domain of it; {@code host/path} matches only URLs whose path
 * starts with {@code /path}, for services that also host real images on the same domain.
 */
public final class TrackerHosts {
    /**
     * The built-in list, written from what these services publicly document or visibly send. Many
     * services open-track on the customer's own branded domain; the path and opaque-token rules of
     * {@link TrackingPixelDetector} catch those.
     */
    public static final List<String> DEFAULT_ENTRIES = List.of(
        // Mailchimp and Mandrill: open pixels under /track/open.php (real images live on mcusercontent.com).
        "list-manage.com/track/open",
        "mandrillapp.com/track/open",
        // SendGrid (Twilio): /wf/open?upn=… on its own domains.
        "sendgrid.net/wf/open",
        "sendgrid.com/wf/open",
        // HubSpot marketing and Sales (formerly Sidekick) open tracking. Only t.hubspotemail.net and the
        // /e1t, /e2t, /e3t tracking paths: HubSpot serves the mails' real images (logos, heroes, social
        // icons) from hs-<portal>.f.hubspotemail.net/hub/… and /hs/hsstatic/….
        "t.hubspotemail.net",
        "hubspotemail.net/e1t",
        "hubspotemail.net/e2t",
        "hubspotemail.net/e3t",
        "hubspotlinks.com",
        "t.signaux.com",
        "t.senal.com",
        "track.hubspot.com",
        // Salesforce Marketing Cloud (ExactTarget): open.aspx (images live on image.*.exct.net).
        "exct.net/open.aspx",
        // Amazon SES open and click tracking.
        "awstrack.me",
        // Sales tools and personal trackers.
        "yesware.com",
        "track.mixmax.com",
        "email-tracking.mixmax.com",
        "mailtrack.io",
        "mailfoogae.appspot.com",
        "r.superhuman.com",
        "bl-1.com",
        "getnotify.com",
        "polymail.io",
        "link.getmailspring.com/open",
        "emltrk.com",
        "contactmonkey.com",
        // Other ESPs: Campaign Monitor, Constant Contact, Mailjet, SparkPost, Customer.io.
        "cmail19.com",
        "cmail20.com",
        "rs6.net/on.jsp",
        "mjt.lu/oo",
        "spgo.io",
        "sparkpostmail.com/q",
        "track.customer.io/e/o");

    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");
    private static final Pattern PATH = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@/%-]*");

    private final List<Entry> entries;

    private TrackerHosts(List<Entry> entries) {
        this.entries = Collections.unmodifiableList(entries);
    }

    /** The built-in list. */
    public static TrackerHosts defaults() {
        return of(DEFAULT_ENTRIES);
    }

    /**
     * Parses entries such as {@code t.example.com} or {@code example.com/open}.
     *
     * @throws IllegalArgumentException naming the first entry that is not a host name with at least
     *                                  one dot, optionally followed by a path
     */
    public static TrackerHosts of(List<String> raw) {
        List<Entry> entries = new ArrayList<>();
        for (String value : raw) {
            entries.add(Entry.parse(value));
        }
        return new TrackerHosts(entries);
    }

    /** These entries and then the other's. */
    public TrackerHosts plus(TrackerHosts other) {
        List<Entry> all = new ArrayList<>(entries);
        all.addAll(other.entries);
        return new TrackerHosts(all);
    }

    /** The entry matching this host and path, if any, as written ({@code host} or {@code host/path}). */
    public java.util.Optional<String> match(String host, String path) {
        String lowerHost = host.toLowerCase(Locale.ROOT);
        String safePath = path == null || path.isEmpty() ? "/" : path;
        for (Entry entry : entries) {
            if (entry.matches(lowerHost, safePath)) {
                return java.util.Optional.of(entry.toString());
            }
        }
        return java.util.Optional.empty();
    }

    public int size() {
        return entries.size();
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    private static final class Entry {
        private final String host;
        private final String pathPrefix;

        private Entry(String host, String pathPrefix) {
            this.host = host;
            this.pathPrefix = pathPrefix;
        }

        static Entry parse(String value) {
            String trimmed = value == null ? "" : value.trim();
            int slash = trimmed.indexOf('/');
            String host = (slash < 0 ? trimmed : trimmed.substring(0, slash)).toLowerCase(Locale.ROOT);
            String path = slash < 0 ? "" : trimmed.substring(slash);
            if (!HOST.matcher(host).matches() || (!path.isEmpty() && !PATH.matcher(path).matches())) {
                throw new IllegalArgumentException("[" + value + "] is not a host name (with at least one dot), optionally followed by /path");
            }
            return new Entry(host, path);
        }

        boolean matches(String candidateHost, String candidatePath) {
            boolean hostMatches = candidateHost.equals(host) || candidateHost.endsWith("." + host);
            return hostMatches && candidatePath.startsWith(pathPrefix);
        }

        @Override
        public String toString() {
            return host + pathPrefix;
        }
    }
}
