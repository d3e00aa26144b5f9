package dev.receipts.stack.parsecheck;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The MTA or provider family of a sample, from its file name as the corpus names them:
 * {@code lhost-postfix-07.eml} is {@code lhost-postfix}, {@code rfc3464-12.eml} is {@code rfc3464}.
 */
public final class Family {
    private static final Pattern EXTENSION = Pattern.compile("\\.[A-Za-z0-9]{1,5}$");
    private static final Pattern NUMBER_SUFFIX = Pattern.compile("[-_.]\\d+$");

    private Family() {
    }

    /** The file name without its extension and its trailing sample number, lower case. */
    public static String of(String fileName) {
        String name = fileName.substring(fileName.lastIndexOf('/') + 1);
        String bare = EXTENSION.matcher(name).replaceFirst("");
        String family = NUMBER_SUFFIX.matcher(bare).replaceFirst("");
        return (family.isEmpty() ? bare : family).toLowerCase(Locale.ROOT);
    }
}
