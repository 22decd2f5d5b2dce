package dev.mfaportal.accesskey;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.mfaportal.rotation.KeyAges;
import dev.mfaportal.rotation.KeyAges.KeyAge;
import dev.mfaportal.rotation.RotatableKeys;
import dev.mfaportal.rotation.RotatableKeys.KeyPair;
import dev.mfaportal.security.SecurityConfig;
import dev.mfaportal.support.Html;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.mfaportal.support.FlashRedirect.flashShown;
import static dev.mfaportal.support.FlashRedirect.redirectedWithFlash;
import static dev.mfaportal.support.Html.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(AccessKeyController.class)
@ActiveProfiles("team")
@Import(SecurityConfig.class)
@WithMockUser("alice")
class AccessKeyControllerTest {

	private static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";

	private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

	private static final StoredKey WORK = new StoredKey(7, "alice", "Work", KEY_ID,
			Instant.parse("2026-11-20T09:15:00Z"), Instant.parse("2026-11-25T08:30:00Z"));

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private StoredAccessKeys keys;

	@MockitoBean
	private RotatableKeys rotatable;

	@MockitoBean
	private KeyAges ages;

	private static MockHttpServletRequestBuilder submit(String label, String accessKeyId, String secret) {
		return post("/keys").with(csrf())
			.param("label", label)
			.param("accessKeyId", accessKeyId)
			.param("secretAccessKey", secret);
	}

	@Test
	void listWhenKeysStoredThenLabelMaskedIdAndDatesInANoStorePageAndNeverTheFullId() throws Exception {
		given(this.keys.list("alice")).willReturn(List.of(WORK));

		this.mvc.perform(get("/keys"))
			.andExpect(status().isOk())
			.andExpect(view().name(AccessKeyController.LIST_VIEW))
			.andExpect(header().string("Cache-Control", containsString("no-store")))
			.andExpect(content().string(containsString("Work")))
			.andExpect(content().string(containsString("AKIA…MPLE")))
			.andExpect(content().string(containsString("2026-11-20 09:15")))
			.andExpect(content().string(containsString("2026-11-25 08:30")))
			.andExpect(content().string(containsString("action=\"/keys/7/delete\"")))
			.andExpect(content().string(not(containsString(KEY_ID))))
			.andExpect(content().string(containsString("type=\"password\"")))
			.andExpect(content().string(not(containsString("data-reencrypt"))));
	}

	@Test
	void listWhenAKeyIsOlderThanTheRotationAgeThenItsAgeAWarningAndARotateFormAndUnknownWhereIamDenies()
			throws Exception {
		StoredKey denied = new StoredKey(8, "alice", "Denied", KEY_ID, WORK.createdAt(), null);
		given(this.keys.list("alice")).willReturn(List.of(WORK, denied));
		KeyPair pair = new KeyPair("Work", KEY_ID, "secret");
		given(this.rotatable.find("7")).willReturn(Optional.of(pair));
		given(this.ages.of(pair)).willReturn(new KeyAge(120L, true, 90));

		String page = this.mvc.perform(get("/keys")).andReturn().getResponse().getContentAsString();

		Element aged = Html.parse(page).selectFirst("tr[data-key=7]");
		assertThat(aged.selectFirst("[data-key-age]").attr("data-key-age")).isEqualTo("120");
		assertThat(aged.selectFirst("[data-key-overdue]").text()).isEqualTo("Older than 90 days: rotate it.");
		assertThat(aged.selectFirst("form[data-rotate-form]").attr("action")).isEqualTo("/keys/7/rotate");
		assertThat(aged.select("form[data-rotate-form] input").eachAttr("name")).contains("serialNumber", "tokenCode");
		Element unknown = Html.parse(page).selectFirst("tr[data-key=8] [data-key-age]");
		assertThat(unknown.attr("data-key-age")).isEqualTo("unknown");
		assertThat(Html.parse(page).select("tr[data-key=8] [data-key-overdue]")).isEmpty();
	}

	@Test
	void listWhenNoKeysThenSaysSoAndOffersTheForm() throws Exception {
		this.mvc.perform(get("/keys"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("You have no stored keys yet.")))
			.andExpect(content().string(containsString("action=\"/keys\"")));
	}

