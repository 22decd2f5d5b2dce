package dev.mfaportal.audit;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.mfaportal.security.SecurityConfig;
import dev.mfaportal.support.Html;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

import static dev.mfaportal.support.Html.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(HistoryController.class)
@Import(SecurityConfig.class)
@EnableConfigurationProperties(AuditSettings.class)
@WithMockUser("alice")
class HistoryControllerTest {

	private static final String PHONE = "arn:aws:iam::123456789012:mfa/alice";

	private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

	private static final String REQUEST_ID = "58c5dbae-abef-11e0-8cfe-09039844ac7d";

	private static final String ROLE = "arn:aws:iam::123456789012:role/admin";

	private static final AuditEntry ISSUED = new AuditEntry(2L, T0.plusSeconds(60), "alice", "profile work",
			"AKIA…WXYZ", PHONE, "Work phone", 43200, Outcome.ISSUED, null, Instant.parse("2026-11-26T22:01:00Z"),
			"192.0.2.10", new CloudTrailIds(ROLE, REQUEST_ID, "ASIAIOSFODNN7EXAMPLE", "AROA3XFRBF535PLBIFPI4:alice"));

	private static final AuditEntry FAILED = new AuditEntry(1L, T0, "alice", "profile work", "AKIA…WXYZ", PHONE, null,
			3600, Outcome.FAILED, "AccessDenied", null, "192.0.2.10");

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MessageSource messages;

	@MockitoBean
	private AuditRepository audit;

	@BeforeEach
	void history() {
		given(this.audit.serialNumbers("alice")).willReturn(List.of("GAHT12345678", PHONE));
		given(this.audit.count(any())).willReturn(2L);
		given(this.audit.search(any(), anyInt(), anyInt())).willReturn(List.of(ISSUED, FAILED));
	}

	private String message(String key, Locale locale, Object... arguments) {
		return HtmlUtils.htmlEscape(this.messages.getMessage(key, arguments, locale), "UTF-8");
	}

