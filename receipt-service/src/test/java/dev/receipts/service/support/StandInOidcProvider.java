package dev.receipts.service.support;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in OpenID Connect provider on loopback, enough for Quarkus OIDC: the discovery document, the JWKS,
 * an authorization endpoint that signs in a fixed user at once, and a token endpoint for the code. Tokens are
 * RS256 JWTs signed with a key generated at start.
 */
public final class StandInOidcProvider implements AutoCloseable {
    public static final String CLIENT_ID = "receipts";
    public static final String CLIENT_SECRET = "stand-in-client-secret-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String KID = "stand-in-1";

    private final HttpServer server;
    private final KeyPair keys;
    private final Map<String, String[]> codes = new ConcurrentHashMap<>();
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private volatile String signedInUser = "alice@corp.example";

    public StandInOidcProvider() throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/jwks", this::jwks);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Who the authorization endpoint signs in. */
    public void signInAs(String email) {
        signedInUser = email;
    }

    public List<String> tokenRequests() {
        return tokenRequests;
    }

    /** A bearer token for the API with these claims (plus iss, aud, iat, exp, sub). */
    public String accessToken(Map<String, Object> claims) {
        Map<String, Object> all = new HashMap<>(standardClaims());
        all.putAll(claims);
        return sign(all);
    }

    private Map<String, Object> standardClaims() {
        long now = Instant.now().getEpochSecond();
        return Map.of("iss", issuer(), "aud", CLIENT_ID, "iat", now, "exp", now + 300,
            "sub", UUID.randomUUID().toString());
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String base = issuer();
        Map<String, Object> doc = new HashMap<>();
        doc.put("issuer", base);
        doc.put("authorization_endpoint", base + "/authorize");
        doc.put("token_endpoint", base + "/token");
        doc.put("jwks_uri", base + "/jwks");
        doc.put("response_types_supported", List.of("code"));
        doc.put("subject_types_supported", List.of("public"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post"));
        respond(exchange, 200, JSON.writeValueAsString(doc));
    }

    private void jwks(HttpExchange exchange) throws IOException {
        RSAPublicKey key = (RSAPublicKey) keys.getPublic();
        Map<String, Object> jwk = Map.of("kty", "RSA", "kid", KID, "use", "sig", "alg", "RS256",
            "n", unsigned(key.getModulus()), "e", unsigned(key.getPublicExponent()));
        respond(exchange, 200, JSON.writeValueAsString(Map.of("keys", List.of(jwk))));
    }

    private void authorize(HttpExchange exchange) throws IOException {
        Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
        String code = UUID.randomUUID().toString();
        codes.put(code, new String[] {signedInUser, query.get("nonce")});
        String location = query.get("redirect_uri") + (query.get("redirect_uri").contains("?") ? "&" : "?")
            + "code=" + code + "&state=" + URLEncoder.encode(query.get("state"), StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        tokenRequests.add(body.get("grant_type"));
        String[] grant = codes.remove(body.get("code"));
        if (!"authorization_code".equals(body.get("grant_type")) || grant == null) {
            respond(exchange, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        Map<String, Object> claims = new HashMap<>(standardClaims());
        claims.put("email", grant[0]);
        if (grant[1] != null) {
            claims.put("nonce", grant[1]);
        }
        String idToken = sign(claims);
        String accessToken = sign(claims);
        respond(exchange, 200, JSON.writeValueAsString(Map.of("access_token", accessToken, "id_token", idToken,
            "token_type", "Bearer", "expires_in", 300)));
    }

    private String sign(Map<String, Object> claims) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String header = b64.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", KID)));
            String payload = b64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(keys.getPrivate());
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return header + "." + payload + "." + b64.encodeToString(signature.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        if (bytes.length > 1 && bytes[0] == 0) {
            bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded == null) {
            return values;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public URI uri() {
        return URI.create(issuer());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