	@Test
	void storeWhenValidThenStoredForTheMemberAndRedirectedWithAMessage() throws Exception {
		this.mvc.perform(submit(" Work ", KEY_ID, SECRET + "\n"))
			.andExpect(redirectedWithFlash("/keys", "accesskey.flash.added", "Work"));
		then(this.keys).should().store("alice", "Work", KEY_ID, SECRET);
	}

	@Test
	void redirectedListWhenFlashMessageThenShownAsStatus() throws Exception {
		this.mvc.perform(get("/keys").flashAttr("flash", "accesskey.flash.added").flashAttr("flashArgument", "Work"))
			.andExpect(flashShown("status", "Key Work stored."));
	}

	@Test
	void storeWhenSessionAccessKeyIdThenSaysSessionCredentialsCantCallGetSessionToken() throws Exception {
		this.mvc.perform(submit("Work", "ASIAIOSFODNN7EXAMPLE", SECRET))
			.andExpect(status().isBadRequest())
			.andExpect(
					model().attributeHasFieldErrorCode("accessKeyForm", "accessKeyId", "accesskey.accessKeyId.session"))
			.andExpect(content().string(containsString("session credentials can&#39;t call GetSessionToken")))
			.andExpect(content().string(not(containsString(SECRET))));
		then(this.keys).should(never()).store(anyString(), anyString(), anyString(), anyString());
	}

	@Test
	void storeWhenSecretMalformedThenSaysSoAndTheSecretIsNowhereInThePageOrModel() throws Exception {
		String badSecret = SECRET.substring(0, 39) + "!";
		MvcResult result = this.mvc.perform(submit("Work", KEY_ID, badSecret))
			.andExpect(status().isBadRequest())
			.andExpect(header().string("Cache-Control", containsString("no-store")))
			.andExpect(model().attributeHasFieldErrorCode("accessKeyForm", "secretAccessKey",
					"accesskey.secretAccessKey.format"))
			.andExpect(content().string(containsString("A secret access key is exactly 40 characters")))
			.andExpect(field("label", "Work"))
			.andExpect(content().string(not(containsString(badSecret))))
			.andExpect(content().string(not(containsString(SECRET.substring(0, 20)))))
			.andReturn();
		assertThat(result.getModelAndView().getModel().toString()).doesNotContain(SECRET.substring(0, 20));
		assertThat(result.getModelAndView().getModel().get("accessKeyForm"))
			.isEqualTo(new AccessKeyForm("Work", KEY_ID, ""));
		then(this.keys).should(never()).store(anyString(), anyString(), anyString(), anyString());
	}

