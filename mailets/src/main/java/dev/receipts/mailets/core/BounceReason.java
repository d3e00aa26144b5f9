package dev.receipts.mailets.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a message was not delivered, in a taxonomy at least as fine as Sisimai's: the words a bounce
 * or a DSN's diagnostic uses, its enhanced status code (RFC 3463) and its SMTP reply code, reduced to
 * one of a fixed set of reasons ({@code userunknown}, {@code mailboxfull}, {@code hostunknown}, …).
 *
 * <p>This reads prose and is heuristic by nature. The wording is tried first, in an order that puts
 * the specific before the general (a "mailbox full" answer that comes with a {@code 5.1.1} code is
 * full, not unknown); then the status code; then the reply code. Nothing matched is {@link #UNDEFINED}.
 */
public enum BounceReason {
    /** Delivered: the report is a success (action delivered, relayed or expanded, or a 2.x.x status). */
    DELIVERED,
    /** The report says the message is only delayed. */
    DELAYED,
    /** The recipient's mailbox does not exist. */
    USERUNKNOWN,
    /** The recipient's mailbox is full or over its quota. */
    MAILBOXFULL,
    /** The recipient's domain or host does not exist or has no mail server. */
    HOSTUNKNOWN,
    /** The recipient's mailbox is disabled, suspended or inactive. */
    SUSPEND,
    /** The recipient moved away, no forwarding address. */
    HASMOVED,
    /** The recipient's domain or host accepts no mail (null MX, "does not accept mail"). */
    NOTACCEPT,
    /** The message is too big. */
    MESGTOOBIG,
    /** A limit other than size was exceeded (recipients, message rate of the mailbox). */
    EXCEEDLIMIT,
    /** The sending host sent too fast (rate limiting, greylisting by volume). */
    SPEEDING,
    /** Too many connections or sessions from the sending host. */
    TOOMANYCONN,
    /** The message was refused as spam. */
    SPAMDETECTED,
    /** The message carries a virus or malware. */
    VIRUSDETECTED,
    /** The sending host or its address is on a block list, or blocked by the receiver. */
    BLOCKED,
    /** The sending host has no valid reverse DNS (PTR) name. */
    REQUIREPTR,
    /** The sender failed SPF, DKIM or DMARC checks. */
    AUTHFAILURE,
    /** The sending host or domain has a bad reputation with the receiver. */
    BADREPUTATION,
    /** The receiver refused to relay for the sender. */
    NORELAYING,
    /** The sender's address or domain was refused. */
    REJECTED,
    /** The recipient's filter, or the receiver's, refused the message. */
    FILTERED,
    /** A security requirement was not met (authorisation, TLS, encryption). */
    SECURITYERROR,
    /** A site policy forbade the message. */
    POLICYVIOLATION,
    /** The content or its MIME structure was refused. */
    CONTENTERROR,
    /** The message does not comply with RFC 5322 / RFC 5321. */
    NOTCOMPLIANTRFC,
    /** A mail protocol syntax error. */
    SYNTAXERROR,
    /** The receiving system failed (configuration, disk, internal error). */
    SYSTEMERROR,
    /** A local delivery program (pipe, mailer) failed. */
    MAILERERROR,
    /** No connection could be made or kept: timeouts, refused connections, routing loops. */
    NETWORKERROR,
    /** The message was not delivered in time and was given up. */
    EXPIRED,
    /** The message is held by the receiver. */
    ONHOLD,
    /** No known reason could be read. */
    UNDEFINED;

    private static final Pattern ENHANCED_CODE = Pattern.compile("(?<![\\w.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.]*\\d)");
    private static final Pattern REPLY_CODE = Pattern.compile("(?<![\\w.])([245]\\d\\d)(?![\\d.])");

    private static final List<Rule> RULES = new ArrayList<>();

    static {
        rule(EXPIRED, "expired|retry time(out)? (exceeded|not reached)|too many retries|could not be delivered (with|for|in) \\d+|"
            + "cannot send message for \\d+|unable to deliver in \\d+|giving up on .*after|delivery time ?out|message timed out|"
            + "have been retrying|(in|on) the queue too long|queue too long|no (successful )?delivery (attempt )?(within|after)|delivery period expired|message has been queued too long");
        rule(MESGTOOBIG, "message (size )?(is )?too (big|large)|(size|length) (of (the )?message )?exceeds|message (size )?exceeds|"
            + "exceeds (the )?(maximum )?(allowed |permitted )?(message )?size|maximum message size|size limit exceeded|"
            + "message length exceeds");
        rule(MAILBOXFULL, "mailbox (is |was )?full|mailbox full|over ?quota|quota (has been |was |is )?exceeded|exceeded (its |the )?(storage|quota)|"
            + "disk quota|insufficient (disk |system )?(space|storage)|not enough (disk )?(space|storage)|mailbox size limit|"
            + "storage (allocation|limit)|mail ?box (is )?over|user'?s? (mail)?box is full|full mailbox|exceeds? (the )?(user'?s?|mailbox) quota|"
            + "boite (pleine|mail pleine)|postfach voll");
        rule(EXCEEDLIMIT, "too many recipients|recipient limit|exceeded? .*limit|limit exceeded");
        rule(SUSPEND, "account (has been |is |was )?(disabled|suspended|inactive|deactivated|locked|blocked|frozen|closed|expired)|"
            + "(mailbox|recipient|address|user) (has been |is |was )?(disabled|suspended|inactive|deactivated)|"
            + "disabled (recipient|account|mailbox|user)|inactive (account|mailbox|user)|suspended (account|mailbox|user)|"
            + "account disabled|temporarily suspended|no longer (active|in use)");
        rule(HASMOVED, "has moved|address (has )?changed|no longer (with|at|employed)|moved to");
        rule(REJECTED, "sender (address )?(rejected|refused|denied|blocked|not allowed|invalid|unknown)|"
            + "(from|sender'?s?) address (rejected|refused|invalid|not accepted)|domain of sender|sender domain|"
            + "sender verify failed|envelope sender|(not|no) (have )?permission to post|not allowed to post|"
            + "mail from .* rejected|(your|the) (e-?mail )?address .* (rejected|refused)|"
            + "return address|undeliverable sender|send(ing)? (e-?mail )?to yourself|no access from|open relay|"
            + "please use the smtp server of your isp");
        rule(NOTACCEPT, "does not accept (e-?)?mail|no smtp service|indicated no smtp|accepts no mail|not accepting (any )?(e-?)?mail|null mx|no mail (is )?accepted");
        rule(HOSTUNKNOWN, "host unknown|unknown host|host not found|domain (name )?(does not|doesn'?t) exist|domain (is )?not found|"
            + "(no such|unknown|invalid|non-?existent|unrouteable|unroutable) (mail )?domain|name service error|"
            + "(couldn'?t|could not|cannot|unable to) find (any host|a mail exchanger)|no mx|mx (record )?not found|nxdomain|"
            + "bad destination system|domain (is )?invalid|host or domain name not found|name or service not known|"
            + "dns (lookup|error|failure)|domain not (found|exist)|no valid hosts?");
        rule(NORELAYING, "relay(ing)? (access )?(denied|not permitted|not allowed|prohibited|refused)|no relaying|"
            + "(not permitted|not allowed|unable|refused|cannot|can'?t) (to )?relay|relay not permitted|we do not relay|not a gateway");
        rule(REQUIREPTR, "reverse dns|reverse lookup|ptr record|no ptr|rdns|reverse (name|host)|no reverse|ip name lookup|"
            + "hostname (does not|doesn'?t) match|(cannot|could not|unable to) resolve (your|the sender'?s?) (ip|host)");
        rule(AUTHFAILURE, "dmarc|\\bspf\\b|dkim|authentication checks? failed|sender authentication|unauthenticated (e-?)?mail|"
            + "not pass(ing)? .*(verification|authentication)|sender policy framework");
        rule(BADREPUTATION, "reputation|low sender score|sender score");
        rule(VIRUSDETECTED, "virus|malware|infected|trojan|worm detected");
        rule(SPAMDETECTED, "\\bspam\\b|spam (detected|content|score)|junk (e-?)?mail|bulk (e-?)?mail|unsolicited|classified as (junk|bulk)|content (scan|filter) rejected|"
            + "phishing|scam");
        rule(BLOCKED, "black ?list|block ?list|dnsbl|\\brbl\\b|spamhaus|spamcop|sorbs|barracuda|banned|"
            + "(ip|ip address|your host|sending host|client|connection|network) (has been |is |was )?(blocked|blacklisted|listed|refused|denied)|"
            + "blocked (by|for|using|because|due)|listed (in|on|at)|client host rejected|access denied.*\\bip\\b|"
            + "not accepting (messages|connections) from|poor reputation|your (ip|server|host|network)|"
            + "(refused|rejected) (to|by) (talk|connect)|connection (rejected|refused) by policy|dynamic ip|dial-?up|residential");
        rule(TOOMANYCONN, "too many (connections|sessions|concurrent)|connection limit|concurrent (connections|sessions)");
        rule(SPEEDING, "rate limit|rate-limit|too many (messages|mails|emails)|sending rate|(temporarily )?deferred due to (unexpected )?volume|"
            + "(message|mail) rate|throttl|too fast|try (again )?later.*(volume|rate)");
        rule(SECURITYERROR, "not authori[sz]ed|unauthori[sz]ed|authentication (required|failed)|\\btls\\b|ssl|encryption|"
            + "security|certificate|starttls|must (first )?(issue|use) (a |the )?(auth|starttls)|permission denied");
        rule(USERUNKNOWN, "(user|recipient|mailbox|account|address|addressee|local[- ]?part|alias|name) (is )?(unknown|not found|not exist|"
            + "does not exist|doesn'?t exist|not known|not listed|invalid|unavailable|not valid)|"
            + "unknown (or illegal )?(user|recipient|mailbox|account|address|addressee|local[- ]?part|alias)|"
            + "no such (user|recipient|mailbox|account|address|person|local user|alias)|"
            + "invalid (\\w+ ){0,2}(recipient|mailbox|address|user|userid|user id|account)|"
            + "(recipient|address) rejected|not listed in|unrouteable address|illegal user|no mailbox|mailbox not (found|available)|"
            + "does not have an? .*account|doesn'?t have an? .*account|account does not exist|not a valid (mailbox|recipient|user)|"
            + "bad (destination )?(mailbox )?address|recipient not found|user not found|no account|address (is )?not valid|"
            + "invalid address|no such|user doesn'?t|is not a known user|unknown recipient|mailbox unavailable|"
            + "destinataire inconnu|unbekannt");
        rule(FILTERED, "filter|refused by (the )?recipient|rejected by (the )?recipient|recipient (has )?(refused|rejected|blocked)|"
            + "not (accepted|allowed) by (the )?recipient|domain filter|content filter");
        rule(CONTENTERROR, "media error|header error|content error|illegal attachment|attachment (not allowed|type|blocked)|"
            + "mime (error|structure)|invalid (mime|content|header)|message (content|body) (rejected|error)|8-?bit");
        rule(NOTCOMPLIANTRFC, "rfc ?(2)?822|rfc ?5322|rfc ?5321|not (rfc )?compliant|duplicate header|bare lf|line too long");
        rule(POLICYVIOLATION, "polic(y|ies)|not allowed|prohibited|forbidden|violat");
        rule(ONHOLD, "on hold|held for|quarantin");
        rule(SYNTAXERROR, "syntax error|command unrecognized|unrecognized command|bad command|command not (recognized|implemented)|"
            + "bad sequence|invalid command|protocol error");
        rule(MAILERERROR, "mailer error|command output|pipe to|program (failed|exited)|exit (code|status)|command died");
        rule(NETWORKERROR, "timed? ?out|time-?out|(couldn'?t|could not|unable to|cannot|can'?t|failed to) (establish|connect|open)|"
            + "connection (refused|reset|closed|lost|dropped|failure|failed|timed out)|no route to host|network (is )?unreachable|"
            + "host (is )?(unreachable|not reachable|down)|routing loop|mail loop|too many hops|loops? back|lost connection|broken pipe|"
            + "conversation with .* (failed|timed)|smtp connection|did not accept our requests? to connect|after multiple retries");
        rule(SYSTEMERROR, "system (error|failure|not available)|internal (server |system )?error|server error|local error|"
            + "configuration error|ldap|resources? (temporarily )?unavailable|temporar(il)?y (failure|unavailable|error|problem)|"
            + "service (not available|unavailable)|try again later|i/o error|out of memory|disk (full|error)|transient failure|"
            + "local configuration|misconfigur|processing error|not available");
    }

    private static void rule(BounceReason reason, String regex) {
        RULES.add(new Rule(reason, Pattern.compile("(?i)" + regex)));
    }

    /** The taxonomy word, lower case: {@code userunknown}, {@code mailboxfull}, … */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Classifies what a report says about one recipient. Any argument may be null.
     *
     * @param action the DSN action ({@code failed}, {@code delayed}, {@code delivered}, …)
     * @param status the {@code d.d.d} status code, if known
     * @param text   the reason text: a DSN's Diagnostic-Code, or the lines of a bounce about this recipient
     */
    public static BounceReason classify(String action, String status, String text) {
        String normalizedAction = action == null ? "" : action.trim().toLowerCase(Locale.ROOT);
        String code = status != null ? firstEnhancedCode(status) : null;
        if (code == null && text != null) {
            code = firstEnhancedCode(text);
        }
        if (normalizedAction.equals("delivered") || normalizedAction.equals("relayed") || normalizedAction.equals("expanded")
            || (code != null && code.startsWith("2."))) {
            return DELIVERED;
        }
        // A failure with a transient (4.x.x) status: the MTA gave up retrying.
        boolean gaveUp = normalizedAction.equals("failed") && code != null && code.startsWith("4.");
        if (text != null && !text.isBlank()) {
            String bounded = text.length() > 4000 ? text.substring(0, 4000) : text;
            for (Rule rule : RULES) {
                if (rule.pattern.matcher(bounded).find()) {
                    return gaveUp && (rule.reason == NETWORKERROR || rule.reason == SYSTEMERROR) ? EXPIRED : rule.reason;
                }
            }
        }
        if (gaveUp) {
            return EXPIRED;
        }
        BounceReason byCode = code == null ? null : byStatusCode(code);
        if (byCode != null) {
            return byCode;
        }
        String reply = text == null ? null : firstReplyCode(text);
        BounceReason byReply = reply == null ? null : byReplyCode(reply);
        if (byReply != null) {
            return byReply;
        }
        if (normalizedAction.equals("delayed")) {
            return DELAYED;
        }
        return UNDEFINED;
    }

    /** The reason an enhanced status code alone tells, or null when it tells none. */
    static BounceReason byStatusCode(String code) {
        String[] parts = code.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        String subjectDetail = parts[1] + "." + parts[2];
        switch (subjectDetail) {
            case "1.1":
            case "1.3":
            case "1.0":
                return USERUNKNOWN;
            case "1.2":
                return HOSTUNKNOWN;
            case "1.6":
                return HASMOVED;
            case "1.7":
            case "1.8":
                return REJECTED;
            case "1.10":
            case "7.27":
            case "3.2":
                return NOTACCEPT;
            case "2.1":
            case "7.13":
                return SUSPEND;
            case "2.2":
            case "3.1":
                return MAILBOXFULL;
            case "2.3":
            case "3.4":
                return MESGTOOBIG;
            case "5.3":
                return EXCEEDLIMIT;
            case "2.4":
            case "3.0":
            case "3.5":
                return SYSTEMERROR;
            case "4.4":
                return HOSTUNKNOWN;
            case "4.7":
                return EXPIRED;
            case "4.0":
            case "4.1":
            case "4.2":
            case "4.3":
            case "4.5":
            case "4.6":
                return NETWORKERROR;
            case "5.0":
            case "5.1":
            case "5.2":
            case "5.4":
            case "5.5":
                return SYNTAXERROR;
            case "7.1":
            case "7.2":
            case "7.3":
            case "7.4":
            case "7.5":
            case "7.6":
            case "7.7":
            case "7.8":
            case "7.9":
            case "7.10":
            case "7.11":
                return SECURITYERROR;
            case "7.20":
            case "7.21":
            case "7.22":
            case "7.23":
            case "7.24":
            case "7.26":
                return AUTHFAILURE;
            case "7.25":
                return REQUIREPTR;
            case "7.0":
                return POLICYVIOLATION;
            default:
                if (parts[1].equals("6")) {
                    return CONTENTERROR;
                }
                return null;
        }
    }

    /** The reason an SMTP reply code alone tells, or null (most reply codes are too vague). */
    static BounceReason byReplyCode(String reply) {
        switch (reply) {
            case "552":
                return MAILBOXFULL;
            case "421":
                return NETWORKERROR;
            case "551":
                return HASMOVED;
            case "500":
            case "501":
            case "502":
            case "503":
            case "504":
                return SYNTAXERROR;
            case "550":
            case "553":
                return USERUNKNOWN;
            default:
                return null;
        }
    }

    /** The first {@code d.d.d} enhanced status code in a text, or null. */
    public static String firstEnhancedCode(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = ENHANCED_CODE.matcher(text);
        return matcher.find() ? matcher.group(1) + "." + matcher.group(2) + "." + matcher.group(3) : null;
    }

    /** The first three-digit SMTP reply code ({@code 2xx}, {@code 4xx}, {@code 5xx}) in a text, or null. */
    public static String firstReplyCode(String text) {
        if (text == null) {
            return null;
        }
        Matcher matcher = REPLY_CODE.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    private static final class Rule {
        private final BounceReason reason;
        private final Pattern pattern;

        Rule(BounceReason reason, Pattern pattern) {
            this.reason = reason;
            this.pattern = pattern;
        }
    }
}
