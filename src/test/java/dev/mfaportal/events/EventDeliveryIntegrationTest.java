package dev.mfaportal.events;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.mfaportal.emulator.EmulatedUser;
import dev.mfaportal.emulator.EmulatorSettings;
import dev.mfaportal.emulator.RecordedRequest;
import dev.mfaportal.emulator.TestEmulator;
import dev.mfaportal.emulator.Totp;
import dev.mfaportal.support.EmulatedAccounts;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.PortalClient;
import dev.mfaportal.support.PortalWithEmulator;
import dev.mfaportal.support.WebhookReceiver;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every event reaches a real receiver on 127.0.0.1, signed, whatever the receiver does:
 * answers 500 for a while, is down, hangs past the timeout, or redirects (never
 * followed). Events are made by the portal itself (an issue, or a form it refuses), and
 * what was sent is read back from the receiver and from the outbox page.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "portal.events.webhook-secret=" + EventDeliveryIntegrationTest.SECRET,
				"portal.events.poll-interval=200ms", "portal.events.request-timeout=1s",
				"portal.events.connect-timeout=500ms", "portal.events.log=true" })
@PortalWithEmulator
@ExtendWith(OutputCaptureExtension.class)
class EventDeliveryIntegrationTest {

	static final String SECRET = "receiver-shared-secret";

	static final EmulatedUser EVE = EmulatedAccounts.user("eve", "AKIAEVENTS0000000001",
			"eveSecret/000000000000000000000000000000");

	/**
	 * Issues for the event log's test, with a device of its own: no code shared with
	 * eve's tests.
	 */
	static final EmulatedUser LOGAN = EmulatedAccounts.user("h23-logan", "AKIAEVENTS0000000002",
			"loganSecret/0000000000000000000000000000");

	static final TestEmulator emulator = TestEmulator.start(EmulatorSettings.of(EVE, LOGAN));

	static final WebhookReceiver receiver = new WebhookReceiver(SECRET);

	static final WebhookReceiver elsewhere = new WebhookReceiver(SECRET);

	@DynamicPropertySource
	static void webhook(DynamicPropertyRegistry properties) {
		properties.add("portal.events.webhook-url", () -> receiver.url().toString());
	}

	PortalClient browser;

	@Autowired
	MeterRegistry meters;

	@BeforeEach
	void launch(PortalClient launched) {
		this.browser = launched;
		receiver.answer(200);
	}

	@AfterEach
	void everyPostSigned() {
		assertThat(receiver.posts()).allSatisfy(
				(post) -> assertThat(post.signedWithTheSecret()).as("post of %s signed with the secret", post.eventId())
					.isTrue());
		assertThat(elsewhere.posts()).as("posts where the receiver redirected to").isEmpty();
	}

	/** A form the portal refuses: a history row, so an event, without STS. */
	private String refusedForm() throws Exception {
		this.browser.post("/session-token", Map.of("source", "eve", "serialNumber", EVE.device().serialNumber(),
				"tokenCode", "abc", "durationSeconds", "900", "profileName", "mfa"), true);
		return newestEvent().attr("data-event-id");
	}

	private Element newestEvent() throws Exception {
		return Html.parse(this.browser.get("/events").body()).selectFirst("[data-events-table] tbody tr");
	}

	private Element event(String eventId) throws Exception {
		return Html.parse(this.browser.get("/events").body())
			.selectFirst("[data-events-table] tbody tr[data-event-id=" + eventId + "]");
	}

	private List<WebhookReceiver.Post> postsOf(String eventId) {
		return receiver.posts().stream().filter((post) -> eventId.equals(post.eventId())).toList();
	}

