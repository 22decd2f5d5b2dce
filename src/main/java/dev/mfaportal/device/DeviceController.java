package dev.mfaportal.device;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.mfaportal.credentialsource.CredentialSources;
import dev.mfaportal.credentialsource.ProfileMfaDevice;
import dev.mfaportal.issuing.HardwareCodes;
import dev.mfaportal.issuing.ProfileSaver;
import dev.mfaportal.limit.DeviceLocks;
import dev.mfaportal.security.Actor;
import dev.mfaportal.sts.StsModel;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.propertyeditors.StringTrimmerEditor;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The saved devices page, the form that adds or edits one, and the actions on the page.
 * Every POST that succeeds redirects back to the list with a message, so a reload repeats
 * nothing. Another owner's device answers 404, like one that does not exist.
 */
@Controller
class DeviceController {

	static final String LIST_VIEW = "devices/list";

	static final String FORM_VIEW = "devices/form";

	static final String REDIRECT_TO_LIST = "redirect:/devices";

	private static final String FORM = "deviceForm";

	private final DeviceRepository devices;

	private final CredentialSources sources;

	private final DeviceLocks locks;

	private final Clock clock;

	private final DeviceFormValidator validator;

	/** Saves profiles on request; {@code null} in team mode, which never writes files. */
	private final ProfileSaver profiles;

	private final boolean yubikey;

	DeviceController(DeviceRepository devices, CredentialSources sources, DeviceLocks locks, Clock clock,
			ObjectProvider<ProfileSaver> profiles, ObjectProvider<HardwareCodes> hardwareCodes) {
		this.profiles = profiles.getIfAvailable();
		// Local mode only; the field is offered even before ykman is installed.
		this.yubikey = hardwareCodes.getIfAvailable() != null;
		this.devices = devices;
		this.sources = sources;
		this.locks = locks;
		this.clock = clock;
		this.validator = new DeviceFormValidator(sources);
	}

	@InitBinder(FORM)
	void initBinder(WebDataBinder binder) {
		binder.setAllowedFields("label", "serialNumber", "durationSeconds", "profileName", "sourceId", "roleArn",
				"roleSessionName", "externalId", "saveProfile", "ykmanAccount");
		binder.registerCustomEditor(String.class, new StringTrimmerEditor(false));
	}

	@GetMapping("/devices")
	String list(Model model) {
		String owner = Actor.current();
		List<Device> saved = this.devices.list(owner);
		Map<String, String> labels = saved.stream()
			.collect(Collectors.toMap(Device::serialNumber, Device::label, (first, second) -> first));
		model.addAttribute("devices", saved);
		model.addAttribute("durationPresets", StsModel.DURATION_PRESETS);
		model.addAttribute("locks",
				this.locks.lockedFor(owner)
					.stream()
					.map((lock) -> new LockRow(lock.serialNumber(), labels.get(lock.serialNumber()),
							Device.READABLE_UTC.format(lock.lockedAt())))
					.toList());
		model.addAttribute("offers",
				this.sources.mfaDevices()
					.stream()
					.filter((offer) -> !labels.containsKey(offer.serialNumber()))
					.toList());
		return LIST_VIEW;
	}

	@GetMapping("/devices/new")
	String add(Model model) {
		return showForm(DeviceForm.empty(), null, model);
	}

	@PostMapping("/devices")
	String create(@ModelAttribute(FORM) DeviceForm form, BindingResult result, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		String owner = Actor.current();
		if (!validate(owner, form, null, result)) {
			return redisplay(form, null, model, response);
		}
		if (!insert(form.newDevice(owner, now()), result)) {
			return redisplay(form, null, model, response);
		}
		return toList(redirect, "device.flash.added", form.label());
	}

	@GetMapping("/devices/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		Device device = find(id);
		return showForm(DeviceForm.of(device), device, model);
	}

	@PostMapping("/devices/{id}")
	String update(@PathVariable long id, @ModelAttribute(FORM) DeviceForm form, BindingResult result, Model model,
			HttpServletResponse response, RedirectAttributes redirect) {
		Device device = find(id);
		if (!validate(device.owner(), form, id, result)) {
			return redisplay(form, device, model, response);
		}
		try {
			if (!this.devices.update(form.applyTo(device))) {
				throw notFound();
			}
		}
		catch (DuplicateKeyException labelTakenMeanwhile) {
			rejectDuplicate(form, result);
			return redisplay(form, device, model, response);
		}
		return toList(redirect, "device.flash.updated", form.label());
	}

	@PostMapping("/devices/{id}/delete")
	String delete(@PathVariable long id, RedirectAttributes redirect) {
		Device device = find(id);
		this.devices.delete(device.owner(), device.id());
		return toList(redirect, "device.flash.deleted", device.label());
	}

