package dev.mfaportal.issuing;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Locale;
import java.util.List;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSource.Kind;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.VaultState;
import dev.mfaportal.credentialsource.SearchedPlace;
import dev.mfaportal.issuing.DevicePresets.DevicePreset;
import dev.mfaportal.security.SecurityConfig;
import dev.mfaportal.snippet.SnippetFormat;
import dev.mfaportal.snippet.Snippets;
import dev.mfaportal.support.Html;
import dev.mfaportal.sts.CallerIdentity;
import dev.mfaportal.sts.ConsoleSignIn;
import dev.mfaportal.sts.DeviceFinding;
import dev.mfaportal.sts.MfaDeviceFinder;
import dev.mfaportal.sts.RoleCredentials;
import dev.mfaportal.sts.RoleRequest;
import dev.mfaportal.sts.SessionTokenRequest;
import dev.mfaportal.sts.StsCallException;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsFailure;
import dev.mfaportal.sts.StsGateway;
import dev.mfaportal.sts.StsSettings;
import dev.mfaportal.sts.TemporaryCredentials;
import jakarta.servlet.http.HttpSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.MessageSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.ResultMatcher;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.util.HtmlUtils;

import static dev.mfaportal.support.Html.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(IssuingController.class)
@Import({ SecurityConfig.class, IssuingService.class, RenewLinks.class, HardwareCodeReader.class, IssueFormPage.class })
@WithMockUser("alice")
@RecordApplicationEvents
class IssuingControllerTest {

	private static final CredentialSource PROFILE = new CredentialSource("profile:work", Kind.PROFILE, "work",
			"AKIA…WXYZ", false, "eu-west-1", "arn:aws:iam::123456789012:mfa/alice", true);

	private static final CredentialSource SESSION = new CredentialSource("environment", Kind.ENVIRONMENT,
			"AWS_ACCESS_KEY_ID", "ASIA…ABCD", true, "us-east-1", null, false);

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	private static final DevicePreset WORK_DEVICE = new DevicePreset(7, "Work phone",
			"arn:aws:iam::123456789012:mfa/work", 3600, "work-mfa", "profile:work",
			Instant.parse("2026-11-25T09:00:00Z"), null, null, null, false);

	private static final TemporaryCredentials ISSUED = new TemporaryCredentials("ASIAISSUEDKEY0000001",
			"issued-secret-canary", "issued-token-canary", Instant.parse("2026-11-26T22:00:00Z"));

	@Autowired
	private MockMvc mvc;

	@Autowired
	private MessageSource messages;

	@MockitoBean
	private CredentialSources sources;

	@MockitoBean
	private StsGateway sts;

	@MockitoBean
	private AttemptGuard guard;

	@MockitoBean
	private DevicePresets presets;

	@MockitoBean
	private ConsoleSignIn console;

	@MockitoBean
	private MfaDeviceFinder finder;

	@Autowired
	private ApplicationEvents events;

