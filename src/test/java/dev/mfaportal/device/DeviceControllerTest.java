package dev.mfaportal.device;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.credentialsource.CredentialSource.Kind;
import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.ProfileMfaDevice;
import dev.mfaportal.limit.DeviceLocks;
import dev.mfaportal.limit.LockedDevice;
import dev.mfaportal.security.SecurityConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static dev.mfaportal.support.FlashRedirect.flashShown;
import static dev.mfaportal.support.FlashRedirect.redirectedWithFlash;
import static dev.mfaportal.support.Html.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(DeviceController.class)
@Import({ SecurityConfig.class, DeviceControllerTest.FixedClock.class })
@WithMockUser("alice")
class DeviceControllerTest {

	private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	private static final String ARN = "arn:aws:iam::123456789012:mfa/alice";

	private static final String TOKEN = "GAHT12345678";

	private static final CredentialSource WORK_KEYS = new CredentialSource("profile:work", Kind.PROFILE, "work",
			"AKIA…WXYZ", false, "eu-west-1", ARN, true);

	private static final Device WORK = new Device(7, "alice", "Work", ARN, 3600, "work-mfa", "profile:work",
			NOW.minusSeconds(86400), Instant.parse("2026-11-25T08:30:00Z"));

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private DeviceRepository devices;

	@MockitoBean
	private CredentialSources sources;

	@MockitoBean
	private DeviceLocks locks;

	@BeforeEach
	void sources() {
		given(this.sources.list()).willReturn(List.of(WORK_KEYS));
		given(this.devices.find("alice", 7)).willReturn(Optional.of(WORK));
	}

	private static MockHttpServletRequestBuilder submit(String url, String label, String serial) {
		return submit(url, label, serial, "3600", "profile:work");
	}

	private static MockHttpServletRequestBuilder submit(String url, String label, String serial, String duration,
			String sourceId) {
		return post(url).with(csrf())
			.param("label", label)
			.param("serialNumber", serial)
			.param("durationSeconds", duration)
			.param("profileName", "work-mfa")
			.param("sourceId", sourceId);
	}

	private Device inserted() {
		ArgumentCaptor<Device> device = ArgumentCaptor.forClass(Device.class);
		then(this.devices).should().insert(device.capture());
		return device.getValue();
	}

	@Test
	void listWhenDevicesLocksAndConfigOffersThenPageShowsEachWithItsAction() throws Exception {
		given(this.devices.list("alice")).willReturn(List.of(WORK));
		given(this.locks.lockedFor("alice")).willReturn(List.of(new LockedDevice(ARN, NOW.minusSeconds(60))));
		given(this.sources.mfaDevices()).willReturn(List.of(new ProfileMfaDevice("work", ARN, "profile:work"),
				new ProfileMfaDevice("personal", TOKEN, null)));

		this.mvc.perform(get("/devices"))
			.andExpect(status().isOk())
			.andExpect(view().name(DeviceController.LIST_VIEW))
			.andExpect(content().string(containsString("data-device=\"7\"")))
			.andExpect(content().string(containsString(">Work</th>")))
			.andExpect(content().string(containsString(ARN)))
			.andExpect(content().string(containsString("1 hour")))
			.andExpect(content().string(containsString("2026-11-25 08:30")))
			.andExpect(content().string(containsString("href=\"/?device=7\"")))
			.andExpect(content().string(containsString("href=\"/devices/7/edit\"")))
			.andExpect(content().string(containsString("action=\"/devices/7/delete\"")))
			.andExpect(content().string(containsString("data-locked=\"" + ARN + "\"")))
			.andExpect(content().string(containsString("locked since 2026-11-26 09:59 UTC")))
			.andExpect(content().string(containsString("action=\"/devices/unlock\"")))
			.andExpect(content().string(containsString("aria-label=\"Unlock " + ARN + "\"")))
			.andExpect(content().string(containsString("data-offer=\"personal\"")))
			.andExpect(content().string(containsString("name=\"profile\" value=\"personal\"")))
			.andExpect(content().string(not(containsString("data-offer=\"work\""))));
	}

	@Test
	void listWhenNothingSavedThenSaysSoAndOffersToAdd() throws Exception {
		this.mvc.perform(get("/devices"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("You have no saved devices yet.")))
			.andExpect(content().string(containsString("href=\"/devices/new\"")))
			.andExpect(content().string(not(containsString("data-locks"))))
			.andExpect(content().string(not(containsString("data-offers"))));
	}

