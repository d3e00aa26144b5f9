package dev.receipts.stack.parsecheck;

import java.util.List;

/**
 * The outcome of running the report parser over one message file.
 *
 * @param file           the file's path relative to the directory checked
 * @param family         the MTA or provider family, from the file name (see {@link Family})
 * @param classification what kind of message it is
 * @param reportType     the {@code report-type} parameter, lower case, or null
 * @param recipients     the recipients found in the machine-readable part, in order
 * @param problems       what the parser noted, or why the file was unreadable
 */
public record CheckedMessage(String file, String family, Classification classification, String reportType,
                             List<FoundRecipient> recipients, List<String> problems) {
    public CheckedMessage {
        recipients = List.copyOf(recipients);
        problems = List.copyOf(problems);
    }
}
