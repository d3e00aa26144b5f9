package dev.receipts.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A stock James 3.8.1 process: {@code james-server-memory-app} from the assembly, the configuration
 * of {@code config/james} with this node's ports, and our mailets jar in {@code extensions-jars/}.
 */
public final class JamesNode implements AutoCloseable {
    private static final Pattern RECEIPTS_MAILET = Pattern.compile(
        "\\s*<!--[^>]*-->(?=\\s*<mailet[^>]*class=\"dev\\.receipts)|\\s*<mailet[^>]*class=\"dev\\.receipts\\.[^\"]*\">.*?</mailet>",
        Pattern.DOTALL);
    private static final String JMAP_KEYSTORE = "jmap-keystore.p12";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final StackLayout layout;
    private final Path workDir;
    private final Ports ports;
    private final String serviceUrl;
    private final String ingestToken;
    private final String envelopeIdKey;
    private final boolean withReceiptsMailets;
    private final Optional<String> relayHost;
    private final int relayPort;
    private final Map<String, String> configReplacements;
    private final String jmapKeystoreSecret = randomSecret();
    private Process process;

    /**
     * The ports this node listens on: SMTP, IMAP and WebAdmin on loopback; JMAP on every interface
     * (James 3.8.1 has no host setting for it).
     */
    public record Ports(int smtp, int imap, int webAdmin, int jmap) {
        public static Ports demo() {
            return new Ports(2525, 1143, 8000, 1080);
        }

        public static Ports free() {
            return new Ports(Processes.freePort(), Processes.freePort(), Processes.freePort(), Processes.freePort());
        }
    }

    private JamesNode(Builder builder) {
        this.layout = builder.layout;
        this.workDir = builder.workDir.toAbsolutePath();
        this.ports = builder.ports;
        this.serviceUrl = builder.serviceUrl;
        this.ingestToken = builder.ingestToken;
        this.envelopeIdKey = builder.envelopeIdKey != null ? builder.envelopeIdKey : randomKey();
        this.withReceiptsMailets = builder.withReceiptsMailets;
        this.relayHost = Optional.ofNullable(builder.relayHost).filter(host -> !host.isBlank());
        this.relayPort = builder.relayPort;
        this.configReplacements = Map.copyOf(builder.configReplacements);
    }

    public static Builder builder(StackLayout layout, Path workDir) {
        return new Builder(layout, workDir);
    }

    /** What James reads through {@code ${env:…}}: the mailets' token and key, and the JMAP keystore's secret. */
    private Map<String, String> environment() {
        return Map.of("RECEIPTS_INGEST_TOKEN", ingestToken, "RECEIPTS_ENVELOPE_ID_KEY", envelopeIdKey,
            "RECEIPTS_JMAP_KEYSTORE_SECRET", jmapKeystoreSecret);
    }

    private static String randomKey() {
        byte[] bytes = new byte[32];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    public JamesNode start() throws IOException {
        writeConfiguration();
        Path log = log();
        List<String> command = List.of(
            Processes.javaExecutable(),
            "-Xmx1g",
            "-cp", layout.jamesLib().resolve("*").toString(),
            "-Dworking.directory=" + workDir,
            "-Dlogback.configurationFile=" + workDir.resolve("conf/logback.xml"),
            "org.apache.james.MemoryJamesServerMain");
        process = Processes.start(command, workDir, log, environment());
        Processes.awaitReady("James", process, log, Duration.ofSeconds(120),
            () -> Processes.accepts(ports.smtp()) && Processes.accepts(ports.imap()) && webAdminAnswers()
                && Processes.accepts(ports.jmap()));
        return this;
    }

    /** Starts James and expects it to refuse: returns its log once the process has exited. */
    public String startExpectingFailure(Duration timeout) throws IOException, InterruptedException {
        writeConfiguration();
        process = Processes.start(List.of(
                Processes.javaExecutable(),
                "-cp", layout.jamesLib().resolve("*").toString(),
                "-Dworking.directory=" + workDir,
                "-Dlogback.configurationFile=" + workDir.resolve("conf/logback.xml"),
                "org.apache.james.MemoryJamesServerMain"),
            workDir, log(), environment());
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            Processes.stop(process, Duration.ofSeconds(20));
            throw new IllegalStateException("James did not stop by itself within " + timeout);
        }
        return Files.readString(log(), StandardCharsets.UTF_8);
    }

