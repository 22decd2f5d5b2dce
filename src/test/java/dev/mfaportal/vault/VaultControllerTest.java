package dev.mfaportal.vault;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.CredentialsFileKeys;
import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.issuing.AttemptGuard;
import dev.mfaportal.rotation.HeldSessions;
import dev.mfaportal.rotation.RotatableKeys;
import dev.mfaportal.rotation.RotatableKeys.KeyPair;
import dev.mfaportal.security.SecurityConfig;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.SecretServiceExtension;
import dev.mfaportal.sts.IamGateway;
import dev.mfaportal.sts.MfaDeviceFinder;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsGateway;
import dev.mfaportal.sts.StsSettings;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.clearInvocations;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Local mode's {@code /keys} endpoints, rotation's included, with real vaults that can't
 * be used right now: the vault file before its passphrase (locked), the OS keychain (a
 * real Secret Service) that listed the key and then stops answering, and one that does
 * not answer since the start. Each endpoint answers with the keys page and words that say
 * what to do, never a 5xx; none calls STS or IAM or counts an attempt. And the rotate
 * form of a key whose session is held.
 */
@WebMvcTest(controllers = { VaultController.class, VaultMoveController.class },
		includeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
				pattern = "dev\\.mfaportal\\.rotation\\.(KeyRotationController|KeyRotation|KeyAges|RotationSessions)"))
@Import(SecurityConfig.class)
@ExtendWith(SecretServiceExtension.class)
@WithMockUser("owner")
class VaultControllerTest {

	static final LongTermKey PAIR = new LongTermKey("AKIAVAULTCONTROLLER1", "VaultControllerSecret/000000000000000001");

	static final String PASSPHRASE = "a passphrase for the controller tests";

	@TempDir
	static Path dataDir;

	static UnusableVaults vaults;

	@Autowired
	MockMvc mvc;

	@Autowired
	MessageSource messages;

	@Autowired
	SwitchedVault vault;

	@MockitoBean
	CredentialSources sources;

	@MockitoBean
	CredentialsFileKeys file;

	@MockitoBean
	MfaDeviceFinder finder;

	@MockitoBean
	StsGateway sts;

	@MockitoBean
	IamGateway iam;

	@MockitoBean
	AttemptGuard guard;

	@MockitoBean
	HeldSessions held;

	@BeforeAll
	static void vaults() {
		vaults = new UnusableVaults(dataDir, PAIR, PASSPHRASE);
	}

	@AfterEach
	void busBack() {
		vaults.busBack();
	}

	@TestConfiguration(proxyBeanMethods = false)
	@EnableConfigurationProperties(StsSettings.class)
	static class Vaults {

		@Bean
		Clock clock() {
			return Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC);
		}

		@Bean
		SwitchedVault keyVault(Clock clock) {
			return new SwitchedVault(clock);
		}