	@Test
	void historyWhenNoFiltersThenTheActorsFirstPageNewestFirstInAnAccessibleTable() throws Exception {
		String page = this.mvc.perform(get("/history"))
			.andExpect(status().isOk())
			.andExpect(view().name(HistoryController.VIEW))
			.andExpect(content().string(containsString(
					"<caption id=\"history-caption\">Your history, page 1 of 1. Matching entries: 2</caption>")))
			.andExpect(content().string(containsString("<th scope=\"col\">When (UTC)</th>")))
			.andExpect(content().string(containsString(
					"<th scope=\"row\"><time datetime=\"2026-11-26T10:01:00Z\">2026-11-26 10:01:00</time></th>")))
			.andExpect(content().string(containsString("<td>profile work</td>")))
			.andExpect(content().string(containsString("<code>AKIA…WXYZ</code>")))
			.andExpect(content().string(containsString("<span>Work phone</span>")))
			.andExpect(content().string(containsString("<code>" + PHONE + "</code>")))
			.andExpect(content().string(containsString(">43200</td>")))
			.andExpect(content().string(containsString("<span>Credentials issued</span>")))
			.andExpect(content().string(containsString("<span>No credentials from STS</span>")))
			.andExpect(content().string(containsString("<code>AccessDenied</code>")))
			.andExpect(content().string(containsString("2026-11-26 22:01:00")))
			.andExpect(content().string(containsString("<td>192.0.2.10</td>")))
			.andExpect(content().string(containsString("Entries are kept for 90 days")))
			.andExpect(content().string(containsString("href=\"/history.csv\"")))
			.andExpect(content().string(not(containsString("data-previous"))))
			.andExpect(content().string(not(containsString("data-next"))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page.indexOf("2026-11-26 10:01:00")).isLessThan(page.indexOf("2026-11-26 10:00:00"));
		then(this.audit).should().count(AuditFilter.of("alice"));
		then(this.audit).should().search(AuditFilter.of("alice"), 0, HistoryController.PAGE_SIZE);
	}

	@Test
	void historyWhenFilteredThenFiltersGoToTheRepositoryForThisActorWithTheLastDayIncluded() throws Exception {
		given(this.audit.count(any())).willReturn(45L);
		this.mvc
			.perform(get("/history").param("device", PHONE)
				.param("outcome", "FAILED")
				.param("from", "2026-11-01")
				.param("to", "2026-11-30")
				.param("page", "1"))
			.andExpect(status().isOk());
		AuditFilter expected = new AuditFilter("alice", PHONE, Outcome.FAILED, Instant.parse("2026-11-01T00:00:00Z"),
				Instant.parse("2026-12-01T00:00:00Z"));
		then(this.audit).should().count(expected);
		then(this.audit).should().search(expected, 20, 20);
	}

	@Test
	void historyWhenMemberAsksForSomeoneElsesThenStillOnlyTheirOwn() throws Exception {
		this.mvc.perform(get("/history").param("member", "bob")).andExpect(status().isOk());
		then(this.audit).should().count(new AuditFilter("alice", null, null, null, null));
	}

	@Test
	@WithMockUser(username = "root", roles = { "MEMBER", "ADMIN" })
	void historyWhenAdminThenEveryonesWithAMemberColumnOrOneMembersOnRequest() throws Exception {
		this.mvc.perform(get("/history"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("data-member")));
		then(this.audit).should().count(new AuditFilter(null, null, null, null, null));
		this.mvc.perform(get("/history").param("member", "bob")).andExpect(status().isOk());
		then(this.audit).should().count(new AuditFilter("bob", null, null, null, null));
	}

	@Test
	void historyWhenAnAwsIdIsPastedThenTheRepositoryIsAskedForItWithinTheActorsOwnRows() throws Exception {
		this.mvc.perform(get("/history").param("awsId", " ASIAIOSFODNN7EXAMPLE ").param("member", "bob"))
			.andExpect(status().isOk())
			.andExpect(model().attribute("csvUrl", "/history.csv?member=bob&awsId=ASIAIOSFODNN7EXAMPLE"));
		then(this.audit).should().count(new AuditFilter("alice", null, null, null, null, "ASIAIOSFODNN7EXAMPLE"));
	}

	@Test
	@WithMockUser(username = "root", roles = { "MEMBER", "ADMIN" })
	void historyWhenAnAdminPastesAnAwsIdThenEveryMembersRowsAreSearched() throws Exception {
		this.mvc.perform(get("/history").param("awsId", REQUEST_ID)).andExpect(status().isOk());
		then(this.audit).should().count(new AuditFilter(null, null, null, null, null, REQUEST_ID));
	}

	@Test
	void historyWhenAnAwsIdIsTooLongThenBadRequestAndNothingRead() throws Exception {
		this.mvc.perform(get("/history").param("awsId", "A".repeat(129)))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("historyForm", "awsId", "history.awsId.invalid"));
		then(this.audit).should(never()).count(any());
	}

