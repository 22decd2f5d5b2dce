package dev.mfaportal.rotation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.mfaportal.rotation.RotatableKeys.KeyPair;
import dev.mfaportal.security.Actor;
import dev.mfaportal.sts.StsInputRules;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.validation.MapBindingResult;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * {@code POST /keys/{id}/rotate}, wherever a key store offers rotation; back to the keys
 * page with what happened. Another person's key, or one that does not exist, answers 404.
 * No code is asked where an MFA session made from that key is held (local mode's served
 * session): the rotation uses it. A store that can't be read now (a locked vault, a
 * keychain that does not answer) is said on the keys page before anything is spent.
 */
@Controller
class KeyRotationController {

	private final ObjectProvider<RotatableKeys> keys;

	private final KeyRotation rotation;

	KeyRotationController(ObjectProvider<RotatableKeys> keys, KeyRotation rotation) {
		this.keys = keys;
		this.rotation = rotation;
	}

	@PostMapping("/keys/{id}/rotate")
	String rotate(@PathVariable String id, @RequestParam(defaultValue = "") String serialNumber,
			@RequestParam(defaultValue = "") String tokenCode, HttpServletRequest request,
			RedirectAttributes redirect) {
		RotatableKeys store = this.keys.getIfAvailable();
		if (store == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		KeyPair old;
		try {
			old = store.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		}
		catch (KeyStoreUnavailable ex) {
			// Before anything is called or counted: the page says what to do first.
			return answer(RotationResult.failed(ex.messageKey(), ex.arguments().toArray(String[]::new)), redirect);
		}
		String code = tokenCode.replaceAll("[\\s\u00a0]", "");
		MapBindingResult errors = new MapBindingResult(
				new HashMap<>(Map.of("serialNumber", serialNumber.strip(), "tokenCode", code)), "rotateForm");
		if (!this.rotation.sessionHeld(old)) {
			// Asked only when no session made from this key is held: the IAM calls need
			// one.
			StsInputRules.serialNumber(serialNumber.strip(), errors);
			StsInputRules.tokenCode(code, errors);
		}
		RotationResult result = errors.hasErrors() ? RotationResult.failed("accesskey.rotate.invalid", old.label())
				: this.rotation.rotate(store, new KeyRotation.Request(Actor.current(), request.getRemoteAddr(), id,
						serialNumber.strip(), code), old);
		return answer(result, redirect);
	}

	private static String answer(RotationResult result, RedirectAttributes redirect) {
		redirect.addFlashAttribute("rotation", result.messageKey());
		redirect.addFlashAttribute("rotationArguments", List.copyOf(result.arguments()));
		redirect.addFlashAttribute("rotationFailed", !result.succeeded());
		return "redirect:/keys";
	}

}