	@Test
	void newFormWhenOpenedThenLabelledFieldsWithDefaults() throws Exception {
		this.mvc.perform(get("/devices/new"))
			.andExpect(status().isOk())
			.andExpect(view().name(DeviceController.FORM_VIEW))
			.andExpect(content().string(containsString("<label for=\"label\">Name</label>")))
			.andExpect(content().string(containsString("<label for=\"serialNumber\">MFA device</label>")))
			.andExpect(content().string(containsString("aria-describedby=\"label-help label-error\"")))
			.andExpect(field("durationSeconds", "43200"))
			.andExpect(field("profileName", "mfa"))
			.andExpect(field("sourceId", ""))
			.andExpect(content().string(containsString("<option value=\"profile:work\">Profile work</option>")))
			.andExpect(content().string(containsString("action=\"/devices\"")));
	}

	@Test
	void createWhenValidThenSavedForTheActorAndRedirectedWithAMessage() throws Exception {
		this.mvc.perform(submit("/devices", "  Work  ", ARN))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedWithFlash("/devices", "device.flash.added", "Work"));
		assertThat(inserted())
			.isEqualTo(new Device(0, "alice", "Work", ARN, 3600, "work-mfa", "profile:work", NOW, null));
	}

	@Test
	void createWhenNoKeysChosenThenSavedWithoutSource() throws Exception {
		this.mvc.perform(submit("/devices", "Token", TOKEN, "3600", "")).andExpect(redirectedUrl("/devices"));
		assertThat(inserted().sourceId()).isNull();
	}

	@Test
	void createWhenUserArnThenBadRequestSuggestingTheDeviceArnAndNothingSaved() throws Exception {
		this.mvc.perform(submit("/devices", "Work", "arn:aws:iam::123456789012:user/alice"))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(DeviceController.FORM_VIEW))
			.andExpect(model().attributeHasFieldErrorCode("deviceForm", "serialNumber", "form.serialNumber.userArn"))
			.andExpect(content().string(containsString(
					"That is the ARN of an IAM user, not of an MFA device. The MFA device of that user is usually "
							+ ARN)))
			.andExpect(content().string(containsString("aria-invalid=\"true\"")));
		then(this.devices).should(never()).insert(any());
	}

	@Test
	void createWhenFieldsOutsideTheModelThenEachSaysWhy() throws Exception {
		this.mvc
			.perform(post("/devices").with(csrf())
				.param("label", "Tab\there")
				.param("serialNumber", ARN)
				.param("durationSeconds", "60")
				.param("profileName", "no spaces")
				.param("sourceId", "profile:gone"))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("deviceForm", "label", "device.label.characters"))
			.andExpect(
					model().attributeHasFieldErrorCode("deviceForm", "durationSeconds", "form.durationSeconds.range"))
			.andExpect(model().attributeHasFieldErrorCode("deviceForm", "profileName", "form.profileName.format"))
			.andExpect(model().attributeHasFieldErrorCode("deviceForm", "sourceId", "device.sourceId.unknown"))
			.andExpect(content().string(containsString("These keys are not available any more.")));
		then(this.devices).should(never()).insert(any());
	}

	@Test
	void createWhenFieldsMissingThenBadRequestNotServerError() throws Exception {
		this.mvc.perform(post("/devices").with(csrf()))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("deviceForm", "label", "device.label.required"))
			.andExpect(model().attributeHasFieldErrorCode("deviceForm", "serialNumber", "form.serialNumber.required"));
	}

	@Test
	void createWhenLabelTakenThenBadRequestSayingSo() throws Exception {
		given(this.devices.labelTaken("alice", "Work", null)).willReturn(true);
		this.mvc.perform(submit("/devices", "Work", TOKEN))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("deviceForm", "label", "device.label.duplicate"))
			.andExpect(content().string(containsString("You already have a device named Work. Choose another name.")));
		then(this.devices).should(never()).insert(any());
	}

	@Test
	void createWhenLabelTakenMeanwhileThenTheDatabaseConstraintEndsInTheSameMessage() throws Exception {
		given(this.devices.insert(any())).willThrow(new DuplicateKeyException("uq_mfa_device_owner_label"));
		this.mvc.perform(submit("/devices", "Work", TOKEN))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("deviceForm", "label", "device.label.duplicate"));
	}

	@Test
	void editWhenOwnDeviceThenFormPrefilledAndPostsToTheDevice() throws Exception {
		this.mvc.perform(get("/devices/7/edit"))
			.andExpect(status().isOk())
			.andExpect(view().name(DeviceController.FORM_VIEW))
			.andExpect(content().string(containsString("Edit Work")))
			.andExpect(content().string(containsString("action=\"/devices/7\"")))
			.andExpect(field("label", "Work"))
			.andExpect(field("serialNumber", ARN))
			.andExpect(field("durationSeconds", "3600"))
			.andExpect(field("profileName", "work-mfa"))
			.andExpect(field("sourceId", "profile:work"));
	}

	@Test
	void updateWhenRenamedThenStoredKeepingIdCreationAndLastUse() throws Exception {
		given(this.devices.update(any())).willReturn(true);
		this.mvc.perform(submit("/devices/7", "Office", ARN, "900", "profile:work"))
			.andExpect(redirectedWithFlash("/devices", "device.flash.updated", "Office"));
		ArgumentCaptor<Device> device = ArgumentCaptor.forClass(Device.class);
		then(this.devices).should().labelTaken("alice", "Office", 7L);
		then(this.devices).should().update(device.capture());
		assertThat(device.getValue()).isEqualTo(new Device(7, "alice", "Office", ARN, 900, "work-mfa", "profile:work",
				WORK.createdAt(), WORK.lastUsedAt()));
	}

	@Test
	void updateWhenInvalidThenBadRequestAndTheFormStillPostsToTheDevice() throws Exception {
		this.mvc.perform(submit("/devices/7", "", ARN))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrorCode("deviceForm", "label", "device.label.required"))
			.andExpect(content().string(containsString("action=\"/devices/7\"")));
		then(this.devices).should(never()).update(any());
	}

	@Test
	void deleteWhenOwnDeviceThenDeletedAndRedirectedWithAMessage() throws Exception {
		this.mvc.perform(post("/devices/7/delete").with(csrf()))
			.andExpect(redirectedWithFlash("/devices", "device.flash.deleted", "Work"));
		then(this.devices).should().delete("alice", 7);
	}

	@Test
	void deviceWhenAnotherOwnersOrUnknownIdThenNotFoundAndNothingChanges() throws Exception {
		// Bob's device 8 is not found for alice, exactly like an id that does not exist.
		given(this.devices.find("bob", 8))
			.willReturn(Optional.of(new Device(8, "bob", "Bob", ARN, 3600, "mfa", null, NOW, null)));
		this.mvc.perform(get("/devices/8/edit")).andExpect(status().isNotFound());
		this.mvc.perform(submit("/devices/8", "Mine now", ARN)).andExpect(status().isNotFound());
		this.mvc.perform(submit("/devices/8", "", "")).andExpect(status().isNotFound());
		this.mvc.perform(post("/devices/8/delete").with(csrf())).andExpect(status().isNotFound());
		then(this.devices).should(never()).update(any());
		then(this.devices).should(never()).delete(anyString(), anyLong());
	}

	@Test
	void deviceWhenIdNotANumberThenClientErrorNotServerError() throws Exception {
		this.mvc.perform(get("/devices/abc/edit")).andExpect(status().isBadRequest());
		this.mvc.perform(get("/devices/99999999999999999999/edit")).andExpect(status().isBadRequest());
		this.mvc.perform(submit("/devices/abc", "Work", ARN)).andExpect(status().isBadRequest());
		this.mvc.perform(post("/devices/abc/delete").with(csrf())).andExpect(status().isBadRequest());
		then(this.devices).shouldHaveNoInteractions();
	}

	@Test
	void importWhenProfileOfferedThenSavedUnderAFreeVariantOfItsName() throws Exception {
		given(this.sources.mfaDevices()).willReturn(List.of(new ProfileMfaDevice("work", ARN, "profile:work")));
		given(this.devices.labelTaken("alice", "work", null)).willReturn(true);
		given(this.devices.labelTaken("alice", "work (2)", null)).willReturn(true);

		this.mvc.perform(post("/devices/import").with(csrf()).param("profile", "work"))
			.andExpect(redirectedUrl("/devices"))
			.andExpect(flash().attribute("flash", "device.flash.imported"))
			.andExpect(flash().attribute("flashArgument", "work (3)"));
		assertThat(inserted())
			.isEqualTo(new Device(0, "alice", "work (3)", ARN, 43200, "mfa", "profile:work", NOW, null));
	}

	@Test
	void importWhenLongProfileNameThenLabelCutToFitWithItsNumber() throws Exception {
		String name = "a".repeat(70);
		given(this.sources.mfaDevices()).willReturn(List.of(new ProfileMfaDevice(name, ARN, null)));
		given(this.devices.labelTaken("alice", "a".repeat(64), null)).willReturn(true);

		this.mvc.perform(post("/devices/import").with(csrf()).param("profile", name))
			.andExpect(redirectedUrl("/devices"));
		assertThat(inserted().label()).isEqualTo("a".repeat(60) + " (2)");
	}

	@Test
	void importWhenSourceNoLongerListedThenSavedWithoutIt() throws Exception {
		given(this.sources.mfaDevices()).willReturn(List.of(new ProfileMfaDevice("old", TOKEN, "profile:old")));
		this.mvc.perform(post("/devices/import").with(csrf()).param("profile", "old"))
			.andExpect(redirectedUrl("/devices"));
		assertThat(inserted().sourceId()).isNull();
	}

	@Test
	void importWhenSerialAlreadySavedThenNothingNewAndSaysUnderWhichName() throws Exception {
		given(this.sources.mfaDevices()).willReturn(List.of(new ProfileMfaDevice("work", ARN, "profile:work")));
		given(this.devices.list("alice")).willReturn(List.of(WORK));
		this.mvc.perform(post("/devices/import").with(csrf()).param("profile", "work"))
			.andExpect(redirectedWithFlash("/devices", "device.flash.alreadySaved", "Work"));
		then(this.devices).should(never()).insert(any());
	}

	@Test
	void importWhenConfigNamesAUserArnThenTheFormShowsItWithTheSuggestion() throws Exception {
		given(this.sources.mfaDevices())
			.willReturn(List.of(new ProfileMfaDevice("work", "arn:aws:iam::123456789012:user/alice", "profile:work")));
		this.mvc.perform(post("/devices/import").with(csrf()).param("profile", "work"))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(DeviceController.FORM_VIEW))
			.andExpect(model().attributeHasFieldErrorCode("deviceForm", "serialNumber", "form.serialNumber.userArn"))
			.andExpect(content().string(containsString("is usually " + ARN)))
			.andExpect(field("label", "work"));
		then(this.devices).should(never()).insert(any());
	}

	@Test
	void importWhenProfileNotOfferedThenNotFound() throws Exception {
		this.mvc.perform(post("/devices/import").with(csrf()).param("profile", "nope"))
			.andExpect(status().isNotFound());
		then(this.devices).should(never()).insert(any());
	}

	@Test
	void unlockWhenLockedThenDeviceLocksLiftsItForTheActorByTheActor() throws Exception {
		given(this.locks.unlock("alice", ARN, "alice")).willReturn(true);
		this.mvc.perform(post("/devices/unlock").with(csrf()).param("serialNumber", ARN))
			.andExpect(redirectedWithFlash("/devices", "device.flash.unlocked", ARN));
		then(this.locks).should().unlock("alice", ARN, "alice");
	}

	@Test
	void unlockWhenNotLockedThenSaysSo() throws Exception {
		this.mvc.perform(post("/devices/unlock").with(csrf()).param("serialNumber", TOKEN))
			.andExpect(redirectedUrl("/devices"))
			.andExpect(flash().attribute("flash", "device.flash.notLocked"));
	}

	@Test
	void redirectedListWhenFlashMessageThenShownAsStatus() throws Exception {
		this.mvc.perform(get("/devices").flashAttr("flash", "device.flash.added").flashAttr("flashArgument", "Work"))
			.andExpect(flashShown("status", "Device Work saved."));
	}

	@Test
	void postWhenNoCsrfTokenThenForbiddenAndNothingChanges() throws Exception {
		this.mvc.perform(post("/devices").param("label", "Work").param("serialNumber", ARN))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/devices/7").param("label", "Work")).andExpect(status().isForbidden());
		this.mvc.perform(post("/devices/7/delete")).andExpect(status().isForbidden());
		this.mvc.perform(post("/devices/import").param("profile", "work")).andExpect(status().isForbidden());
		this.mvc.perform(post("/devices/unlock").param("serialNumber", ARN)).andExpect(status().isForbidden());
		then(this.devices).shouldHaveNoInteractions();
		then(this.locks).shouldHaveNoInteractions();
	}

	@Test
	void pagesWhenSpanishThenInSpanish() throws Exception {
		given(this.devices.list("alice")).willReturn(List.of(WORK));
		this.mvc.perform(get("/devices").header("Accept-Language", "es"))
			.andExpect(content().string(containsString("Dispositivos MFA guardados")))
			.andExpect(content().string(containsString("Obtener credenciales")))
			.andExpect(content().string(containsString("1 hora")));
		given(this.devices.labelTaken(eq("alice"), eq("Work"), isNull())).willReturn(true);
		this.mvc
			.perform(submit("/devices", "Work", "arn:aws:iam::123456789012:user/alice").header("Accept-Language", "es"))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Ya tienes un dispositivo llamado Work. Elige otro nombre.")))
			.andExpect(content().string(containsString("El dispositivo MFA de ese usuario suele ser " + ARN)));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

}