		@Bean
		RotatableKeys vaultRotatableKeys(SwitchedVault vault, CredentialSources sources) {
			return new VaultRotatableKeys(vault, sources);
		}

	}

	/** A vault that can't be used now, with one key (stored while it could). */
	enum Unusable {

		/** The vault file exists; this start has not had its passphrase yet. */
		LOCKED,
		/** The keychain listed the key, then fails every call. */
		KEYCHAIN_DOWN,
		/** The keychain holds the key; since this start it does not answer at all. */
		KEYCHAIN_SILENT

	}

	/**
	 * Every {@code /keys} endpoint, as the page's forms post it for the key of this id,
	 * and the message the keys page then shows, while the vault is locked and while the
	 * keychain fails ({@code null}: none, the page as it is).
	 */
	enum Endpoint {

		PAGE(null, null, (id) -> get("/keys")),

		STORE("vault.error.locked", "vault.keychain.broken",
				(id) -> post("/keys").param("label", "another")
					.param("accessKeyId", "AKIAVAULTCONTROLLER2")
					.param("secretAccessKey", "VaultControllerSecret/000000000000000002")),

		MOVE_IN("vault.error.locked", "vault.keychain.broken",
				(id) -> post("/keys/import").param("profile", "work-file")),

		REMOVE("vault.error.locked", "vault.keychain.broken", (id) -> post("/keys/" + id + "/delete")),

		PUT_BACK("vault.error.locked", "vault.keychain.broken",
				(id) -> post("/keys/putback").param("id", id).param("confirm", "true")),

		UNLOCK("vault.unlock.wrong", "vault.unlock.notFile",
				(id) -> post("/keys/unlock").param("passphrase", "not the passphrase of this vault")),

		ROTATE("vault.rotate.locked", "vault.rotate.keychain",
				(id) -> post("/keys/" + id + "/rotate").param("serialNumber", "arn:aws:iam::123456789012:mfa/owner")
					.param("tokenCode", "123456"));

		final String whenLocked;

		final String whenKeychainFails;

		final Function<String, MockHttpServletRequestBuilder> request;

		Endpoint(String whenLocked, String whenKeychainFails, Function<String, MockHttpServletRequestBuilder> request) {
			this.whenLocked = whenLocked;
			this.whenKeychainFails = whenKeychainFails;
			this.request = request;
		}

	}

	static Stream<Arguments> endpointsOfAVaultThatCantBeUsed() {
		return Stream.of(Unusable.values())
			.flatMap((state) -> Stream.of(Endpoint.values()).map((endpoint) -> Arguments.of(state, endpoint)));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("endpointsOfAVaultThatCantBeUsed")
	void endpointWhenTheVaultCantBeUsedThenTheKeysPageSaysWhatToDoAndNothingIsSpent(Unusable state, Endpoint endpoint)
			throws Exception {
		String id = now(switch (state) {
			case LOCKED -> vaults.locked();
			case KEYCHAIN_DOWN -> vaults.keychainDown();
			case KEYCHAIN_SILENT -> vaults.keychainSilent();
		});
		given(this.file.fileName()).willReturn("~/.aws/credentials");
		given(this.file.keys("work-file")).willReturn(Optional.of(PAIR));
		clearInvocations(this.sts, this.iam, this.guard);

		MvcResult answered = this.mvc.perform(endpoint.request.apply(id).with(csrf())).andReturn();

		int status = answered.getResponse().getStatus();
		assertThat(status).as(endpoint + " answered").isIn(200, 302, 400);
		Document page = Html.parse((status == 302) ? followed(answered) : answered.getResponse().getContentAsString());
		if (status == 302) {
			assertThat(answered.getResponse().getRedirectedUrl()).isEqualTo("/keys");
		}
		assertThat(page.selectFirst("[data-vault-state]")).as("the keys page").isNotNull();
		String messageKey = (state == Unusable.LOCKED) ? endpoint.whenLocked : endpoint.whenKeychainFails;
		if (messageKey != null) {
			// What the keychain said: the failure of each call, or why it does not open.
			Object[] arguments = switch (state) {
				case LOCKED -> new Object[0];
				case KEYCHAIN_DOWN -> new Object[] { UnusableVaults.KEYCHAIN_FAILURE };
				case KEYCHAIN_SILENT -> new Object[] { this.vault.state().reason() };
			};
			assertThat(page.select("[data-vault-error], #rotation-result, [data-global-error]").eachText())
				.containsExactly(this.messages.getMessage(messageKey, arguments, Locale.ENGLISH));
		}
		if (state == Unusable.LOCKED) {
			assertThat(page.select("[data-unlock-form] input[name=passphrase]")).as("the unlock form").hasSize(1);
		}
		assertThat(page.html()).doesNotContain(PAIR.secretAccessKey()).doesNotContain("Exception");
		then(this.sts).shouldHaveNoInteractions();
		then(this.iam).shouldHaveNoInteractions();
		then(this.guard).shouldHaveNoInteractions();
	}

	@Test
	void rotateFormWhenASessionMadeFromThatKeyIsHeldThenSaysItWillBeUsedAndAsksNoCode() throws Exception {
		String id = now(vaults.ready());
		given(this.held.madeFrom(new KeyPair("work", PAIR.accessKeyId(), PAIR.secretAccessKey())))
			.willReturn(Optional.of(new HeldSessions.Session(
					new StsCaller("held", AnonymousCredentialsProvider.create(), "us-east-1", null),
					"arn:aws:iam::123456789012:mfa/owner")));

		Element form = rotateForm(id);

		assertThat(form.select("input[name=tokenCode], input[name=serialNumber]")).isEmpty();
		assertThat(form.selectFirst("[data-rotate-held]").text())
			.isEqualTo(this.messages.getMessage("accesskey.rotate.heldSession", null, Locale.ENGLISH));
		assertThat(form.selectFirst("button[type=submit]").text()).isEqualTo("Rotate");
	}

	@Test
	void rotateFormWhenNoSessionOfThatKeyIsHeldThenAsksTheDeviceAndTheCode() throws Exception {
		String id = now(vaults.ready());
		given(this.held.madeFrom(any())).willReturn(Optional.empty());

		Element form = rotateForm(id);

		assertThat(form.select("input").eachAttr("name")).contains("serialNumber", "tokenCode");
		assertThat(form.select("[data-rotate-held]")).isEmpty();
		assertThat(form.selectFirst("button[type=submit]").text()).isEqualTo("Rotate");
	}

	private Element rotateForm(String id) throws Exception {
		Document page = Html.parse(this.mvc.perform(get("/keys")).andReturn().getResponse().getContentAsString());
		Element form = page.selectFirst("tr[data-key=" + id + "] form[data-rotate-form]");
		assertThat(form).as("the rotate form of " + id).isNotNull();
		assertThat(form.attr("action")).isEqualTo("/keys/" + id + "/rotate");
		return form;
	}

	/** The context's vault is this one now; its key's id. */
	private String now(UnusableVaults.Arranged arranged) {
		this.vault.now(arranged.vault());
		return arranged.keyId();
	}

	/** The keys page the redirect leads to, with what the answer left in the flash. */
	private String followed(MvcResult answered) throws Exception {
		return this.mvc.perform(get("/keys").flashAttrs(answered.getFlashMap()))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
