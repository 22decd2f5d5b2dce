package dev.mfaportal.security;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property-based: every form field and query parameter of every route (read from the MVC
 * mappings: {@code @RequestParam}s and the components of form records) gets seeded random
 * values, mostly hostile. For every request: no 5xx but the designed ones, no stack
 * trace, no unescaped reflection, and STS is called only with input that passes STS's own
 * model. {@code -Dportal.fuzz.seed=N} replays a run; {@code -Dportal.fuzz.tries=N} runs
 * longer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PortalWithEmulator
class HostileInputIntegrationTest {

	static final EmulatedUser FUZZ = EmulatedAccounts.user("fuzz", "AKIAFUZZ000000000001",
			"FuzzSecret/00000000000000000000000000000");

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(FUZZ));

	static final long SEED = Long.getLong("portal.fuzz.seed", 20261126L);

	static final int TRIES_PER_ROUTE = Integer.getInteger("portal.fuzz.tries", 20);

	private static final Pattern SERIAL = Pattern.compile("[\\w+=/:,.@-]{9,256}");

	/** Plausible values, so that some tries pass validation and really reach STS. */
	private static final Map<String, String> VALID = Map.of("source", "fuzz", "serialNumber",
			FUZZ.device().serialNumber(), "tokenCode", "123456", "durationSeconds", "900", "profileName", "mfa",
			"label", "phone");

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	@TestFactory
	Stream<DynamicTest> everyFieldOfEveryRouteWhenHostileThenNo5xxNoTraceNoReflectionNoUncheckedStsCall(
			PortalClient browser) throws Exception {
		String csrf = browser.csrfToken("/devices/new");
		HostileValues values = new HostileValues(SEED);
		List<DynamicTest> tests = new ArrayList<>();
		for (Route route : routes()) {
			tests.add(DynamicTest.dynamicTest(route.toString(), () -> {
				for (int i = 0; i < TRIES_PER_ROUTE; i++) {
					Map<String, String> fields = new LinkedHashMap<>();
					if (values.nextInt(3) == 0) {
						// all valid but one field, to probe each check on its own
						route.fields().stream().filter(VALID::containsKey).forEach((f) -> fields.put(f, VALID.get(f)));
						if (!route.fields().isEmpty() && values.nextInt(2) == 0) {
							String field = route.fields().get(values.nextInt(route.fields().size()));
							fields.put(field, values.next(VALID.get(field)));
						}
					}
					else {
						for (String field : route.fields()) {
							if (values.nextInt(4) != 0) {
								fields.put(field, values.next(VALID.get(field)));
							}
						}
					}
					String path = route.path().replaceAll("\\{[^}]+}", pathValue(values));
					check(browser, route, path, fields, csrf);
				}
			}));
		}
		assertThat(tests).hasSizeGreaterThan(10);
		tests.add(DynamicTest.dynamicTest("some tries were valid and reached STS",
				() -> assertThat(emulator.recordedRequests())
					.anyMatch((call) -> "GetSessionToken".equals(call.action()))));
		return tests.stream();
	}

	private void check(PortalClient browser, Route route, String path, Map<String, String> fields, String csrf)
			throws Exception {
		int before = emulator.recordedRequests().size();
		HttpResponse<String> answer;
		if (route.method() == RequestMethod.POST) {
			Map<String, String> body = new LinkedHashMap<>(fields);
			body.put("_csrf", csrf);
			answer = browser.post(path, body, false);
		}
		else {
			String query = fields.entrySet()
				.stream()
				.map((e) -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
						+ URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
				.collect(Collectors.joining("&"));
			answer = browser.get(query.isEmpty() ? path : path + "?" + query);
		}
		String what = "seed " + SEED + ": " + route.method() + " " + path + " " + fields;
		assertThat(answer.statusCode()).as(what).matches((status) -> status < 500 || status == 503);
		assertThat(answer.body()).as(what)
			.doesNotContain("Exception")
			.doesNotContain("\tat ")
			.doesNotContain("org.springframework")
			.doesNotContain("Whitelabel");
		for (String value : fields.values()) {
			if (HostileValues.dangerousIfReflected(value)) {
				assertThat(answer.body()).as(what).doesNotContain(value);
			}
		}
		List<RecordedRequest> calls = emulator.recordedRequests();
		for (RecordedRequest call : calls.subList(before, calls.size())) {
			assertThat(call.errorCode()).as(what).isNotEqualTo("ValidationError");
			if ("GetSessionToken".equals(call.action()) || "AssumeRole".equals(call.action())) {
				assertThat(fields.getOrDefault("serialNumber", "")).as(what).matches(SERIAL);
				assertThat(fields.getOrDefault("tokenCode", "")).as(what).matches("\\d{6}");
				assertThat(fields.getOrDefault("durationSeconds", "")).as(what).matches("\\d{3,6}");
				assertThat(Integer.parseInt(fields.get("durationSeconds"))).as(what).isBetween(900, 129600);
			}
		}
	}

	private static String pathValue(HostileValues values) {
		return List.of("999999", "abc", "-1", "99999999999999999999", "%3Cscript%3E", "0").get(values.nextInt(6));
	}

	/** Every route and method with the names of every value it reads from the request. */
	private List<Route> routes() {
		Set<Route> routes = new LinkedHashSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.mappings.getHandlerMethods().entrySet()) {
			Set<String> fields = new LinkedHashSet<>();
			for (MethodParameter parameter : entry.getValue().getMethodParameters()) {
				parameter.initParameterNameDiscovery(new DefaultParameterNameDiscoverer());
				RequestParam requestParam = parameter.getParameterAnnotation(RequestParam.class);
				if (requestParam != null) {
					fields.add(requestParam.name().isEmpty() ? parameter.getParameterName() : requestParam.name());
				}
				else if (parameter.getParameterType().isRecord()) {
					for (var component : parameter.getParameterType().getRecordComponents()) {
						fields.add(component.getName());
					}
				}
			}
			Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
			for (String pattern : entry.getKey().getPatternValues()) {
				if (pattern.equals("/error")) {
					// Boot's error dispatcher, not a page: asked for directly it reports
					// a 500 without an error
					continue;
				}
				for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
					routes.add(new Route(method, pattern, List.copyOf(fields)));
				}
			}
		}
		return List.copyOf(routes);
	}

	record Route(RequestMethod method, String path, List<String> fields) {

		@Override
		public String toString() {
			return this.method + " " + this.path + " " + this.fields;
		}

	}

}
