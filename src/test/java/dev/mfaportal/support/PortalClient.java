package dev.mfaportal.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.CookieStore;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.springframework.web.util.HtmlUtils;

/**
 * A browser-like HTTP client for the portal: keeps cookies, reads the CSRF token from the
 * form, and pulls snippets out of the result page by their {@code data-snippet}
 * attribute.
 */
public final class PortalClient {

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private final URI base;

	private final HttpClient http;

	public PortalClient(int port) {
		this(URI.create("http://127.0.0.1:" + port),
				HttpClient.newBuilder()
					.cookieHandler(new CookieManager(new PlainHttpCookieStore(), CookiePolicy.ACCEPT_ORIGINAL_SERVER))
					.followRedirects(HttpClient.Redirect.NEVER)
					.build());
	}

	private PortalClient(URI base, HttpClient http) {
		this.base = base;
		this.http = http;
	}

	/**
	 * The same browser (cookies and all) talking to another port, as a load balancer
	 * would.
	 */
	public PortalClient at(int port) {
		return new PortalClient(URI.create("http://127.0.0.1:" + port), this.http);
	}

	/**
	 * Signs in to a team portal with a password; the response is the redirect that
	 * follows.
	 */
	public HttpResponse<String> login(String username, String password) throws IOException, InterruptedException {
		Matcher matcher = CSRF.matcher(get("/login").body());
		if (!matcher.find()) {
			throw new IllegalStateException("No CSRF token on the sign-in page");
		}
		return post("/login", Map.of("username", username, "password", password, "_csrf", matcher.group(1)), false);
	}

	/**
	 * A sign-in whose form is fetched now and posted when called, so that many can be
	 * sent at once ({@link AtOnce}); the answer is where the sign-in lands, or the status
	 * when it lands nowhere (503 when the database's connections ran out under the load).
	 */
	public Callable<String> signInLater(String username, String password) throws IOException, InterruptedException {
		String token = csrfToken("/login");
		return () -> {
			HttpResponse<String> answer = post("/login",
					Map.of("username", username, "password", password, "_csrf", token), false);
			return answer.headers().firstValue("Location").orElse(String.valueOf(answer.statusCode()));
		};
	}

	/**
	 * Team mode marks its cookie Secure, which a browser would only send over TLS; the
	 * tests talk plain HTTP to 127.0.0.1, so the store keeps the cookie usable (tests
	 * assert the flag on the Set-Cookie header itself).
	 */
	private static final class PlainHttpCookieStore implements CookieStore {

		private final CookieStore store = new CookieManager().getCookieStore();

		@Override
		public void add(URI uri, HttpCookie cookie) {
			cookie.setSecure(false);
			this.store.add(uri, cookie);
		}

		@Override
		public List<HttpCookie> get(URI uri) {
			return this.store.get(uri);
		}

		@Override
		public List<HttpCookie> getCookies() {
			return this.store.getCookies();
		}

		@Override
		public List<URI> getURIs() {
			return this.store.getURIs();
		}

		@Override
		public boolean remove(URI uri, HttpCookie cookie) {
			return this.store.remove(uri, cookie);
		}

		@Override
		public boolean removeAll() {
			return this.store.removeAll();
		}

	}

	/** The value of this browser's cookie {@code name}, if it holds one. */
	public java.util.Optional<String> cookie(String name) {
		return this.http.cookieHandler()
			.map((handler) -> ((CookieManager) handler).getCookieStore().getCookies())
			.flatMap((cookies) -> cookies.stream()
				.filter((cookie) -> cookie.getName().equals(name))
				.map(HttpCookie::getValue)
				.findFirst());
	}

	public HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(browserLike(path).build(), HttpResponse.BodyHandlers.ofString());
	}

	public HttpResponse<String> getWithHeaders(String path, Map<String, String> headers)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = browserLike(path);
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder browserLike(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path))
			.header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
			.header("Accept-Language", "en");
	}

	public HttpResponse<String> launch(String token) throws IOException, InterruptedException {
		return get("/launch?token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
	}

	/**
	 * Posts a form; {@code _csrf} is taken from the form page unless the fields hold one.
	 */
	public HttpResponse<String> post(String path, Map<String, String> fields, boolean withCsrf)
			throws IOException, InterruptedException {
		Map<String, String> body = new LinkedHashMap<>(fields);
		if (withCsrf) {
			body.put("_csrf", csrfToken());
		}
		String encoded = body.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return this.http.send(browserLike(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encoded))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	/**
	 * Posts a form as it is, with extra request headers ({@code Origin},
	 * {@code Sec-Fetch-Site}).
	 */
	public HttpResponse<String> postWithHeaders(String path, Map<String, String> fields, Map<String, String> headers)
			throws IOException, InterruptedException {
		String encoded = fields.entrySet()
			.stream()
			.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = browserLike(path).header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(encoded));
		headers.forEach(request::header);
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	public String csrfToken() throws IOException, InterruptedException {
		return csrfToken("/");
	}

	/** The CSRF token of the form on a page. */
	public String csrfToken(String page) throws IOException, InterruptedException {
		Matcher matcher = CSRF.matcher(get(page).body());
		if (!matcher.find()) {
			throw new IllegalStateException("No CSRF token on the form page");
		}
		return matcher.group(1);
	}

	/** The exact text of one snippet on a result page. */
	public static String snippet(String page, String format) {
		Matcher matcher = Pattern
			.compile("<pre data-snippet=\"" + Pattern.quote(format) + "\"[^>]*>(.*?)</pre>", Pattern.DOTALL)
			.matcher(page);
		if (!matcher.find()) {
			throw new IllegalStateException("No snippet " + format);
		}
		return HtmlUtils.htmlUnescape(matcher.group(1));
	}

	/**
	 * The status line of a raw request with any Host header, which java.net.http won't
	 * send.
	 */
	public String rawStatusLine(String method, String path, String host) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.base.getPort())) {
			socket.getOutputStream()
				.write((method + " " + path + " HTTP/1.1\r\nHost: " + host
						+ "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			InputStream in = socket.getInputStream();
			StringBuilder line = new StringBuilder();
			for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
				line.append((char) c);
			}
			return line.toString();
		}
	}

}
