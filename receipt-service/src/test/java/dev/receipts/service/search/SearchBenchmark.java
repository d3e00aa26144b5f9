package dev.receipts.service.search;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.flywaydb.core.Flyway;

/**
 * Times the keyset searches on a large log: seeds {@code rows} sent messages (one recipient each) and as many
 * reports (one recipient block each) into an empty database migrated by Flyway, then runs the SQL that
 * {@link MessageSearch} and {@link ReportSearch} generate (written out here by hand: the same predicates, order
 * and limit) for a first page and a page 90% deep, with and without filters, and the counts. Prints the median
 * of 5 runs of each. Not a test: run it by hand.
 *
 * <pre>
 * ./mvnw -q -o -pl receipt-service org.codehaus.mojo:exec-maven-plugin:3.5.0:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.receipts.service.search.SearchBenchmark \
 *     -Dexec.args="jdbc:h2:file:/tmp/receipts-bench/bench 1000000"
 * </pre>
 * Arguments: JDBC URL, rows, user (default {@code sa}), password (default empty), and {@code reuse} to time an
 * already seeded database again. With H2, add {@code ;OPTIMIZE_REUSE_RESULTS=FALSE} to the URL, else H2 answers
 * a repeated query from its result cache. For PostgreSQL, an empty
 * database: {@code jdbc:postgresql://127.0.0.1:5432/receipts_bench 1000000 postgres}; it is cleaned first.
 */
public final class SearchBenchmark {
    private static final String MESSAGE_COLUMNS = "m.id, m.message_id, m.sender, m.owner, m.submitted_at";
    private static final String REPORT_COLUMNS = "r.id, r.received_at, r.report_type, r.correlation, r.owner";
    private static final String KEYSET_M = " and (m.submitted_at <= ? and (m.submitted_at < ? or m.id < ?))";
    private static final String KEYSET_R = " and (r.received_at <= ? and (r.received_at < ? or r.id < ?))";
    private static final String ORDER_M = " order by m.submitted_at desc, m.id desc limit 51";
    private static final String ORDER_R = " order by r.received_at desc, r.id desc limit 51";
    private static final int CHUNK = 50_000;

