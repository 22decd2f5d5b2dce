package dev.mfaportal.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenID Connect provider for tests, on 127.0.0.1 with the JDK's HTTP server:
 * discovery, a JWK set with a key made for this run, an authorization endpoint that signs
 * in the account named by {@code login_hint} at once (no page) and sends the browser back
 * with a code, a token endpoint that checks the client's secret and, for the
 * {@code openid} scope, returns an RS256 ID token with the request's nonce, and UserInfo.
 */
public final class StubOpenIdProvider implements AutoCloseable {

	private final HttpServer server;

	private final String issuer;

	private final String clientId;

	private final String clientSecret;

	// Made while the portal starts: a cold JVM can take seconds to find RSA primes, and
	// the portal
	// wants the key only at the first sign-in.
	private final CompletableFuture<RSAKey> key = CompletableFuture.supplyAsync(StubOpenIdProvider::generateKey);

	private final Map<String, Account> accounts = new ConcurrentHashMap<>();

	private final Map<String, Grant> codes = new ConcurrentHashMap<>();

	private final Map<String, Account> accessTokens = new ConcurrentHashMap<>();

	private StubOpenIdProvider(String clientId, String clientSecret) throws IOException {
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
		this.issuer = "http://127.0.0.1:" + this.server.getAddress().getPort();
		this.server.createContext("/.well-known/openid-configuration",
				(exchange) -> respond(exchange, this::discovery));
		this.server.createContext("/jwks", (exchange) -> respond(exchange, this::jwks));
		this.server.createContext("/authorize", (exchange) -> respond(exchange, this::authorize));
		this.server.createContext("/token", (exchange) -> respond(exchange, this::token));
		this.server.createContext("/userinfo", (exchange) -> respond(exchange, this::userInfo));
		this.server.start();
	}

	/** Starts a provider that knows one client. */
	public static StubOpenIdProvider start(String clientId, String clientSecret) {
		try {
			return new StubOpenIdProvider(clientId, clientSecret);
		}
		catch (IOException ex) {
			throw new IllegalStateException("The stub OpenID provider didn't start", ex);
		}
	}

	public String issuer() {
		return this.issuer;
	}