	@Test
	void storeWhenOtherFieldsInvalidThenAValidSecretIsNotEchoedEither() throws Exception {
		this.mvc.perform(submit("", "AKIA123", SECRET))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("accessKeyForm", "label", "accesskey.label.required"))
			.andExpect(
					model().attributeHasFieldErrorCode("accessKeyForm", "accessKeyId", "accesskey.accessKeyId.format"))
			.andExpect(content().string(not(containsString(SECRET))));
	}

	@Test
	void storeWhenLabelTakenThenBadRequestNamingIt() throws Exception {
		given(this.keys.labelTaken("alice", "Work")).willReturn(true);
		this.mvc.perform(submit("Work", KEY_ID, SECRET))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("You already have a key named Work.")))
			.andExpect(content().string(not(containsString(SECRET))));
		then(this.keys).should(never()).store(anyString(), anyString(), anyString(), anyString());
	}

	@Test
	void storeWhenLabelTakenMeanwhileThenBadRequestNotServerError() throws Exception {
		willThrow(new DuplicateKeyException("uq_access_key_owner_label")).given(this.keys)
			.store("alice", "Work", KEY_ID, SECRET);
		this.mvc.perform(submit("Work", KEY_ID, SECRET))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("accessKeyForm", "label", "accesskey.label.duplicate"))
			.andExpect(content().string(not(containsString(SECRET))));
	}

	@Test
	void deleteWhenOwnKeyThenDeletedAndRedirectedWithAMessage() throws Exception {
		given(this.keys.find("alice", 7)).willReturn(Optional.of(WORK));
		given(this.keys.delete("alice", 7)).willReturn(true);
		this.mvc.perform(post("/keys/7/delete").with(csrf()))
			.andExpect(redirectedWithFlash("/keys", "accesskey.flash.deleted", "Work"));
		then(this.keys).should().delete("alice", 7);
	}

	@Test
	void deleteWhenAnotherMembersOrUnknownIdThenNotFoundAndNothingDeleted() throws Exception {
		// Bob's key 8 is not found for alice, exactly like an id that does not exist.
		given(this.keys.find("bob", 8))
			.willReturn(Optional.of(new StoredKey(8, "bob", "Bob", KEY_ID, WORK.createdAt(), null)));
		this.mvc.perform(post("/keys/8/delete").with(csrf())).andExpect(status().isNotFound());
		this.mvc.perform(post("/keys/99/delete").with(csrf())).andExpect(status().isNotFound());
		then(this.keys).should(never()).delete(anyString(), anyLong());
	}

	@Test
	void deleteWhenIdNotANumberThenClientErrorNotServerError() throws Exception {
		this.mvc.perform(post("/keys/abc/delete").with(csrf())).andExpect(status().isBadRequest());
		this.mvc.perform(post("/keys/99999999999999999999/delete").with(csrf())).andExpect(status().isBadRequest());
		then(this.keys).shouldHaveNoInteractions();
	}

	@Test
	void postWhenNoCsrfTokenThenForbiddenAndNothingChanges() throws Exception {
		this.mvc
			.perform(post("/keys").param("label", "Work").param("accessKeyId", KEY_ID).param("secretAccessKey", SECRET))
			.andExpect(status().isForbidden())
			.andExpect(content().string(not(containsString(SECRET))));
		this.mvc.perform(post("/keys/7/delete")).andExpect(status().isForbidden());
		this.mvc.perform(post("/admin/keys/reencrypt")).andExpect(status().isForbidden());
		then(this.keys).shouldHaveNoInteractions();
	}

	@Test
	void reencryptWhenPostedThenRedirectedSayingHowManyRows() throws Exception {
		given(this.keys.reencryptAll()).willReturn(12);
		this.mvc.perform(post("/admin/keys/reencrypt").with(csrf()))
			.andExpect(redirectedWithFlash("/keys", "accesskey.flash.reencrypted", "12"));
	}

	@Test
	void reencryptWhenARowDoesNotDecryptThenRedirectedWithAnErrorNotAServerError() throws Exception {
		given(this.keys.reencryptAll()).willThrow(new AccessKeyDecryptionException("key id k0 is not configured"));
		this.mvc.perform(post("/admin/keys/reencrypt").with(csrf()))
			.andExpect(redirectedUrl("/keys"))
			.andExpect(flash().attribute("flash", "accesskey.flash.reencryptFailed"));
		this.mvc
			.perform(get("/keys").flashAttr("flash", "accesskey.flash.reencryptFailed")
				.flashAttr("flashArgument", "")
				.flashAttr("flashError", true))
			.andExpect(flashShown("alert", "Nothing was encrypted again: a stored key could not be decrypted with the "
					+ "configured encryption keys. The portal's log names the key and the encryption key it needs."));
	}

	@Test
	@WithMockUser(username = "root", roles = "ADMIN")
	void listWhenAdminThenOffersReencryption() throws Exception {
		this.mvc.perform(get("/keys"))
			.andExpect(content().string(containsString("data-reencrypt")))
			.andExpect(content().string(containsString("action=\"/admin/keys/reencrypt\"")));
	}

	@Test
	void pageWhenSpanishThenInSpanish() throws Exception {
		given(this.keys.list("alice")).willReturn(List.of(WORK));
		this.mvc.perform(get("/keys").header("Accept-Language", "es"))
			.andExpect(content().string(containsString("Tus claves de acceso de AWS")))
			.andExpect(content().string(containsString("Guardar la clave")));
		this.mvc.perform(submit("Work", "ASIAIOSFODNN7EXAMPLE", SECRET).header("Accept-Language", "es"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("no se puede llamar a GetSessionToken")));
	}

}
