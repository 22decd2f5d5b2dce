package dev.mfaportal.security;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.mfaportal.support.PortalClient;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every route the MVC mappings know (so a new route can't be forgotten) and asserts
 * the headers of docs/security.md on every answer, errors included.
 */
final class HardenedResponses {

	/**
	 * Fills every path variable: an id that exists nowhere, so no POST changes anything
	 * real.
	 */
	static final String SAMPLE_ID = "999999";

	private HardenedResponses() {
	}

	static void assertHardened(HttpResponse<?> response, String what) {
		Map<String, List<String>> headers = response.headers().map();
		assertThat(response.headers().firstValue("Content-Security-Policy")).as(what)
			.hasValue(BrowserDefences.CONTENT_SECURITY_POLICY);
		String csp = BrowserDefences.CONTENT_SECURITY_POLICY;
		assertThat(csp)
			.contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'",
					"frame-ancestors 'none'", "form-action 'self'")
			.doesNotContain("unsafe-inline")
			.doesNotContain("unsafe-eval");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
		assertThat(response.headers().firstValue("Referrer-Policy")).as(what).hasValue("no-referrer");
		assertThat(response.headers().firstValue("Permissions-Policy")).as(what)
			.hasValue(BrowserDefences.PERMISSIONS_POLICY);
		assertThat(response.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
		assertThat(response.headers().firstValue("Cache-Control")).as(what)
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		assertThat(headers.keySet()).as(what + ": no CORS header")
			.noneMatch((name) -> name.toLowerCase(java.util.Locale.ROOT).startsWith("access-control-"));
		if (!response.uri().getPath().equals("/error")) {
			// the error page asked for directly is the one route that answers 500: there
			// was no error;
			// 503 is a designed answer (no keys found, storage away) with its own page
			assertThat(response.statusCode()).as(what).matches((status) -> status < 500 || status == 503);
		}
		if (response.body() instanceof String body) {
			assertThat(body).as(what).doesNotContain("Exception").doesNotContain("Whitelabel");
		}
	}

	/**
	 * Every path of every mapping, path variables filled, with the methods it declares.
	 */
	static Map<String, Set<RequestMethod>> routes(RequestMappingHandlerMapping mappings) {
		Map<String, Set<RequestMethod>> routes = new java.util.TreeMap<>();
		for (RequestMappingInfo mapping : mappings.getHandlerMethods().keySet()) {
			for (String pattern : mapping.getPatternValues()) {
				String path = pattern.replaceAll("\\{[^}]+}", SAMPLE_ID).replace("/**", "/x");
				routes.computeIfAbsent(path, (p) -> new LinkedHashSet<>())
					.addAll(mapping.getMethodsCondition().getMethods());
			}
		}
		return routes;
	}

	/**
	 * GETs every route, then POSTs every POST route without and with the CSRF token, with
	 * the browser given, and asserts each answer; returns how many requests it made.
	 */
	static int walk(PortalClient browser, RequestMappingHandlerMapping mappings, String csrfPage) throws Exception {
		Map<String, Set<RequestMethod>> routes = routes(mappings);
		assertThat(routes).isNotEmpty();
		List<String> posts = new ArrayList<>();
		int requests = 0;
		for (Map.Entry<String, Set<RequestMethod>> route : routes.entrySet()) {
			assertHardened(browser.get(route.getKey()), "GET " + route.getKey());
			requests++;
			if (route.getValue().contains(RequestMethod.POST)) {
				posts.add(route.getKey());
			}
		}
		for (String path : posts) {
			HttpResponse<String> refused = browser.post(path, Map.of(), false);
			assertHardened(refused, "POST " + path + " without CSRF");
			assertThat(refused.statusCode()).as("POST " + path + " without CSRF").isEqualTo(403);
			String token = browser.csrfToken(csrfPage);
			assertHardened(browser.post(path, Map.of("_csrf", token), false), "POST " + path + " with CSRF");
			requests += 2;
		}
		return requests;
	}

}