	/** Saves an {@code mfa_serial} from the AWS config under its profile's name. */
	@PostMapping("/devices/import")
	String importFromConfig(@RequestParam String profile, Model model, HttpServletResponse response,
			RedirectAttributes redirect) {
		String owner = Actor.current();
		ProfileMfaDevice offer = this.sources.mfaDevices()
			.stream()
			.filter((candidate) -> candidate.profileName().equals(profile))
			.findFirst()
			.orElseThrow(DeviceController::notFound);
		Optional<Device> saved = this.devices.list(owner)
			.stream()
			.filter((device) -> device.serialNumber().equals(offer.serialNumber()))
			.findFirst();
		if (saved.isPresent()) {
			return toList(redirect, "device.flash.alreadySaved", saved.get().label());
		}
		// A source that has gone since the config was read is no reason to refuse the
		// device.
		String sourceId = this.validator.isKnownSource(offer.sourceId()) ? offer.sourceId() : "";
		while (true) {
			DeviceForm form = DeviceForm.imported(uniqueLabel(owner, offer.profileName()), offer.serialNumber(),
					sourceId);
			BindingResult result = new BeanPropertyBindingResult(form, FORM);
			this.validator.validate(form, result);
			if (result.hasErrors()) {
				// Such as a user ARN in mfa_serial: the form says what is wrong and lets
				// it be fixed.
				model.addAttribute(BindingResult.MODEL_KEY_PREFIX + FORM, result);
				return redisplay(form, null, model, response);
			}
			if (insert(form.newDevice(owner, now()), result)) {
				return toList(redirect, "device.flash.imported", form.label());
			}
			// Another tab took the label between the check and the insert: try the next
			// one.
		}
	}

	@PostMapping("/devices/unlock")
	String unlock(@RequestParam String serialNumber, RedirectAttributes redirect) {
		String actor = Actor.current();
		boolean unlocked = this.locks.unlock(actor, serialNumber, actor);
		return toList(redirect, unlocked ? "device.flash.unlocked" : "device.flash.notLocked", serialNumber);
	}

	private Device find(long id) {
		return this.devices.find(Actor.current(), id).orElseThrow(DeviceController::notFound);
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

	private Instant now() {
		return this.clock.instant();
	}

	private boolean validate(String owner, DeviceForm form, Long id, BindingResult result) {
		this.validator.validate(form, result);
		if (!result.hasFieldErrors("label") && this.devices.labelTaken(owner, form.label(), id)) {
			rejectDuplicate(form, result);
		}
		return !result.hasErrors();
	}

	/**
	 * @return whether it was stored; otherwise the label is marked as taken
	 */
	private boolean insert(Device device, BindingResult result) {
		try {
			this.devices.insert(device);
			return true;
		}
		catch (DuplicateKeyException labelTakenMeanwhile) {
			rejectDuplicate(DeviceForm.of(device), result);
			return false;
		}
	}

	private static void rejectDuplicate(DeviceForm form, BindingResult result) {
		result.rejectValue("label", "device.label.duplicate", new Object[] { form.label() }, null);
	}

	/**
	 * The first of the profile's name, "name (2)", "name (3)"... that the owner has not
	 * used.
	 */
	private String uniqueLabel(String owner, String profileName) {
		for (int n = 1;; n++) {
			String label = DeviceForm.numberedLabel(profileName, n);
			if (!this.devices.labelTaken(owner, label, null)) {
				return label;
			}
		}
	}

	private String redisplay(DeviceForm form, Device device, Model model, HttpServletResponse response) {
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return showForm(form, device, model);
	}

	private String showForm(DeviceForm form, Device device, Model model) {
		model.addAttribute(FORM, form);
		model.addAttribute("device", device);
		model.addAttribute("sources", this.sources.list());
		model.addAttribute("profileFile", (this.profiles != null) ? this.profiles.fileName() : null);
		model.addAttribute("yubikey", this.yubikey);
		model.addAttribute("durationPresets", StsModel.DURATION_PRESETS);
		// As text: MessageFormat would print 129600 as "129,600", which the field would
		// not take.
		model.addAttribute("durationMin", String.valueOf(StsModel.DURATION_MIN));
		model.addAttribute("durationMax", String.valueOf(StsModel.DURATION_MAX));
		model.addAttribute("rootDurationMax", String.valueOf(StsModel.ROOT_DURATION_MAX));
		return FORM_VIEW;
	}

	private static String toList(RedirectAttributes redirect, String messageKey, String argument) {
		redirect.addFlashAttribute("flash", messageKey);
		redirect.addFlashAttribute("flashArgument", argument);
		return REDIRECT_TO_LIST;
	}

	/**
	 * A locked device as the list shows it.
	 *
	 * @param serialNumber the device
	 * @param label the owner's saved device with that serial number, or {@code null}
	 * @param lockedAtUtc when it was locked
	 */
	record LockRow(String serialNumber, String label, String lockedAtUtc) {

	}

}
