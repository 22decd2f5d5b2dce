package dev.mfaportal.profile;

import dev.mfaportal.profile.CredentialsFileProfiles.Removal;
import dev.mfaportal.sts.StsModel;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Remove profile NAME": the twin of saving one, for when the session should end before
 * it expires. Only sections the portal wrote or that hold nothing but session keys go.
 */
@Controller
@Profile("!team")
class ProfileController {

	static final String REMOVED_VIEW = "profile/removed";

	private final CredentialsFileProfiles profiles;

	ProfileController(CredentialsFileProfiles profiles) {
		this.profiles = profiles;
	}

	@PostMapping("/profiles/remove")
	String remove(@RequestParam(defaultValue = "") String profileName, Model model, HttpServletResponse response) {
		Removal removal = StsModel.isProfileName(profileName) ? this.profiles.remove(profileName) : Removal.ABSENT;
		if (removal == Removal.LONG_TERM_KEYS || removal == Removal.FOREIGN) {
			response.setStatus(HttpStatus.CONFLICT.value());
		}
		else if (removal == Removal.FAILED) {
			response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
		}
		else if (!StsModel.isProfileName(profileName)) {
			response.setStatus(HttpStatus.BAD_REQUEST.value());
		}
		model.addAttribute("removal", removal.name());
		// Only a name that could be a section is echoed; anything else is never shown.
		model.addAttribute("profileName", StsModel.isProfileName(profileName) ? profileName : "");
		model.addAttribute("file", this.profiles.fileName());
		return REMOVED_VIEW;
	}

}