	/** Adds an account that {@code /authorize?login_hint=<subject>} signs in. */
	public void add(Account account) {
		this.accounts.put(account.subject(), account);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private Answer discovery(HttpExchange exchange) {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("issuer", this.issuer);
		metadata.put("authorization_endpoint", this.issuer + "/authorize");
		metadata.put("token_endpoint", this.issuer + "/token");
		metadata.put("userinfo_endpoint", this.issuer + "/userinfo");
		metadata.put("jwks_uri", this.issuer + "/jwks");
		metadata.put("response_types_supported", List.of("code"));
		metadata.put("subject_types_supported", List.of("public"));
		metadata.put("id_token_signing_alg_values_supported", List.of("RS256"));
		metadata.put("scopes_supported", List.of("openid", "email"));
		metadata.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic"));
		metadata.put("grant_types_supported", List.of("authorization_code"));
		return Answer.json(200, metadata);
	}

	private Answer jwks(HttpExchange exchange) {
		return new Answer(200, "application/json", new JWKSet(this.key.join().toPublicJWK()).toString(), null);
	}

	private Answer authorize(HttpExchange exchange) {
		Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
		Account account = this.accounts.get(String.valueOf(query.get("login_hint")));
		if (!this.clientId.equals(query.get("client_id")) || !"code".equals(query.get("response_type"))
				|| query.get("redirect_uri") == null || account == null) {
			return Answer.json(400, Map.of("error", "invalid_request"));
		}
		String code = UUID.randomUUID().toString();
		this.codes.put(code,
				new Grant(account, String.valueOf(query.get("scope")), query.get("nonce"), query.get("redirect_uri")));
		String back = query.get("redirect_uri") + "?code=" + code
				+ ((query.get("state") != null) ? "&state=" + encode(query.get("state")) : "");
		return new Answer(302, null, "", back);
	}

	private Answer token(HttpExchange exchange) throws IOException, JOSEException {
		String basic = "Basic " + Base64.getEncoder()
			.encodeToString((encode(this.clientId) + ":" + encode(this.clientSecret)).getBytes(StandardCharsets.UTF_8));
		if (!"POST".equals(exchange.getRequestMethod())
				|| !basic.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
			return Answer.json(401, Map.of("error", "invalid_client"));
		}
		Map<String, String> body = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		Grant grant = this.codes.remove(String.valueOf(body.get("code")));
		if (!"authorization_code".equals(body.get("grant_type")) || grant == null
				|| !grant.redirectUri().equals(body.get("redirect_uri"))) {
			return Answer.json(400, Map.of("error", "invalid_grant"));
		}
		String accessToken = UUID.randomUUID().toString();
		this.accessTokens.put(accessToken, grant.account());
		Map<String, Object> tokens = new LinkedHashMap<>();
		tokens.put("access_token", accessToken);
		tokens.put("token_type", "Bearer");
		tokens.put("expires_in", 300);
		tokens.put("scope", grant.scope());
		if (List.of(grant.scope().split(" ")).contains("openid")) {
			tokens.put("id_token", idToken(grant));
		}
		return Answer.json(200, tokens);
	}

	private Answer userInfo(HttpExchange exchange) {
		String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
		Account account = authorization.startsWith("Bearer ") ? this.accessTokens.get(authorization.substring(7))
				: null;
		if (account == null) {
			return Answer.json(401, Map.of("error", "invalid_token"));
		}
		return Answer.json(200, account.claims());
	}

	private String idToken(Grant grant) throws JOSEException {
		RSAKey key = this.key.join();
		Instant now = Instant.now();
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(this.issuer)
			.subject(grant.account().subject())
			.audience(this.clientId)
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)));
		if (grant.nonce() != null) {
			claims.claim("nonce", grant.nonce());
		}
		grant.account().claims().forEach(claims::claim);
		SignedJWT token = new SignedJWT(
				new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
				claims.build());
		token.sign(new RSASSASigner(key));
		return token.serialize();
	}

	private static RSAKey generateKey() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
				.keyID(UUID.randomUUID().toString())
				.build();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void respond(HttpExchange exchange, Endpoint endpoint) throws IOException {
		try (exchange) {
			Answer answer;
			try {
				answer = endpoint.answer(exchange);
			}
			catch (Exception ex) {
				answer = Answer.json(500, Map.of("error", "server_error", "error_description", String.valueOf(ex)));
			}
			if (answer.location() != null) {
				exchange.getResponseHeaders().set("Location", answer.location());
			}
			if (answer.contentType() != null) {
				exchange.getResponseHeaders().set("Content-Type", answer.contentType());
			}
			exchange.getResponseHeaders().set("Cache-Control", "no-store");
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(answer.status(), (body.length == 0) ? -1 : body.length);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
	}

	private static Map<String, String> form(String encoded) {
		Map<String, String> fields = new LinkedHashMap<>();
		if (encoded == null || encoded.isEmpty()) {
			return fields;
		}
		for (String pair : encoded.split("&")) {
			int equals = pair.indexOf('=');
			String name = (equals < 0) ? pair : pair.substring(0, equals);
			String value = (equals < 0) ? "" : pair.substring(equals + 1);
			fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8),
					URLDecoder.decode(value, StandardCharsets.UTF_8));
		}
		return fields;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	/**
	 * Someone the provider knows. {@code email} may be null: the provider then has none
	 * to give; {@code groups}, when any, are the {@code groups} claim.
	 */
	public record Account(String subject, String email, boolean emailVerified, List<String> groups) {

		public Account(String subject, String email, boolean emailVerified) {
			this(subject, email, emailVerified, List.of());
		}

		Map<String, Object> claims() {
			Map<String, Object> claims = new LinkedHashMap<>();
			claims.put("sub", this.subject);
			if (this.email != null) {
				claims.put("email", this.email);
				claims.put("email_verified", this.emailVerified);
			}
			// A groups claim, as Okta, Keycloak and Entra ID send one, when the account
			// has any.
			if (!this.groups.isEmpty()) {
				claims.put("groups", this.groups);
			}
			return claims;
		}

	}

	private record Grant(Account account, String scope, String nonce, String redirectUri) {

	}

	private record Answer(int status, String contentType, String body, String location) {

		static Answer json(int status, Map<String, ?> body) {
			return new Answer(status, "application/json", JSONObjectUtils.toJSONString(body), null);
		}

	}

	@FunctionalInterface
	private interface Endpoint {

		Answer answer(HttpExchange exchange) throws Exception;

	}

}