	@Test
	void historyWhenARowHasCloudTrailIdsThenItsCellNamesEachAndOthersStayEmpty() throws Exception {
		String page = this.mvc.perform(get("/history").header("Accept-Language", "es"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Elements rows = Html.parse(page).select("[data-history-table] tbody tr");
		assertThat(rows).hasSize(2);
		assertThat(rows.get(0).select("[data-role-arn]").text()).isEqualTo(ROLE);
		assertThat(rows.get(0).select("[data-request-id]").text()).isEqualTo(REQUEST_ID);
		assertThat(rows.get(0).select("[data-issued-key]").text()).isEqualTo("ASIAIOSFODNN7EXAMPLE");
		assertThat(rows.get(0).select("[data-assumed-role-id]").text()).isEqualTo("AROA3XFRBF535PLBIFPI4:alice");
		assertThat(rows.get(0).select(".cloudtrail-ids dt").eachText()).containsExactly("Rol", "Id de solicitud de STS",
				"Clave emitida", "Id del rol asumido");
		assertThat(rows.get(1).select(".cloudtrail-ids dl")).isEmpty();
	}

	@Test
	void historyWhenFiltersEmptyOrBlankThenTheyDoNotFilter() throws Exception {
		this.mvc.perform(get("/history").param("device", "").param("outcome", " ").param("from", "").param("to", ""))
			.andExpect(status().isOk());
		then(this.audit).should().search(AuditFilter.of("alice"), 0, 20);
	}

	@Test
	void historyWhenFilteredThenTheFormShowsTheFiltersAndTheActorsDevices() throws Exception {
		this.mvc.perform(get("/history").param("device", PHONE).param("outcome", "FAILED").param("from", "2026-11-01"))
			.andExpect(content().string(containsString("<option value=\"GAHT12345678\">GAHT12345678</option>")))
			.andExpect(field("device", PHONE))
			.andExpect(field("outcome", "FAILED"))
			.andExpect(content().string(containsString("<option value=\"DEVICE_UNLOCKED\">Device unlocked</option>")))
			.andExpect(field("from", "2026-11-01"))
			.andExpect(content().string(containsString("method=\"get\"")))
			.andExpect(content().string(not(containsString("_csrf"))));
	}

	@Test
	void historyWhenInTheMiddleOfThePagesThenPreviousAndNextKeepTheFilters() throws Exception {
		String serial = "arn:aws:iam::123456789012:mfa/al+ice";
		given(this.audit.count(any())).willReturn(45L);
		String page = this.mvc
			.perform(get("/history").param("device", serial)
				.param("outcome", "ISSUED")
				.param("to", "2026-11-30")
				.param("page", "1"))
			.andExpect(content().string(containsString("Page 2 of 3")))
			.andReturn()
			.getResponse()
			.getContentAsString();

		String previous = href(page, "data-previous");
		String next = href(page, "data-next");
		String csv = href(page, "data-download-csv");
		String filters = "device=arn%3Aaws%3Aiam%3A%3A123456789012%3Amfa%2Fal%2Bice&outcome=ISSUED&to=2026-11-30";
		assertThat(previous).isEqualTo("/history?" + filters);
		assertThat(next).isEqualTo("/history?" + filters + "&page=2");
		assertThat(csv).isEqualTo("/history.csv?" + filters);

		this.mvc.perform(get(URI.create(next))).andExpect(status().isOk());
		then(this.audit).should()
			.search(new AuditFilter("alice", serial, Outcome.ISSUED, null, Instant.parse("2026-12-01T00:00:00Z")), 40,
					20);
	}

	@Test
	void historyWhenOnTheLastPageThenNoNextLink() throws Exception {
		given(this.audit.count(any())).willReturn(45L);
		this.mvc.perform(get("/history").param("page", "2"))
			.andExpect(content().string(containsString("Page 3 of 3")))
			.andExpect(content().string(containsString("data-previous")))
			.andExpect(content().string(not(containsString("data-next"))));
	}

	@Test
	void historyWhenPagePastTheEndThenSaysSoWithALinkToTheFirstPage() throws Exception {
		given(this.audit.count(any())).willReturn(5L);
		this.mvc.perform(get("/history").param("page", "7").param("outcome", "FAILED"))
			.andExpect(status().isOk())
			.andExpect(
					content().string(containsString("this page is past the end of the history (its last page is 1)")))
			.andExpect(content().string(containsString("href=\"/history?outcome=FAILED\"")))
			.andExpect(content().string(not(containsString("data-history-table"))));
		then(this.audit).should(never()).search(any(), anyInt(), anyInt());
	}

	@ParameterizedTest
	@CsvSource({ "0", "3" })
	void historyWhenNothingMatchesThenSaysSoWithoutTableOrDownload(String page) throws Exception {
		given(this.audit.count(any())).willReturn(0L);
		this.mvc.perform(get("/history").param("outcome", "DEVICE_LOCKED").param("page", page))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No entries match.")))
			.andExpect(content().string(not(containsString("data-history-past-end"))))
			.andExpect(content().string(not(containsString("data-history-table"))))
			.andExpect(content().string(not(containsString("data-download-csv"))));
		then(this.audit).should(never()).search(any(), anyInt(), anyInt());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			value = { "from | 2026-13-01 | history.date.format", "from | 26-11-2026 | history.date.format",
					"to | 2026-02-30 | history.date.format", "to | 2026-11-26T10:00 | history.date.format",
					"from | +12026-01-01 | history.date.format", "from | yesterday | history.date.format",
					"from | 1969-12-31 | history.date.range", "outcome | BOGUS | history.outcome.unknown",
					"outcome | issued | history.outcome.unknown", "page | -1 | history.page.invalid",
					"page | abc | history.page.invalid", "page | 99999999999 | history.page.invalid",
					"page | 1000001 | history.page.invalid", "awsId | ASIA<script> | history.awsId.invalid",
					"awsId | ASIA EXAMPLE | history.awsId.invalid", "awsId | ASIA…WXYZ | history.awsId.invalid" })
	void historyWhenAValueIsBadThenBadRequestWithTheReasonOnThePageAndNothingRead(String name, String value, String key)
			throws Exception {
		this.mvc.perform(get("/history").param(name, value))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(HistoryController.VIEW))
			.andExpect(model().attributeHasFieldErrorCode("historyForm", name, key))
			.andExpect(content().string(containsString(message("history.errors", Locale.ENGLISH))))
			.andExpect(content().string(containsString(message(key, Locale.ENGLISH))))
			.andExpect(content().string(not(containsString("data-history-table"))));
		then(this.audit).should(never()).count(any());
		then(this.audit).should(never()).search(any(), anyInt(), anyInt());
	}

	@Test
	void historyWhenFromAfterToThenBadRequestSayingSoInSpanish() throws Exception {
		this.mvc.perform(
				get("/history").param("from", "2026-11-30").param("to", "2026-11-01").header("Accept-Language", "es"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("historyForm", "to", "history.range.reversed"))
			.andExpect(content().string(containsString("La fecha final es anterior a la fecha inicial.")))
			.andExpect(content().string(containsString("aria-invalid=\"true\"")));
		then(this.audit).should(never()).count(any());
	}

	@Test
	void historyWhenTheSameDayIsFromAndToThenThatWholeDay() throws Exception {
		this.mvc.perform(get("/history").param("from", "2026-11-26").param("to", "2026-11-26"))
			.andExpect(status().isOk());
		then(this.audit).should()
			.count(new AuditFilter("alice", null, null, Instant.parse("2026-11-26T00:00:00Z"),
					Instant.parse("2026-11-27T00:00:00Z")));
	}

	@ParameterizedTest
	@EnumSource(Outcome.class)
	void historyWhenARowHasAnOutcomeThenItsLabelInEitherLanguage(Outcome outcome) throws Exception {
		AuditEntry entry = new AuditEntry(1L, T0, "alice", "admin", null, PHONE, null, null, outcome, null, null, null);
		given(this.audit.search(any(), anyInt(), anyInt())).willReturn(List.of(entry));
		for (Locale locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("es"))) {
			String label = message(outcome.messageKey(), locale);
			assertThat(label).isNotBlank();
			this.mvc.perform(get("/history").header("Accept-Language", locale.toLanguageTag()))
				.andExpect(status().isOk())
				.andExpect(content().string(containsString("<span>" + label + "</span>")));
		}
	}

	@Test
	void historyWhenADeviceWasUnlockedThenTheRowSaysByWhom() throws Exception {
		given(this.audit.search(any(), anyInt(), anyInt())).willReturn(List.of(new AuditEntry(1L, T0, "alice", "admin",
				null, PHONE, null, null, Outcome.DEVICE_UNLOCKED, null, null, null)));
		this.mvc.perform(get("/history")).andExpect(content().string(containsString("<td>Unlocked by admin</td>")));
		this.mvc.perform(get("/history").header("Accept-Language", "es"))
			.andExpect(content().string(containsString("<td>Desbloqueado por admin</td>")));
	}

	@Test
	void historyWhenAValueHoldsMarkupThenItIsEscaped() throws Exception {
		given(this.audit.search(any(), anyInt(), anyInt()))
			.willReturn(List.of(new AuditEntry(1L, T0, "alice", "<script>alert(1)</script>", null, "<b>serial</b>",
					"<img src=x>", null, Outcome.REJECTED_INPUT, null, null, null)));
		this.mvc.perform(get("/history"))
			.andExpect(content().string(containsString("&lt;script&gt;alert(1)&lt;/script&gt;")))
			.andExpect(content().string(not(containsString("<img src=x>"))))
			.andExpect(content().string(not(containsString("<b>serial</b>"))));
	}

	@Test
	@WithAnonymousUser
	void historyWhenNotLaunchedThenLaunchRequiredAndNothingRead() throws Exception {
		this.mvc.perform(get("/history")).andExpect(forwardedUrl("/launch-required"));
		this.mvc.perform(get("/history.csv")).andExpect(forwardedUrl("/launch-required"));
		then(this.audit).shouldHaveNoInteractions();
	}

	@Test
	void csvWhenFilteredThenEveryMatchingRowAsAnAttachmentThatIsNotCached() throws Exception {
		AuditEntry hostile = new AuditEntry(3L, T0.plusSeconds(120), "alice", "profile work", "AKIA…WXYZ", PHONE,
				"=HYPERLINK(\"http://x\",\"a, b\")", 900, Outcome.FAILED, "TIMEOUT", null, "192.0.2.10");
		given(this.audit.searchAll(any())).willReturn(List.of(hostile, ISSUED, FAILED));

		this.mvc.perform(get("/history.csv").param("device", PHONE).param("from", "2026-11-01").param("page", "4"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(new MediaType("text", "csv")))
			.andExpect(content().encoding("UTF-8"))
			.andExpect(header().string("Content-Disposition", "attachment; filename=\"mfa-portal-history.csv\""))
			.andExpect(header().string("Cache-Control", "no-store"))
			.andExpect(content().string(String.join("\r\n",
					"occurred_at,member,source,access_key,device_label,serial_number,duration_seconds,outcome,error_code,"
							+ "expires_at,client_address,target,role_arn,sts_request_id,issued_access_key_id,assumed_role_id",
					"2026-11-26T10:02:00Z,alice,profile work,AKIA…WXYZ,\"'=HYPERLINK(\"\"http://x\"\",\"\"a, b\"\")\","
							+ PHONE + ",900,FAILED,TIMEOUT,,192.0.2.10,,,,,",
					"2026-11-26T10:01:00Z,alice,profile work,AKIA…WXYZ,Work phone," + PHONE
							+ ",43200,ISSUED,,2026-11-26T22:01:00Z,192.0.2.10,," + ROLE + "," + REQUEST_ID
							+ ",ASIAIOSFODNN7EXAMPLE,AROA3XFRBF535PLBIFPI4:alice",
					"2026-11-26T10:00:00Z,alice,profile work,AKIA…WXYZ,," + PHONE
							+ ",3600,FAILED,AccessDenied,,192.0.2.10,,,,,",
					"")));
		then(this.audit).should()
			.searchAll(new AuditFilter("alice", PHONE, null, Instant.parse("2026-11-01T00:00:00Z"), null));
		then(this.audit).should(never()).search(any(), anyInt(), anyInt());
	}

	@Test
	void csvWhenNothingMatchesThenOnlyTheHeaderRow() throws Exception {
		given(this.audit.searchAll(any())).willReturn(List.of());
		this.mvc.perform(get("/history.csv"))
			.andExpect(status().isOk())
			.andExpect(content().string(String.join(",", Csv.HEADER) + "\r\n"));
		then(this.audit).should().searchAll(eq(AuditFilter.of("alice")));
	}

	@Test
	void csvWhenADateIsBadThenTheHistoryPageWithTheReasonNotAFile() throws Exception {
		this.mvc.perform(get("/history.csv").param("to", "2026-11-31"))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(HistoryController.VIEW))
			.andExpect(header().doesNotExist("Content-Disposition"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString(message("history.date.format", Locale.ENGLISH))));
		then(this.audit).should(never()).searchAll(any());
	}

	private static String href(String page, String marker) {
		Matcher matcher = Pattern.compile("<a[^>]*href=\"([^\"]*)\"[^>]*" + marker).matcher(page);
		assertThat(matcher.find()).as(marker).isTrue();
		return HtmlUtils.htmlUnescape(matcher.group(1));
	}

}