    private SearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        String user = args.length > 2 ? args[2] : "sa";
        String password = args.length > 3 ? args[3] : "";
        boolean reuse = args.length > 4 && args[4].equals("reuse");
        if (!reuse) {
            Flyway.configure().dataSource(url, user, password).cleanDisabled(false).load().clean();
        }
        Flyway.configure().dataSource(url, user, password).load().migrate();
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            boolean postgres = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
            long start = System.nanoTime();
            if (!reuse) {
                seed(c, rows, postgres);
            }
            print("%s, %,d messages and %,d reports seeded in %.1f s%n", c.getMetaData().getDatabaseProductName(),
                rows, rows, (System.nanoTime() - start) / 1e9);
            Object[] deepMessage = row(c, "select submitted_at, id from sent_message order by submitted_at desc, id desc "
                + "offset " + (rows * 9 / 10) + " rows fetch next 1 rows only");
            Object[] deepReport = row(c, "select received_at, id from received_report order by received_at desc, id desc "
                + "offset " + (rows * 9 / 10) + " rows fetch next 1 rows only");
            Object[] deepOwned = row(c, "select submitted_at, id from sent_message where owner = 'user7@corp.example' "
                + "order by submitted_at desc, id desc offset " + (rows / 1000 * 9 / 10) + " rows fetch next 1 rows only");
            String failedRecipient = " and exists (select r.id from message_recipient r where r.message_id = m.id "
                + "and r.delivery_state = 'FAILED')";
            String reportFilter = " and r.report_type = 'delivery-status' and exists (select x.id from "
                + "received_report_recipient x where x.report_id = r.id and x.status like '5.1%')";
            print("%-58s %10s %10s%n", "query (first page = 50 rows + 1)", "first ms", "median ms");
            time(c, "messages, no filter, first page", "select " + MESSAGE_COLUMNS + " from sent_message m where 1 = 1"
                + ORDER_M);
            time(c, "messages, no filter, page 90% deep", "select " + MESSAGE_COLUMNS + " from sent_message m where 1 = 1"
                + KEYSET_M + ORDER_M, deepMessage);
            time(c, "messages of one owner (employee list), first page", "select " + MESSAGE_COLUMNS
                + " from sent_message m where m.owner = 'user7@corp.example'" + ORDER_M);
            time(c, "messages of one owner, page 90% deep", "select " + MESSAGE_COLUMNS
                + " from sent_message m where m.owner = 'user7@corp.example'" + KEYSET_M + ORDER_M, deepOwned);
            time(c, "messages, state=FAILED, first page", "select " + MESSAGE_COLUMNS + " from sent_message m where 1 = 1"
                + failedRecipient + ORDER_M);
            time(c, "messages, state=FAILED, page 90% deep", "select " + MESSAGE_COLUMNS
                + " from sent_message m where 1 = 1" + failedRecipient + KEYSET_M + ORDER_M, deepMessage);
            time(c, "messages, last 7 days, first page", "select " + MESSAGE_COLUMNS + " from sent_message m where "
                + "m.submitted_at >= ?" + ORDER_M, daysAgo(7));
            time(c, "count messages, state=FAILED", "select count(*) from sent_message m where 1 = 1" + failedRecipient);
            time(c, "reports, no filter, first page", "select " + REPORT_COLUMNS + " from received_report r where 1 = 1"
                + ORDER_R);
            time(c, "reports, no filter, page 90% deep", "select " + REPORT_COLUMNS + " from received_report r where 1 = 1"
                + KEYSET_R + ORDER_R, deepReport);
            time(c, "reports, correlation=ORPHAN, first page", "select " + REPORT_COLUMNS + " from received_report r "
                + "where r.correlation = 'ORPHAN'" + ORDER_R);
            time(c, "reports, type + status 5.1, first page", "select " + REPORT_COLUMNS
                + " from received_report r where 1 = 1" + reportFilter + ORDER_R);
            time(c, "reports, type + status 5.1, page 90% deep", "select " + REPORT_COLUMNS
                + " from received_report r where 1 = 1" + reportFilter + KEYSET_R + ORDER_R, deepReport);
            time(c, "count reports, type + status 5.1", "select count(*) from received_report r where 1 = 1"
                + reportFilter);
        }
    }

    /** Inserts in chunks of {@value #CHUNK} rows, one transaction each (a single one would hold all in memory). */
    private static void seed(Connection c, int rows, boolean postgres) throws SQLException {
        c.setAutoCommit(true);
        for (int first = 1; first <= rows; first += CHUNK) {
            int last = Math.min(rows, first + CHUNK - 1);
            seed(c, postgres ? "generate_series(" + first + ", " + last + ") as s(x)"
                : "system_range(" + first + ", " + last + ") s", postgres);
        }
        try (Statement s = c.createStatement()) {
            s.execute("analyze");
        }
    }

    private static void seed(Connection c, String range, boolean postgres) throws SQLException {
        String n = "s.x";
        String at = postgres ? "(now() - (" + n + " * interval '31 seconds'))"
            : "dateadd('SECOND', -" + n + " * 31, current_timestamp)";
        try (Statement s = c.createStatement()) {
            s.executeUpdate("insert into sent_message (id, message_id, message_id_norm, sender, owner, envelope_id, "
                + "submitted_at, event_id) select " + n + ", concat('<m', " + n + ", '@corp.example>'), concat('m', " + n
                + ", '@corp.example'), concat('user', mod(" + n + ", 1000), '@corp.example'), concat('user', mod(" + n
                + ", 1000), '@corp.example'), null, " + at + ", concat('e', " + n + ") from " + range);
            s.executeUpdate("insert into message_recipient (id, message_id, position, address, address_norm, "
                + "requested_mdn, requested_notify, delivery_state, disposition_state, verification) select " + n + ", "
                + n + ", 0, concat('r', mod(" + n + ", 5000), '@partner', mod(" + n + ", 50), '.example'), concat('r', mod("
                + n + ", 5000), '@partner', mod(" + n + ", 50), '.example'), true, '', case when mod(" + n
                + ", 20) = 0 then 'FAILED' when mod(" + n + ", 20) = 1 then 'DELAYED' else 'DELIVERED' end, case when mod("
                + n + ", 5) = 0 then 'DISPLAYED' else 'NONE' end, 'NONE' from " + range);
            s.executeUpdate("insert into received_report (id, event_id, received_at, report_type, heuristic, "
                + "report_sender, original_message_id_norm, correlation, message_id, owner, verification, fields) select "
                + n + ", concat('r', " + n + "), " + at + ", case when mod(" + n + ", 2) = 0 then 'delivery-status' "
                + "else 'disposition-notification' end, false, null, concat('m', " + n + ", '@corp.example'), case when "
                + "mod(" + n + ", 10) = 0 then 'ORPHAN' else 'CORRELATED' end, " + n + ", concat('user', mod(" + n
                + ", 1000), '@corp.example'), 'NONE', '{}' from " + range);
            s.executeUpdate("insert into received_report_recipient (id, report_id, position, final_recipient, "
                + "final_recipient_norm, recipient_domain, action, status) select " + n + ", " + n + ", 0, concat('r', mod("
                + n + ", 5000), '@partner', mod(" + n + ", 50), '.example'), concat('r', mod(" + n + ", 5000), '@partner', mod("
                + n + ", 50), '.example'), concat('partner', mod(" + n + ", 50), '.example'), case when mod(" + n
                + ", 20) = 0 then 'failed' else 'delivered' end, case when mod(" + n + ", 20) = 0 then '5.1.1' else "
                + "'2.0.0' end from " + range);
        }
    }

    private static Object[] row(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return new Object[] {r.getTimestamp(1), r.getLong(2)};
        }
    }

    private static Object[] daysAgo(int days) {
        return new Object[] {new Timestamp(System.currentTimeMillis() - days * 86_400_000L)};
    }

    private static void time(Connection c, String label, String sql, Object... keyset) throws SQLException {
        Object[] parameters = keyset.length == 2 ? new Object[] {keyset[0], keyset[0], keyset[1]} : keyset;
        List<Double> runs = new ArrayList<>();
        int found = 0;
        for (int run = 0; run < 5; run++) {
            long start = System.nanoTime();
            try (PreparedStatement p = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    p.setObject(i + 1, parameters[i]);
                }
                try (ResultSet r = p.executeQuery()) {
                    found = 0;
                    while (r.next()) {
                        found++;
                    }
                }
            }
            runs.add((System.nanoTime() - start) / 1e6);
        }
        double[] sorted = runs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        print("%-58s %10.1f %10.1f  (%d rows)%n", label, runs.get(0), sorted[sorted.length / 2], found);
    }

    /** A benchmark program prints its figures. */
    private static void print(String format, Object... values) {
        System.out.printf(Locale.ROOT, format, values);
    }
}