	private static void await(String what, BooleanSupplier condition) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(30);
		while (!condition.getAsBoolean()) {
			assertThat(Instant.now()).as(what).isBefore(deadline);
			Thread.sleep(100);
		}
	}

	private void awaitSent(String eventId) throws Exception {
		Instant deadline = Instant.now().plusSeconds(30);
		while (!"SENT".equals(event(eventId).attr("data-status"))) {
			assertThat(Instant.now()).as("event %s sent", eventId).isBefore(deadline);
			Thread.sleep(200);
		}
	}

	private static List<String> eventLogLines(CapturedOutput output) {
		return output.getOut().lines().filter((line) -> line.contains(" mfaportal.events ")).toList();
	}

	private double gauge(String name) {
		return this.meters.get(name).gauge().value();
	}

	/** The value of a sample in Prometheus' text format, whatever its labels. */
	private static double sample(String scraped, String name) {
		String line = scraped.lines()
			.filter((candidate) -> candidate.startsWith(name + " ") || candidate.startsWith(name + "{"))
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + " not in\n" + scraped));
		return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
	}

	private static String bodyId(WebhookReceiver.Post post) {
		JsonNode body = JsonMapper.shared().readTree(post.body());
		return body.get("id").asString();
	}

	@Test
	void eventLogWhenOnThenOneJsonLinePerEventOnItsOwnLoggerAndNoSecret(CapturedOutput output) throws Exception {
		String page = this.browser.post("/session-token",
				Map.of("source", "h23-logan", "serialNumber", LOGAN.device().serialNumber(), "tokenCode",
						Totp.currentCode(LOGAN.device().base32Secret(), Clock.systemUTC()), "durationSeconds", "900",
						"profileName", "mfa"),
				true)
			.body();
		String eventId = newestEvent().attr("data-event-id");
		String refused = refusedForm();

		await("both events logged",
				() -> eventLogLines(output).stream()
					.filter((line) -> line.contains(refused) || line.contains(eventId))
					.count() >= 2);
		for (String id : List.of(eventId, refused)) {
			List<String> lines = eventLogLines(output).stream().filter((line) -> line.contains(id)).toList();
			assertThat(lines).as("lines of event %s", id).hasSize(1);
			JsonNode logged = JsonMapper.shared().readTree(lines.get(0).substring(lines.get(0).indexOf('{')));
			assertThat(logged.get("id").asString()).isEqualTo(id);
			assertThat(logged.get("actor").asString()).isNotBlank();
			assertThat(logged.get("time").asString()).isNotBlank();
		}
		JsonNode issued = JsonMapper.shared()
			.readTree(eventLogLines(output).stream()
				.filter((line) -> line.contains(eventId))
				.findFirst()
				.orElseThrow()
				.replaceFirst("^[^{]*", ""));
		assertThat(issued.get("type").asString()).isEqualTo("issued");
		String secretKey = PortalClient.snippet(page, "env")
			.lines()
			.filter((line) -> line.contains("AWS_SECRET_ACCESS_KEY="))
			.findFirst()
			.orElseThrow();
		String secret = secretKey.substring(secretKey.indexOf('=') + 1).replace("'", "");
		String sessionToken = PortalClient.snippet(page, "env")
			.lines()
			.filter((line) -> line.contains("AWS_SESSION_TOKEN="))
			.findFirst()
			.orElseThrow();
		assertThat(output.getAll()).doesNotContain(secret)
			.doesNotContain(sessionToken.substring(sessionToken.indexOf('=') + 1).replace("'", ""))
			.doesNotContain(LOGAN.secretAccessKey());
	}

	@Test
	void metricsWhenTheReceiverRefusesThenPendingAndTheOldestAgeRiseAndFallOnceDelivered() throws Exception {
		receiver.answer(503);
		String eventId = refusedForm();
		await("a refused post", () -> !postsOf(eventId).isEmpty());
		Thread.sleep(1100);

		assertThat(gauge("portal.events.pending")).isGreaterThanOrEqualTo(1);
		assertThat(gauge("portal.events.oldest.pending.age")).isGreaterThanOrEqualTo(1);

		receiver.answer(200);
		awaitSent(eventId);
		await("nothing pending", () -> gauge("portal.events.pending") == 0);
		assertThat(gauge("portal.events.oldest.pending.age")).isZero();
	}

	@Test
	void metricsWhenScrapedThenThePrometheusPageNamesPendingAndTheOldestAge() throws Exception {
		receiver.answer(503);
		String eventId = refusedForm();
		await("a refused post", () -> !postsOf(eventId).isEmpty());

		String scraped = this.browser.get("/actuator/prometheus").body();

		assertThat(sample(scraped, "portal_events_pending")).isGreaterThanOrEqualTo(1);
		assertThat(sample(scraped, "portal_events_oldest_pending_age_seconds")).isGreaterThanOrEqualTo(0);
		receiver.answer(200);
		awaitSent(eventId);
	}

	@Test
	void receiverWhenItAnswersWithMarkupAndControlCharactersThenThePageShowsItAsPlainText() throws Exception {
		receiver.answer(500, "<b>bold</b>\u0007\r\n<script src=\"/x.js\"></script>");
		String eventId = refusedForm();
		await("a refused post", () -> !postsOf(eventId).isEmpty());

		Element answer = event(eventId).selectFirst("[data-last-answer] code");
		assertThat(answer.children()).isEmpty();
		assertThat(answer.text()).isEqualTo("HTTP 500: <b>bold</b> <script src=\"/x.js\"></script>");
		receiver.answer(200);
		awaitSent(eventId);
	}

	@Test
	void sendAgainWhenTheEventWasPostedBeforeThenTheSameIdInTheHeaderAndTheBodyEveryTime() throws Exception {
		receiver.answer(503);
		String eventId = refusedForm();
		await("a refused post", () -> !postsOf(eventId).isEmpty());
		receiver.answer(200);
		this.browser.post("/events/" + eventId + "/resend", Map.of(), true);
		awaitSent(eventId);

		assertThat(postsOf(eventId)).hasSizeGreaterThanOrEqualTo(2)
			.allSatisfy((post) -> assertThat(bodyId(post)).isEqualTo(eventId));
	}

	@Test
	void issueWhenStsAnsweredThenOneSignedEventWithCloudTrailsIdsAndNoSecret() throws Exception {
		int before = emulator.recordedRequests().size();
		String page = this.browser.post("/session-token",
				Map.of("source", "eve", "serialNumber", EVE.device().serialNumber(), "tokenCode",
						Totp.currentCode(EVE.device().base32Secret(), Clock.systemUTC()), "durationSeconds", "900",
						"profileName", "mfa"),
				true)
			.body();
		RecordedRequest answered = emulator.recordedRequests().get(before);
		String eventId = newestEvent().attr("data-event-id");

		awaitSent(eventId);
		WebhookReceiver.Post post = postsOf(eventId).get(0);
		assertThat(post.body()).contains("\"id\":\"" + eventId + "\"", "\"type\":\"issued\"",
				"\"sts_request_id\":\"" + answered.requestId() + "\"",
				"\"issued_access_key_id\":\"" + answered.issuedAccessKeyId() + "\"");
		String secretKey = PortalClient.snippet(page, "env")
			.lines()
			.filter((line) -> line.contains("AWS_SECRET_ACCESS_KEY="))
			.findFirst()
			.orElseThrow();
		String secret = secretKey.substring(secretKey.indexOf('=') + 1).replace("'", "");
		assertThat(receiver.posts()).noneSatisfy((sent) -> assertThat(sent.body()).contains(secret));
		assertThat(post.body()).doesNotContain(EVE.secretAccessKey());
	}

	@Test
	void receiverWhenItAnswers500ForAWhileThenTheEventArrivesOnceItRecovers() throws Exception {
		receiver.answer(500);
		String eventId = refusedForm();
		await("two refused posts", () -> postsOf(eventId).size() >= 2);

		Element failing = event(eventId);
		assertThat(failing.attr("data-status")).isEqualTo("PENDING");
		assertThat(failing.selectFirst("[data-last-answer] code").text()).isEqualTo("HTTP 500: receiver says no");

		receiver.answer(200);
		awaitSent(eventId);
		assertThat(postsOf(eventId)).hasSizeGreaterThanOrEqualTo(3);
	}

	@Test
	void receiverWhenDownForAWhileThenTheEventArrivesWhenItIsBack() throws Exception {
		receiver.stop();
		String eventId;
		try {
			eventId = refusedForm();
			String id = eventId;
			await("a failed try", () -> {
				try {
					return !event(id).select("[data-last-answer] code").isEmpty();
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
		}
		finally {
			receiver.start();
		}
		awaitSent(eventId);
		assertThat(postsOf(eventId)).isNotEmpty();
	}

	@Test
	void receiverWhenItHangsPastTheTimeoutThenTheEventIsSentAgainAndArrives() throws Exception {
		receiver.hang(1, 3000);
		String eventId = refusedForm();

		awaitSent(eventId);
		assertThat(postsOf(eventId)).hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void receiverWhenItRedirectsThenNothingGoesWhereItPointsAndTheEventArrivesLater() throws Exception {
		receiver.redirectTo(elsewhere.url());
		String eventId = refusedForm();
		await("two redirected posts", () -> postsOf(eventId).size() >= 2);
		assertThat(event(eventId).attr("data-status")).isEqualTo("PENDING");

		receiver.answer(200);
		awaitSent(eventId);
	}

	@Test
	void outboxPageWhenSendAgainIsPressedThenTheEventIsDueAtOnceAndArrives() throws Exception {
		receiver.answer(503);
		String eventId = refusedForm();
		await("a refused post", () -> !postsOf(eventId).isEmpty());
		receiver.answer(200);

		this.browser.post("/events/" + eventId + "/resend", Map.of(), true);

		assertThat(Html.parse(this.browser.get("/events").body()).selectFirst("[data-flash]").attr("data-flash-key"))
			.isEqualTo("events.resent");
		awaitSent(eventId);
	}

}
