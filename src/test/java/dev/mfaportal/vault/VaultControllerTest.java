package dev.mfaportal.vault;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.CredentialsFileKeys;
import dev.mfaportal.credentialsource.KeyVault;
import dev.mfaportal.credentialsource.LongTermKey;
import dev.mfaportal.credentialsource.VaultKey;
import dev.mfaportal.credentialsource.VaultState;
import dev.mfaportal.issuing.AttemptGuard;
import dev.mfaportal.rotation.HeldSessions;
import dev.mfaportal.rotation.RotatableKeys;
import dev.mfaportal.rotation.RotatableKeys.KeyPair;
import dev.mfaportal.security.SecurityConfig;
import dev.mfaportal.support.Html;
import dev.mfaportal.support.SecretService;
import dev.mfaportal.support.SecretServiceExtension;
import dev.mfaportal.sts.IamGateway;
import dev.mfaportal.sts.MfaDeviceFinder;
import dev.mfaportal.sts.StsCaller;
import dev.mfaportal.sts.StsGateway;
import dev.mfaportal.sts.StsSettings;
import dev.mfaportal.vault.VaultSettings.Backend;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
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

	/** What a keychain that stopped answering says, as {@link Keychain} words it. */
	static final String KEYCHAIN_FAILURE = "reading failed: org.freedesktop.DBus.Error.NoReply";

	@TempDir
	static Path dataDir;

	private static String fileKeyId;

	@Autowired
	MockMvc mvc;

	@Autowired
	MessageSource messages;

	@Autowired
	SwitchedVault vault;

	/** The Secret Service's address, while a test hides it. */
	String bus;

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
		RotatableKeys vaultRotatableKeys(SwitchedVault vault) {
			return new VaultRotatableKeys(vault);
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
	 * Every {@code /keys} endpoint, as the page's forms post it, for the key of this id.
	 */
	enum Endpoint {

		PAGE((id) -> get("/keys")),

		STORE((id) -> post("/keys").param("label", "another")
			.param("accessKeyId", "AKIAVAULTCONTROLLER2")
			.param("secretAccessKey", "VaultControllerSecret/000000000000000002")),

		MOVE_IN((id) -> post("/keys/import").param("profile", "work-file")),

		REMOVE((id) -> post("/keys/" + id + "/delete")),

		PUT_BACK((id) -> post("/keys/putback").param("id", id).param("confirm", "true")),

		UNLOCK((id) -> post("/keys/unlock").param("passphrase", "not the passphrase of this vault")),

		ROTATE((id) -> post("/keys/" + id + "/rotate").param("serialNumber", "arn:aws:iam::123456789012:mfa/owner")
			.param("tokenCode", "123456"));

		final Function<String, MockHttpServletRequestBuilder> request;

		Endpoint(Function<String, MockHttpServletRequestBuilder> request) {
			this.request = request;
		}

	}

	/**
	 * Each endpoint in each state, and the message the keys page then shows
	 * ({@code null}: none, the page as it is).
	 */
	static Stream<Arguments> endpointsOfAVaultThatCantBeUsed() {
		return Stream.of(Arguments.of(Unusable.LOCKED, Endpoint.PAGE, null),
				Arguments.of(Unusable.LOCKED, Endpoint.STORE, "vault.error.locked"),
				Arguments.of(Unusable.LOCKED, Endpoint.MOVE_IN, "vault.error.locked"),
				Arguments.of(Unusable.LOCKED, Endpoint.REMOVE, "vault.error.locked"),
				Arguments.of(Unusable.LOCKED, Endpoint.PUT_BACK, "vault.error.locked"),
				Arguments.of(Unusable.LOCKED, Endpoint.UNLOCK, "vault.unlock.wrong"),
				Arguments.of(Unusable.LOCKED, Endpoint.ROTATE, "vault.rotate.locked"),
				Arguments.of(Unusable.KEYCHAIN_DOWN, Endpoint.PAGE, null),
				Arguments.of(Unusable.KEYCHAIN_DOWN, Endpoint.STORE, "vault.keychain.broken"),
				Arguments.of(Unusable.KEYCHAIN_DOWN, Endpoint.MOVE_IN, "vault.keychain.broken"),
				Arguments.of(Unusable.KEYCHAIN_DOWN, Endpoint.REMOVE, "vault.keychain.broken"),
				Arguments.of(Unusable.KEYCHAIN_DOWN, Endpoint.PUT_BACK, "vault.keychain.broken"),
				Arguments.of(Unusable.KEYCHAIN_DOWN, Endpoint.UNLOCK, "vault.unlock.notFile"),
				Arguments.of(Unusable.KEYCHAIN_DOWN, Endpoint.ROTATE, "vault.rotate.keychain"),
				Arguments.of(Unusable.KEYCHAIN_SILENT, Endpoint.PAGE, null),
				Arguments.of(Unusable.KEYCHAIN_SILENT, Endpoint.STORE, "vault.keychain.broken"),
				Arguments.of(Unusable.KEYCHAIN_SILENT, Endpoint.MOVE_IN, "vault.keychain.broken"),
				Arguments.of(Unusable.KEYCHAIN_SILENT, Endpoint.REMOVE, "vault.keychain.broken"),
				Arguments.of(Unusable.KEYCHAIN_SILENT, Endpoint.PUT_BACK, "vault.keychain.broken"),
				Arguments.of(Unusable.KEYCHAIN_SILENT, Endpoint.UNLOCK, "vault.unlock.notFile"),
				Arguments.of(Unusable.KEYCHAIN_SILENT, Endpoint.ROTATE, "vault.rotate.keychain"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("endpointsOfAVaultThatCantBeUsed")
	void endpointWhenTheVaultCantBeUsedThenTheKeysPageSaysWhatToDoAndNothingIsSpent(Unusable state, Endpoint endpoint,
			String messageKey) throws Exception {
		String id = switch (state) {
			case LOCKED -> locked();
			case KEYCHAIN_DOWN -> keychainDown();
			case KEYCHAIN_SILENT -> keychainSilent();
		};
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
		if (messageKey != null) {
			// What the keychain said: the failure of each call, or why it does not open.
			Object[] arguments = switch (state) {
				case LOCKED -> new Object[0];
				case KEYCHAIN_DOWN -> new Object[] { KEYCHAIN_FAILURE };
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
		String id = ready();
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
		String id = ready();
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

	/** The keys page the redirect leads to, with what the answer left in the flash. */
	private String followed(MvcResult answered) throws Exception {
		return this.mvc.perform(get("/keys").flashAttrs(answered.getFlashMap()))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	/** The vault file with one key, unlocked; the key's id. */
	private String ready() {
		SelectedVault vault = fileVault();
		vault.unlock(PASSPHRASE, PASSPHRASE);
		this.vault.now(vault);
		return fileKeyId;
	}

	/** The vault file with one key, as the next start finds it: locked. */
	private String locked() {
		SelectedVault restarted = fileVault();
		assertThat(restarted.state().status()).isEqualTo(VaultState.Status.LOCKED);
		this.vault.now(restarted);
		return fileKeyId;
	}

	/**
	 * A start of the portal on the vault file, made once for the class (a key derived
	 * from a passphrase takes a while); no test here changes it.
	 */
	private static synchronized SelectedVault fileVault() {
		VaultSettings settings = new VaultSettings(Backend.FILE, dataDir.resolve("vault"), "unused");
		if (fileKeyId == null) {
			SelectedVault first = new SelectedVault(settings, Clock.systemUTC());
			first.unlock(PASSPHRASE, PASSPHRASE);
			fileKeyId = first.store("work", PAIR).id();
		}
		return new SelectedVault(settings, Clock.systemUTC());
	}

	/**
	 * The keychain holds a key; the portal starts again where no secret store answers (a
	 * bus that is not there, until {@link #busBack()}).
	 */
	private String keychainSilent() {
		String service = "mfa-portal-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
		VaultSettings settings = new VaultSettings(Backend.KEYCHAIN, dataDir.resolve(service).resolve("vault"),
				service);
		String id = new SelectedVault(settings, Clock.systemUTC()).store("work", PAIR).id();
		this.bus = System.getProperty(SecretService.ADDRESS_PROPERTY);
		System.setProperty(SecretService.ADDRESS_PROPERTY, "unix:path=" + dataDir.resolve("no-bus"));
		SelectedVault restarted = new SelectedVault(settings, Clock.systemUTC());
		restarted.choose();
		assertThat(restarted.state().status()).isEqualTo(VaultState.Status.BROKEN);
		this.vault.now(restarted);
		return id;
	}

	@AfterEach
	void busBack() {
		if (this.bus != null) {
			System.setProperty(SecretService.ADDRESS_PROPERTY, this.bus);
		}
	}

	/** The keychain listed a key, then every call to it fails. */
	private String keychainDown() {
		String service = "mfa-portal-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime();
		SelectedVault vault = new SelectedVault(
				new VaultSettings(Backend.KEYCHAIN, dataDir.resolve(service).resolve("vault"), service),
				Clock.systemUTC());
		VaultKey stored = vault.store("work", PAIR);
		assertThat(vault.list()).containsExactly(stored);
		((KeychainVault) vault.choose()).wrapItems((real) -> new KeychainItems() {

			@Override
			public Optional<String> get(String account) throws KeychainUnavailable {
				throw new KeychainUnavailable(KEYCHAIN_FAILURE);
			}

			@Override
			public void set(String account, String value) throws KeychainUnavailable {
				throw new KeychainUnavailable(KEYCHAIN_FAILURE);
			}

			@Override
			public void delete(String account) throws KeychainUnavailable {
				throw new KeychainUnavailable(KEYCHAIN_FAILURE);
			}

		});
		this.vault.now(vault);
		return stored.id();
	}

	/**
	 * The context's vault: the real vault of the state under test, chosen per test (a
	 * context holds one vault bean, and each state is a vault of its own).
	 */
	static final class SwitchedVault extends SelectedVault {

		private SelectedVault current;

		SwitchedVault(Clock clock) {
			super(new VaultSettings(Backend.NONE, Path.of("unused"), "unused"), clock);
		}

		void now(SelectedVault vault) {
			this.current = vault;
		}

		@Override
		synchronized KeyVault choose() {
			return this.current.choose();
		}

		@Override
		void unlock(String passphrase, String repeat) {
			this.current.unlock(passphrase, repeat);
		}

		@Override
		String startupLine() {
			return this.current.startupLine();
		}

		@Override
		public VaultState state() {
			return this.current.state();
		}

		@Override
		public List<VaultKey> list() {
			return this.current.list();
		}

		@Override
		public Optional<VaultKey> find(String id) {
			return this.current.find(id);
		}

		@Override
		public Optional<LongTermKey> secret(String id) {
			return this.current.secret(id);
		}

		@Override
		public VaultKey store(String label, LongTermKey pair) {
			return this.current.store(label, pair);
		}

		@Override
		public VaultKey replace(String id, LongTermKey pair) {
			return this.current.replace(id, pair);
		}

		@Override
		public boolean remove(String id) {
			return this.current.remove(id);
		}

	}

}