    public void addUser(String address, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(webAdmin("/users/" + address))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"password\":\"" + password + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("WebAdmin refused user [" + address + "]: " + response.statusCode() + " " + response.body());
        }
    }

    /** Makes {@code source} an alias of the user {@code destination} (James's RecipientRewriteTable, by WebAdmin). */
    public void addAlias(String source, String destination) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    webAdmin("/address/aliases/" + destination + "/sources/" + source))
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("WebAdmin refused alias [" + source + "] -> [" + destination + "]: "
                + response.statusCode() + " " + response.body());
        }
    }

    /**
     * One WebAdmin call ({@code PATCH /mailRepositories/…}, {@code POST /mappings/regex/…}) with no body, for
     * what the typed methods above do not cover; {@code pathAndQuery} is sent as given (encode it yourself).
     */
    public HttpResponse<String> callWebAdmin(String method, String pathAndQuery) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(webAdmin(pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    }

    public Ports ports() {
        return ports;
    }

    /** The JMAP session resource (RFC 8620 section 2), as James serves it. */
    public URI jmapSession() {
        return URI.create("http://127.0.0.1:" + ports.jmap() + "/jmap/session");
    }

    public Path workDir() {
        return workDir;
    }

    public Path spoolDirectory() {
        return workDir.resolve("var/receipts/spool");
    }

    /**
     * The policy snapshot EnforceReceiptPolicy last saved (config/james: policyCache), or a missing node when it
     * has saved none yet.
     */
    public com.fasterxml.jackson.databind.JsonNode policyCache() throws IOException {
        Path cache = workDir.resolve("var/receipts/policy-cache.json");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        return Files.exists(cache) ? json.readTree(cache.toFile()) : json.missingNode();
    }

    public Path log() {
        return workDir.resolve("james.log");
    }

    /** CPU time the James process has used so far (user and system). */
    public Duration cpuTime() {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("CPU time is not available"));
    }

    /** Peak resident memory of the James process in KiB (VmHWM), or -1 where /proc cannot tell. */
    public long peakResidentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    public void stop() {
        Processes.stop(process, Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        stop();
    }

    private boolean webAdminAnswers() {
        try {
            return HTTP.send(HttpRequest.newBuilder(webAdmin("/domains")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private URI webAdmin(String path) {
        return URI.create("http://127.0.0.1:" + ports.webAdmin() + path);
    }

    private void writeConfiguration() throws IOException {
        Path conf = workDir.resolve("conf");
        Files.createDirectories(conf);
        try (Stream<Path> files = Files.list(layout.jamesConfig())) {
            for (Path file : files.toList()) {
                Files.copy(file, conf.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        edit(conf.resolve("smtpserver.xml"), "<bind>127.0.0.1:2525</bind>", "<bind>127.0.0.1:" + ports.smtp() + "</bind>");
        edit(conf.resolve("imapserver.xml"), "<bind>127.0.0.1:1143</bind>", "<bind>127.0.0.1:" + ports.imap() + "</bind>");
        edit(conf.resolve("webadmin.properties"), "port=8000", "port=" + ports.webAdmin());
        Path jmap = conf.resolve("jmap.properties");
        edit(jmap, "jmap.port=1080", "jmap.port=" + ports.jmap());
        edit(jmap, "url.prefix=http://127.0.0.1:1080", "url.prefix=http://127.0.0.1:" + ports.jmap());
        edit(jmap, "websocket.url.prefix=ws://127.0.0.1:1080", "websocket.url.prefix=ws://127.0.0.1:" + ports.jmap());
        makeJmapKeystore(conf);
        if (!Files.exists(layout.jamesConfig().resolve("jmx.properties"))) {
            // Without this file James opens JMX on the fixed port 9999, and a second James on the machine
            // (another test run, a demo) fails to start. Nothing here uses JMX.
            Files.writeString(conf.resolve("jmx.properties"), "jmx.enabled=false\n", StandardCharsets.UTF_8);
        }

        Path mailetContainer = conf.resolve("mailetcontainer.xml");
        edit(mailetContainer, "<serviceUrl>http://127.0.0.1:8080</serviceUrl>", "<serviceUrl>" + serviceUrl + "</serviceUrl>");
        if (relayHost.isPresent()) {
            edit(mailetContainer, "<mailet match=\"All\" class=\"RemoteDelivery\">",
                "<mailet match=\"All\" class=\"RemoteDelivery\">\n                <gateway>" + relayHost.get()
                    + "</gateway>\n                <gatewayPort>" + relayPort + "</gatewayPort>");
        }
        for (Map.Entry<String, String> replacement : configReplacements.entrySet()) {
            edit(mailetContainer, replacement.getKey(), replacement.getValue());
        }

        Path extensions = workDir.resolve("extensions-jars");
        Files.createDirectories(extensions);
        Path installed = extensions.resolve("receipts-mailets.jar");
        if (withReceiptsMailets) {
            Files.copy(layout.mailetsJar(), installed, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.deleteIfExists(installed);
            String xml = Files.readString(mailetContainer, StandardCharsets.UTF_8);
            String stripped = RECEIPTS_MAILET.matcher(xml).replaceAll("");
            if (stripped.contains("dev.receipts.")) {
                throw new IllegalStateException("Could not remove the receipts mailets from " + mailetContainer);
            }
            Files.writeString(mailetContainer, stripped, StandardCharsets.UTF_8);
        }
    }

    /**
     * James 3.8.1 will not start JMAP without a key pair under the alias {@code james} (it signs the
     * JMAP draft's access tokens; Basic authentication does not use it). A fresh RSA pair in a
     * PKCS12 keystore at every start, with a random secret handed to James in its environment: no
     * private key is ever shipped or kept between runs.
     */
    private void makeJmapKeystore(Path conf) throws IOException {
        Path keystore = conf.resolve(JMAP_KEYSTORE);
        Files.deleteIfExists(keystore);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        ProcessBuilder keytoolProcess = new ProcessBuilder(keytool.toString(), "-genkeypair", "-noprompt",
                "-alias", "james", "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
                "-dname", "CN=receipts-james-jmap", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass:env", "RECEIPTS_JMAP_KEYSTORE_SECRET")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        keytoolProcess.environment().put("RECEIPTS_JMAP_KEYSTORE_SECRET", jmapKeystoreSecret);
        Process started = keytoolProcess.start();
        try {
            if (!started.waitFor(60, java.util.concurrent.TimeUnit.SECONDS) || started.exitValue() != 0) {
                started.destroyForcibly();
                throw new IllegalStateException("keytool could not make the JMAP keystore " + keystore);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while making the JMAP keystore", e);
        }
        Files.setPosixFilePermissions(keystore, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }

    /** Replaces text the shipped configuration must contain, so that a changed file fails loudly. */
    private static void edit(Path file, String expected, String replacement) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        if (!text.contains(expected)) {
            throw new IllegalStateException(file + " no longer contains [" + expected + "]");
        }
        Files.writeString(file, text.replace(expected, replacement), StandardCharsets.UTF_8);
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        new java.security.SecureRandom().nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    /** Builds a {@link JamesNode}; defaults are the demo's ports and a service on 127.0.0.1:8080. */
    public static final class Builder {
        private final StackLayout layout;
        private final Path workDir;
        private Ports ports = Ports.demo();
        private String serviceUrl = "http://127.0.0.1:8080";
        private String ingestToken;
        private String envelopeIdKey;
        private boolean withReceiptsMailets = true;
        private String relayHost;
        private int relayPort = 25;
        private final Map<String, String> configReplacements = new java.util.LinkedHashMap<>();

        private Builder(StackLayout layout, Path workDir) {
            this.layout = layout;
            this.workDir = workDir;
        }

        public Builder ports(Ports ports) {
            this.ports = ports;
            return this;
        }

        public Builder serviceUrl(String serviceUrl) {
            this.serviceUrl = serviceUrl;
            return this;
        }

        public Builder ingestToken(String ingestToken) {
            this.ingestToken = ingestToken;
            return this;
        }

        /** The key of the envelope ids CaptureReceiptRequests signs (the service's envelope-id-key); random if unset. */
        public Builder envelopeIdKey(String envelopeIdKey) {
            this.envelopeIdKey = envelopeIdKey;
            return this;
        }

        public Builder withReceiptsMailets(boolean withReceiptsMailets) {
            this.withReceiptsMailets = withReceiptsMailets;
            return this;
        }

        public Builder relay(String host, int port) {
            this.relayHost = host;
            this.relayPort = port;
            return this;
        }

        /** Replaces a text that mailetcontainer.xml must contain (for tests of bad configuration). */
        public Builder replaceInMailetContainer(String expected, String replacement) {
            configReplacements.put(expected, replacement);
            return this;
        }

        public JamesNode build() {
            if (ingestToken == null || ingestToken.isBlank()) {
                throw new IllegalArgumentException("JamesNode needs the ingest token the service expects");
            }
            return new JamesNode(this);
        }
    }
}