	@Autowired
	private RenewLinks renewLinks;

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StsSettings.class)
	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

	/**
	 * Team mode's policy as the form meets it: allows everything unless a test sets the
	 * verdict its next check returns.
	 */
	static class SettablePolicy implements IssuePolicy {

		volatile Verdict verdict = Verdict.ALLOWED;

		@Override
		public Verdict check(String actor, String roleArn, int durationSeconds) {
			return this.verdict;
		}

		@Override
		public Grants grants(String actor) {
			return Grants.UNLIMITED;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Policy {

		@Bean
		SettablePolicy settablePolicy() {
			return new SettablePolicy();
		}

	}

	@Autowired
	private SettablePolicy policy;

	@BeforeEach
	void sources() {
		this.policy.verdict = IssuePolicy.Verdict.ALLOWED;
		given(this.guard.admit(any(), any(), any())).willReturn(AttemptGuard.Verdict.ADMITTED);
		given(this.sources.list()).willReturn(List.of(PROFILE, SESSION));
		given(this.sources.caller(any()))
			.willReturn(new StsCaller("profile:work", AnonymousCredentialsProvider.create(), "eu-west-1", null));
		// How a source is resolved and signs is the interface's own, for every
		// implementation.
		given(this.sources.resolve(any(), any(), any(), any())).willCallRealMethod();
		given(this.sources.caller(any(), any())).willCallRealMethod();
	}

	private MockHttpServletRequestBuilder issue(String serial, String code, String duration) {
		return issue("profile:work", serial, code, duration);
	}

	private MockHttpServletRequestBuilder issue(String source, String serial, String code, String duration) {
		return issueWithoutCsrfToken(source, serial, code, duration).with(csrf());
	}

	/** The form's submit as a page from another site could send it. */
	private static MockHttpServletRequestBuilder issueWithoutCsrfToken(String source, String serial, String code,
			String duration) {
		return post("/session-token").param("source", source)
			.param("serialNumber", serial)
			.param("tokenCode", code)
			.param("durationSeconds", duration)
			.param("profileName", "mfa");
	}

	@Test
	void formWhenSourcesExistThenFieldsCarryTheStsParameterNamesAndDefaults() throws Exception {
		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(view().name(IssuingController.FORM_VIEW))
			.andExpect(field("serialNumber", "arn:aws:iam::123456789012:mfa/alice"))
			.andExpect(field("tokenCode", ""))
			.andExpect(field("durationSeconds", "43200"))
			.andExpect(field("profileName", "mfa"))
			.andExpect(named("serialNumber", "tokenCode", "durationSeconds", "profileName"))
			.andExpect(content().string(containsString("AKIA…WXYZ")))
			.andExpect(content().string(containsString("capped at 1 hour")));
	}

	@Test
	void formWhenTheVaultIsLockedThenSaysSoAndLinksToTheUnlock() throws Exception {
		given(this.sources.vaultState()).willReturn(
				new VaultState("file", VaultState.Status.LOCKED, "/home/alice/.mfa-portal/vault", null, "", null));

		String page = this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(model().attribute("vaultLocked", true))
			.andReturn()
			.getResponse()
			.getContentAsString();

		Element notice = Html.parse(page).selectFirst("[data-vault-locked]");
		assertThat(notice).isNotNull();
		assertThat(notice.selectFirst("a").attr("href")).isEqualTo("/keys#unlock");
	}

	@Test
	void formWhenTheVaultIsUnlockedThenNoLockedNotice() throws Exception {
		given(this.sources.vaultState()).willReturn(
				new VaultState("file", VaultState.Status.READY, "/home/alice/.mfa-portal/vault", null, "", null));

		this.mvc.perform(get("/")).andExpect(model().attribute("vaultLocked", false));
	}

	@Test
	void formWhenRenewLinkFollowedThenDeviceDurationAndProfilePrefilled() throws Exception {
		this.mvc
			.perform(get(this.renewLinks.link("alice", PROFILE,
					new IssueForm("profile:work", "GAHT12345678", "", "3600", "work-mfa"))))
			.andExpect(field("serialNumber", "GAHT12345678"))
			.andExpect(field("durationSeconds", "3600"))
			.andExpect(field("profileName", "work-mfa"))
			.andExpect(model().attributeDoesNotExist("linkIgnored", "presetRole"));
	}

	@Test
	void formWhenALinkFromElsewhereNamesARoleAProfileOrASaveThenNoneIsPresetAndThePageSaysSo() throws Exception {
		MvcResult result = this.mvc
			.perform(get("/").param("source", "profile:work")
				.param("serialNumber", "GAHT12345678")
				.param("durationSeconds", "3600")
				.param("roleArn", "arn:aws:iam::999999999999:role/x")
				.param("roleSessionName", "innocent")
				.param("externalId", "theirs")
				.param("profileName", "default")
				.param("saveProfile", "true")
				.param("serve", "true"))
			.andExpect(status().isOk())
			.andExpect(model().attribute("linkIgnored", true))
			.andExpect(model().attributeDoesNotExist("presetRole"))
			.andReturn();
		IssueForm form = (IssueForm) result.getModelAndView().getModel().get("issueForm");
		assertThat(form.roleArn()).isNull();
		assertThat(form.roleSessionName()).isNull();
		assertThat(form.externalId()).isNull();
		assertThat(form.profileName()).isEqualTo("mfa");
		assertThat(form.savesProfile()).isFalse();
		assertThat(form.serve()).isNull();
		// the harmless fields still fill the form
		assertThat(form.serialNumber()).isEqualTo("GAHT12345678");
		assertThat(form.durationSeconds()).isEqualTo("3600");
		Document page = Html.parse(result.getResponse().getContentAsString());
		assertThat(page.select("[data-link-ignored]").text())
			.isEqualTo(this.messages.getMessage("form.link.ignored", null, Locale.ENGLISH));
		assertThat(page.select("[data-preset-role]")).isEmpty();
	}

	@Test
	void formWhenTheRenewLinkOfThisRunNamesARoleAndASaveThenPresetAndTheRoleIsShownAsSuch() throws Exception {
		IssueForm renewed = new IssueForm("profile:work", "GAHT12345678", "", "3600", "work-mfa", null, null,
				"arn:aws:iam::123456789012:role/Admin", "alice-admin", "ext-1", "true", null);
		MvcResult result = this.mvc.perform(get(this.renewLinks.link("alice", PROFILE, renewed)))
			.andExpect(model().attribute("presetRole", "arn:aws:iam::123456789012:role/Admin"))
			.andExpect(model().attributeDoesNotExist("linkIgnored"))
			.andReturn();
		IssueForm form = (IssueForm) result.getModelAndView().getModel().get("issueForm");
		assertThat(form.roleArn()).isEqualTo("arn:aws:iam::123456789012:role/Admin");
		assertThat(form.roleSessionName()).isEqualTo("alice-admin");
		assertThat(form.externalId()).isEqualTo("ext-1");
		assertThat(form.savesProfile()).isTrue();
		Document page = Html.parse(result.getResponse().getContentAsString());
		assertThat(page.select("[data-preset-role]").text()).isEqualTo(this.messages.getMessage("form.role.preset",
				new Object[] { "arn:aws:iam::123456789012:role/Admin" }, Locale.ENGLISH));
	}

	@Test
	void formWhenARenewLinkIsAlteredOrFromAnotherRunThenItsRoleAndSaveAreIgnored() throws Exception {
		IssueForm renewed = new IssueForm("profile:work", "GAHT12345678", "", "3600", "work-mfa", null, null,
				"arn:aws:iam::123456789012:role/Admin", null, null, "true", null);
		String altered = this.renewLinks.link("alice", PROFILE, renewed)
			.toString()
			.replace("123456789012%3Arole", "999999999999%3Arole");
		URI otherRun = new RenewLinks(java.util.Optional.empty()).link("alice", PROFILE, renewed);
		for (String link : List.of(altered, otherRun.toString())) {
			MvcResult result = this.mvc.perform(get(URI.create(link)))
				.andExpect(model().attribute("linkIgnored", true))
				.andReturn();
			IssueForm form = (IssueForm) result.getModelAndView().getModel().get("issueForm");
			assertThat(form.roleArn()).as(link).isNull();
			assertThat(form.savesProfile()).as(link).isFalse();
			assertThat(form.profileName()).as(link).isEqualTo("mfa");
		}
	}

	@Test
	void formWhenNothingChoseTheDurationThenItsDefaultIsSentBackAndAChosenOneIsNot() throws Exception {
		this.mvc.perform(get("/")).andExpect(field("durationDefault", "43200"));
		this.mvc
			.perform(get("/").param("source", "profile:work")
				.param("serialNumber", "GAHT12345678")
				.param("durationSeconds", "43200")
				.param("profileName", "work-mfa"))
			.andExpect((result) -> assertThat(
					Html.parse(result.getResponse().getContentAsString()).getElementById("durationDefault"))
				.isNull());
	}

	@Test
	void issueWhenARoleKeepsTheFormsDefaultDurationThenAnHourIsAskedAndAChosenLengthIsKept() throws Exception {
		given(this.sts.assumeRole(any(), any()))
			.willReturn(new RoleCredentials(ISSUED, "arn:aws:sts::123456789012:assumed-role/admin/alice"));
		this.mvc
			.perform(issue("arn:aws:iam::123456789012:mfa/alice", "123456", "43200").param("durationDefault", "43200")
				.param("roleArn", "arn:aws:iam::123456789012:role/admin")
				.param("roleSessionName", "alice"))
			.andExpect(status().isOk());
		this.mvc
			.perform(issue("arn:aws:iam::123456789012:mfa/alice", "654321", "43200")
				.param("roleArn", "arn:aws:iam::123456789012:role/admin")
				.param("roleSessionName", "alice"))
			.andExpect(status().isOk());
		org.mockito.ArgumentCaptor<RoleRequest> asked = org.mockito.ArgumentCaptor.forClass(RoleRequest.class);
		then(this.sts).should(org.mockito.Mockito.times(2)).assumeRole(any(), asked.capture());
		assertThat(asked.getAllValues()).extracting(RoleRequest::durationSeconds).containsExactly(3600, 43200);
	}

	@Test
	void formWhenSourceHoldsSessionTokenThenSaysSoBeforeAnyCall() throws Exception {
		this.mvc.perform(get("/").param("source", "environment"))
			.andExpect(
					content().string(containsString("GetSessionToken can&#39;t be called with session credentials")));
		then(this.sts).shouldHaveNoInteractions();
	}

	@Test
	void formWhenNoCredentialsAnywhereThenPageSaysWhereItLooked() throws Exception {
		given(this.sources.list()).willReturn(List.of());
		given(this.sources.searched())
			.willReturn(List.of(new SearchedPlace("credentials-file", "/home/alice/.aws/credentials", false)));
		this.mvc.perform(get("/"))
			.andExpect(view().name(IssuingController.NO_CREDENTIALS_VIEW))
			.andExpect(content().string(containsString("/home/alice/.aws/credentials")))
			.andExpect(content().string(containsString("aws configure")));
	}

	@Test
	void issueWhenUserArnThenSuggestsTheMfaArnAndStsIsNotCalled() throws Exception {
		this.mvc.perform(issue("arn:aws:iam::123456789012:user/alice", "123456", "3600"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("issueForm", "serialNumber", "form.serialNumber.userArn"))
			.andExpect(content().string(containsString("arn:aws:iam::123456789012:mfa/alice")));
		then(this.sts).should(never()).getSessionToken(any(), any());
	}

	@Test
	void issueWhenInvalidInSpanishThenMessageBesideTheFieldInSpanish() throws Exception {
		this.mvc.perform(issue("arn:aws:iam::123456789012:mfa/alice", "12a", "60").header("Accept-Language", "es"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("El código MFA tiene exactamente 6 dígitos.")))
			.andExpect(content().string(containsString("La duración de la sesión debe estar entre 900")));
		then(this.sts).shouldHaveNoInteractions();
	}

	@Test
	void formWhenNothingIsWrongThenNoFieldIsMarked() throws Exception {
		Document page = Html.parse(this.mvc.perform(get("/")).andReturn().getResponse().getContentAsString());
		assertThat(page.select(".has-error, .field-error, [aria-invalid=true]")).isEmpty();
		assertThat(page.select("[aria-invalid=false]")).extracting(Element::id)
			.contains("serialNumber", "tokenCode", "durationSeconds", "profileName", "roleArn", "roleSessionName",
					"externalId");
	}

	@Test
	void issueWhenTwoFieldsAreInvalidThenEachIsMarkedAndDescribedAndNoOtherIs() throws Exception {
		Document page = Html.parse(this.mvc
			.perform(issue("arn:aws:iam::123456789012:mfa/alice", "12a", "3600").param("roleArn", "not-an-arn"))
			.andExpect(status().isBadRequest())
			.andReturn()
			.getResponse()
			.getContentAsString());
		assertThat(page.select(".field.has-error input, .field.has-error select")).extracting(Element::id)
			.containsExactlyInAnyOrder("tokenCode", "roleArn");
		assertThat(page.select(".field-error")).extracting(Element::id)
			.containsExactlyInAnyOrder("tokenCode-error", "roleArn-error");
		assertThat(page.select("[aria-invalid=true]")).extracting(Element::id)
			.containsExactlyInAnyOrder("tokenCode", "roleArn");
		assertThat(page.selectFirst("details[data-role]").hasAttr("open")).isTrue();
	}

	@Test
	void issueWhenCodeTypedWithSpacesThenSentAsSixDigits() throws Exception {
		given(this.sts.getSessionToken(any(), any())).willReturn(ISSUED);
		this.mvc.perform(issue("arn:aws:iam::123456789012:mfa/alice", " 123 456 ", "3600")).andExpect(status().isOk());
		then(this.sts).should()
			.getSessionToken(any(), org.mockito.ArgumentMatchers
				.eq(new SessionTokenRequest("arn:aws:iam::123456789012:mfa/alice", "123456", 3600)));
	}

	@Test
	void issueWhenSourceHoldsSessionTokenThenRefusedWithoutCallingSts() throws Exception {
		this.mvc.perform(issue("environment", "arn:aws:iam::123456789012:mfa/alice", "123456", "3600"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("issueForm", "source", "form.source.sessionCredentials"));
		then(this.sts).shouldHaveNoInteractions();
	}

	@Test
	void issueWhenStsAcceptsThenEverySnippetInANoStorePage() throws Exception {
		given(this.sts.getSessionToken(any(), any())).willReturn(ISSUED);
		var page = this.mvc.perform(issue("arn:aws:iam::123456789012:mfa/alice", "123456", "3600"))
			.andExpect(status().isOk())
			.andExpect(view().name(IssuingController.RESULT_VIEW))
			// Exactly the controller's value: Spring Security's default
			// ("no-cache, no-store, max-age=0, must-revalidate") would pass a looser
			// check
			// without it.
			.andExpect(header().stringValues("Cache-Control", "no-store"))
			.andExpect(content().string(containsString("data-expiration=\"2026-11-26T22:00:00Z\"")))
			.andExpect(content().string(containsString("aws sts get-caller-identity --profile mfa")));
		for (String format : List.of("env", "env-unset", "fish", "fish-unset", "powershell", "powershell-unset",
				"windows-cmd", "windows-cmd-unset", "credentials-file", "process", "dotenv")) {
			page.andExpect(content().string(containsString("data-snippet=\"" + format + "\"")));
		}
		HttpSession session = page.andReturn().getRequest().getSession(false);
		if (session != null) {
			for (String name : Collections.list(session.getAttributeNames())) {
				assertThat(String.valueOf(session.getAttribute(name))).as(name)
					.doesNotContain(ISSUED.secretAccessKey())
					.doesNotContain(ISSUED.sessionToken());
			}
		}
	}

	@Test
	void issueWhenTheProfileStartsWithAtThenEachShellsTryItLinesQuoteItAsThatShellReadsIt() throws Exception {
		given(this.sts.getSessionToken(any(), any())).willReturn(ISSUED);
		String page = this.mvc
			.perform(post("/session-token").with(csrf())
				.param("source", "profile:work")
				.param("serialNumber", "arn:aws:iam::123456789012:mfa/alice")
				.param("tokenCode", "123456")
				.param("durationSeconds", "3600")
				.param("profileName", "@home"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		Document document = Html.parse(page);
		for (String shell : List.of("env", "fish", "powershell", "windows-cmd")) {
			Element usage = document.selectFirst("pre[data-usage][data-usage-shell=" + shell + "]");
			assertThat(usage).as(shell).isNotNull();
			assertThat(usage.wholeText()).as(shell)
				.isEqualTo(
						Snippets.usage(SnippetFormat.valueOf(shell.toUpperCase(Locale.ROOT).replace('-', '_')), "@home")
							.text());
			// Without the page's script, bash's lines show, as before.
			assertThat(usage.hasAttr("hidden")).as(shell).isEqualTo(!shell.equals("env"));
		}
		assertThat(document.selectFirst("pre[data-usage-shell=powershell]").wholeText())
			.contains("--profile \"@home\"");
	}

	/**
	 * The signing profile's files are read before the code is admitted: a file the SDK
	 * refuses is said in words, no 500, and no attempt is reserved or spent.
	 */
	@Test
	void issueWhenTheSdkRefusesTheAwsConfigFileThenSaidBeforeTheCodeIsAdmitted() throws Exception {
		given(this.sources.caller(any()))
			.willThrow(new StsCallException(StsFailure.PROFILE_FILE_UNREADABLE, null, null, null, null));
		this.mvc.perform(issue("arn:aws:iam::123456789012:mfa/alice", "123456", "3600"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().string(containsString("every setting must be written name = value")));
		then(this.guard).shouldHaveNoInteractions();
		then(this.sts).shouldHaveNoInteractions();
		assertThat(this.events.stream(IssueFailed.class)).singleElement()
			.satisfies((failed) -> assertThat(failed.admitted()).isFalse());
	}

	@Test
	void issueWhenStsRefusesTheCodeThenFormSaysWhatToDoAndDoesNotEchoTheCode() throws Exception {
		given(this.sts.getSessionToken(any(), any()))
			.willThrow(new StsCallException(StsFailure.INVALID_CODE, "AccessDenied",
					"MultiFactorAuthentication failed with invalid MFA one time pass code. ", "req-1", null));
		this.mvc.perform(issue("arn:aws:iam::123456789012:mfa/alice", "987654", "3600"))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(view().name(IssuingController.FORM_VIEW))
			.andExpect(content().string(containsString("Wait for the next code")))
			.andExpect(content().string(containsString("req-1")))
			.andExpect(content().string(not(containsString("987654"))));
	}

	@ParameterizedTest
	@EnumSource(StsFailure.class)
	void issueWhenStsFailsThenTheFormExplainsThatFailureInTheUsersLanguage(StsFailure failure) throws Exception {
		given(this.sts.getSessionToken(any(), any()))
			.willThrow(new StsCallException(failure, "SomeCode", "STS words", "req-42", null));
		for (Locale locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("es"))) {
			String expected = this.messages.getMessage(failure.messageKey(),
					new Object[] { "eu-west-1", "work", "3600", "" }, locale);
			this.mvc
				.perform(issue("arn:aws:iam::123456789012:mfa/alice", "123456", "3600").header("Accept-Language",
						locale.toLanguageTag()))
				.andExpect(status().is(StsFailureStatus.of(failure).value()))
				.andExpect(content().string(containsString(HtmlUtils.htmlEscape(expected, "UTF-8"))))
				.andExpect(content().string(containsString("STS words")))
				.andExpect(content().string(containsString("req-42")));
		}
	}

	@Test
	void issueWhenStsTimesOutThenGatewayTimeoutWithClearMessage() throws Exception {
		given(this.sts.getSessionToken(any(), any()))
			.willThrow(new StsCallException(StsFailure.TIMEOUT, null, null, null, null));
		this.mvc.perform(issue("arn:aws:iam::123456789012:mfa/alice", "123456", "3600"))
			.andExpect(status().isGatewayTimeout())
			.andExpect(content().string(containsString("did not answer in time")));
	}

	@Test
	void issueWhenNoCsrfTokenThenForbiddenAndStsNotCalled() throws Exception {
		this.mvc.perform(issueWithoutCsrfToken("profile:work", "arn:aws:iam::123456789012:mfa/alice", "123456", "3600"))
			.andExpect(status().isForbidden());
		then(this.sts).shouldHaveNoInteractions();
	}

	@Test
	void issueWhenRoleGivenThenAssumeRoleWithTheCodeAndTheResultNamesTheRoleWithAConsoleLink() throws Exception {
		given(this.sts.callerIdentity(any()))
			.willReturn(new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/alice", "AIDA"));
		given(this.sts.assumeRole(any(), any()))
			.willReturn(new RoleCredentials(ISSUED, "arn:aws:sts::123456789012:assumed-role/admin/alice"));
		given(this.console.linkFor(ISSUED))
			.willReturn(java.util.Optional.of(java.net.URI.create("https://signin.example/federation?Action=login")));
		this.mvc
			.perform(issue("arn:aws:iam::123456789012:mfa/alice", "123456", "3600").param("roleArn",
					"arn:aws:iam::123456789012:role/admin"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("arn:aws:sts::123456789012:assumed-role/admin/alice")))
			.andExpect(content().string(containsString("data-console-link")))
			.andExpect(content().string(containsString("data-snippet=\"env\"")));
		then(this.sts).should()
			.assumeRole(any(), org.mockito.ArgumentMatchers.eq(new RoleRequest("arn:aws:iam::123456789012:role/admin",
					"alice", null, "arn:aws:iam::123456789012:mfa/alice", "123456", 3600)));
		then(this.sts).should(never()).getSessionToken(any(), any());
	}

	@Test
	void findWhenIamListsTheDevicesThenTheFirstFillsTheForm() throws Exception {
		CallerIdentity alice = new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/alice", "AIDA");
		given(this.finder.find(any())).willReturn(new DeviceFinding(alice, "arn:aws:iam::123456789012:mfa/alice",
				List.of("arn:aws:iam::123456789012:mfa/alice-phone"), true));
		this.mvc.perform(get("/").param("source", "profile:work").param("find", "true"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("These keys belong to arn:aws:iam::123456789012:user/alice")))
			.andExpect(field("serialNumber", "arn:aws:iam::123456789012:mfa/alice-phone"));
	}

	@Test
	void findWhenIamRefusesTheListThenTheSuggestionIsFilledIn() throws Exception {
		CallerIdentity alice = new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/alice", "AIDA");
		given(this.finder.find(any()))
			.willReturn(new DeviceFinding(alice, "arn:aws:iam::123456789012:mfa/alice", List.of(), false));
		this.mvc.perform(get("/").param("source", "profile:work").param("find", "true"))
			.andExpect(content().string(containsString("data-finding-suggestion")))
			.andExpect(field("serialNumber", "arn:aws:iam::123456789012:mfa/alice"));
	}

	@Test
	void findWhenTheKeysAreTheRootUsersThenSaidAndTheLengthCappedAtAnHour() throws Exception {
		CallerIdentity root = new CallerIdentity("123456789012", "arn:aws:iam::123456789012:root", "123456789012");
		given(this.finder.find(any())).willReturn(new DeviceFinding(root, null, List.of(), false));
		this.mvc.perform(get("/").param("source", "profile:work").param("find", "true"))
			.andExpect(content().string(containsString("data-finding-root")))
			.andExpect(field("durationSeconds", "3600"));
	}

	@Test
	void issueWhenSessionTokenThenThePageSaysTheConsoleNeedsARole() throws Exception {
		given(this.sts.getSessionToken(any(), any())).willReturn(ISSUED);
		this.mvc.perform(issue("arn:aws:iam::123456789012:mfa/alice", "123456", "3600"))
			.andExpect(content().string(containsString("AWS does not allow console sign-in with GetSessionToken")));
		then(this.console).shouldHaveNoInteractions();
	}

	@Test
	void issueWhenAttemptLimitedThen429WithTheTimeToRetryAndStsNotCalled() throws Exception {
		given(this.guard.admit(any(), any(), any()))
			.willReturn(new AttemptGuard.Verdict(AttemptGuard.Decision.LIMITED, NOW.plusSeconds(600)));
		this.mvc.perform(issue("arn:aws:iam::123456789012:mfa/alice", "123456", "3600"))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().string("Retry-After", "600"))
			.andExpect(content().string(containsString("Try again after 10:10:00 UTC (in about 10 minutes)")));
		then(this.sts).shouldHaveNoInteractions();
		assertThat(this.events.stream(IssueRejected.class)).singleElement()
			.satisfies((rejected) -> assertThat(rejected.reason()).isEqualTo(IssueRejected.Reason.ATTEMPT_LIMIT));
	}

	@Test
	void issueWhenDeviceLockedThen429PointingToTheDevicesPage() throws Exception {
		given(this.guard.admit(any(), any(), any()))
			.willReturn(new AttemptGuard.Verdict(AttemptGuard.Decision.LOCKED, null));
		this.mvc.perform(issue("arn:aws:iam::123456789012:mfa/alice", "123456", "3600"))
			.andExpect(status().isTooManyRequests())
			.andExpect(content().string(containsString("This device is locked")))
			.andExpect(content().string(containsString("href=\"/devices\"")));
		then(this.sts).shouldHaveNoInteractions();
	}

	@Test
	void issueWhenNoRuleOfThePolicyAllowsTheRoleThen403SayingSoInWordsNamingNoRuleAndTheHistoryGetsTheRole()
			throws Exception {
		String role = "arn:aws:iam::123456789012:role/admin";
		// As the team's policy refuses a role no rule allows: no rule decided.
		this.policy.verdict = new IssuePolicy.Verdict(IssuePolicy.Decision.REFUSED, null, "policy.refused.role",
				List.of(role));
		for (Locale locale : List.of(Locale.ENGLISH, Locale.forLanguageTag("es"))) {
			MvcResult result = this.mvc
				.perform(issue("arn:aws:iam::123456789012:mfa/alice", "123456", "3600").param("roleArn", role)
					.header("Accept-Language", locale.toLanguageTag()))
				.andExpect(status().isForbidden())
				.andReturn();

			IssuePolicy.Verdict shown = (IssuePolicy.Verdict) result.getModelAndView().getModel().get("policyRefusal");
			assertThat(shown.rule()).isNull();
			Element refusal = Html.parse(result.getResponse().getContentAsString())
				.selectFirst("[data-policy-refusal]");
			assertThat(refusal).isNotNull();
			assertThat(refusal.hasAttr("data-rule")).as("no rule to name").isFalse();
			assertThat(refusal.select("p").eachText())
				.containsExactly(this.messages.getMessage("policy.refused.role", new Object[] { role }, locale));
			assertThat(refusal.text()).doesNotContain("\u201c-\u201d").doesNotContain(" - ");
		}
		then(this.sts).shouldHaveNoInteractions();
		assertThat(this.events.stream(IssueRejected.class)).hasSize(2).allSatisfy((rejected) -> {
			assertThat(rejected.reason()).isEqualTo(IssueRejected.Reason.POLICY);
			assertThat(rejected.attempt().roleArn()).isEqualTo(role);
		});
	}

	@Test
	void issueWhenCodeAlreadyUsedThenAnsweredByThePortal() throws Exception {
		given(this.guard.admit(any(), any(), any()))
			.willReturn(new AttemptGuard.Verdict(AttemptGuard.Decision.CODE_REUSED, null));
		this.mvc.perform(issue("arn:aws:iam::123456789012:mfa/alice", "123456", "3600"))
			.andExpect(status().isConflict())
			.andExpect(content().string(containsString("This code was already used; wait for the next one")));
		then(this.sts).shouldHaveNoInteractions();
	}

	@Test
	void issueWhenEachOutcomeThenOneEventWithoutSecretsOrCode() throws Exception {
		given(this.presets.forActor("alice")).willReturn(List.of(WORK_DEVICE));
		given(this.sts.getSessionToken(any(), any())).willReturn(ISSUED);
		this.mvc.perform(issue("arn:aws:iam::123456789012:mfa/work", "724613", "3600").with(request -> {
			request.setRemoteAddr("127.0.0.7");
			return request;
		}));
		assertThat(this.events.stream(CredentialsIssued.class)).singleElement().satisfies((issued) -> {
			assertThat(issued.expiresAt()).isEqualTo(ISSUED.expiration());
			assertThat(issued.attempt()).isEqualTo(new IssueAttempt(NOW, "alice", "work", "AKIA…WXYZ",
					"arn:aws:iam::123456789012:mfa/work", "Work phone", 3600, "127.0.0.7"));
			assertThat(issued.toString()).doesNotContain("724613").doesNotContain(ISSUED.secretAccessKey());
		});

		this.mvc.perform(issue("arn:aws:iam::123456789012:user/alice", "12", "x"));
		assertThat(this.events.stream(IssueRejected.class)).singleElement().satisfies((rejected) -> {
			assertThat(rejected.reason()).isEqualTo(IssueRejected.Reason.INVALID_INPUT);
			assertThat(rejected.attempt().durationSeconds()).isNull();
		});

		given(this.sts.getSessionToken(any(), any())).willThrow(new StsCallException(StsFailure.INVALID_CODE,
				"AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ", "r", null));
		this.mvc.perform(issue("arn:aws:iam::123456789012:mfa/alice", "654321", "3600"));
		assertThat(this.events.stream(IssueFailed.class)).singleElement().satisfies((failed) -> {
			assertThat(failed.errorCode()).isEqualTo("AccessDenied");
			assertThat(failed.mfaRejected()).isTrue();
		});
	}

	@Test
	void issueWhenServeTickedThenServeRequestedWithTheSessionAndItsSourceElseNone() throws Exception {
		given(this.sts.getSessionToken(any(), any())).willReturn(ISSUED);

		this.mvc.perform(issue("arn:aws:iam::123456789012:mfa/work", "724613", "3600"));
		assertThat(this.events.stream(ServeRequested.class)).isEmpty();

		this.mvc.perform(issue("arn:aws:iam::123456789012:mfa/work", "724614", "3600").param("serve", "true"));
		assertThat(this.events.stream(ServeRequested.class)).singleElement().satisfies((serve) -> {
			assertThat(serve.credentials()).isEqualTo(ISSUED);
			assertThat(serve.source()).isEqualTo(PROFILE);
			assertThat(serve.serialNumber()).isEqualTo("arn:aws:iam::123456789012:mfa/work");
			assertThat(serve.toString()).doesNotContain(ISSUED.secretAccessKey()).doesNotContain(ISSUED.sessionToken());
		});
	}

	@Test
	void formWhenSavedDeviceChosenThenItFillsTheForm() throws Exception {
		given(this.presets.forActor("alice")).willReturn(List.of(WORK_DEVICE));
		this.mvc.perform(get("/").param("device", "7"))
			.andExpect(field("serialNumber", "arn:aws:iam::123456789012:mfa/work"))
			.andExpect(field("profileName", "work-mfa"))
			.andExpect(field("durationSeconds", "3600"));
	}

	@Test
	void formWhenSavedDeviceSavesAProfileThenTheFormAsksToSaveIt() throws Exception {
		given(this.presets.forActor("alice")).willReturn(List
			.of(new DevicePreset(10, "Saves", "GAHT12345678", 3600, "work-mfa", null, null, null, null, null, true)));
		IssueForm form = (IssueForm) this.mvc.perform(get("/").param("device", "10"))
			.andReturn()
			.getModelAndView()
			.getModel()
			.get("issueForm");
		assertThat(form.savesProfile()).isTrue();
		IssueForm plain = (IssueForm) this.mvc.perform(get("/").param("device", "10").param("saveProfile", "false"))
			.andReturn()
			.getModelAndView()
			.getModel()
			.get("issueForm");
		assertThat(plain.savesProfile()).isFalse();
	}

	@Test
	void formWhenSavedDeviceNamesARoleThenTheRoleFieldsAreFilledAndOpen() throws Exception {
		given(this.presets.forActor("alice"))
			.willReturn(List.of(new DevicePreset(9, "Admin role", "arn:aws:iam::123456789012:mfa/alice", 3600, "admin",
					"profile:work", null, "arn:aws:iam::123456789012:role/admin", "alice-admin", "ext-42", false)));
		this.mvc.perform(get("/").param("device", "9"))
			.andExpect(field("roleArn", "arn:aws:iam::123456789012:role/admin"))
			.andExpect(field("roleSessionName", "alice-admin"))
			.andExpect(field("externalId", "ext-42"))
			.andExpect((result) -> assertThat(Html.parse(result.getResponse().getContentAsString())
				.selectFirst("details[data-role]")
				.hasAttr("open")).isTrue());
	}

	/**
	 * The device named outside the signature would fill what the link left empty, its
	 * role among them: before, a signed link with {@code &device=9} added opened the form
	 * with that role.
	 */
	@Test
	void formWhenAnUnsignedDeviceIsAddedToASignedRenewLinkThenTheDeviceIsIgnored() throws Exception {
		given(this.presets.forActor("alice"))
			.willReturn(List.of(new DevicePreset(9, "Admin role", "arn:aws:iam::123456789012:mfa/alice", 3600, "admin",
					"profile:work", null, "arn:aws:iam::123456789012:role/admin", "alice-admin", "ext-42", false)));
		URI signed = this.renewLinks.link("alice", PROFILE,
				new IssueForm("profile:work", "GAHT12345678", "", "3600", "work-mfa"));
		MvcResult result = this.mvc.perform(get(URI.create(signed + "&device=9"))).andReturn();
		IssueForm form = (IssueForm) result.getModelAndView().getModel().get("issueForm");
		assertThat(form.roleArn()).isNull();
		assertThat(form.serialNumber()).isEqualTo("GAHT12345678");
		assertThat(result.getModelAndView().getModel().get("selectedDevice")).isNull();
	}

	@Test
	void formWhenOpenedPlainThenTheDeviceUsedLastIsPreselected() throws Exception {
		DevicePreset never = new DevicePreset(8, "Spare", "GAHT12345678", 900, "spare", null, null, null, null, null,
				false);
		given(this.presets.forActor("alice")).willReturn(List.of(WORK_DEVICE, never));
		this.mvc.perform(get("/"))
			.andExpect(field("serialNumber", "arn:aws:iam::123456789012:mfa/work"))
			.andExpect(field("source", "profile:work"));
	}

	@Test
	void formWhenUnknownDeviceIdThenPlainFormNot500() throws Exception {
		this.mvc.perform(get("/").param("device", "../../etc")).andExpect(status().isOk());
	}

	@Test
	void reloadOfTheResultUrlThenBackToTheForm() throws Exception {
		this.mvc.perform(get("/session-token")).andExpect(status().is3xxRedirection());
	}

	/** Each field is there, under the name STS gives the parameter. */
	private static ResultMatcher named(String... names) {
		return (result) -> {
			for (String name : names) {
				assertThat(Html.byId(result.getResponse().getContentAsString(), name).attr("name")).isEqualTo(name);
			}
		};
	}

}
