package dev.mfaportal.issuing;

import java.util.List;
import java.util.Optional;

import dev.mfaportal.credentialsource.CredentialSource;
import dev.mfaportal.sts.TemporaryCredentials;

/**
 * Writes issued credentials as a profile of the person's own credentials file, when they
 * ask; local mode only (implemented by {@code dev.mfaportal.profile}, absent in team
 * mode).
 */
public interface ProfileSaver {

	/**
	 * The file the profile goes to, as the page names it ({@code ~/.aws/credentials}).
	 */
	String fileName();

	/**
	 * Why this profile must not be written: checked before STS, so a refused save costs
	 * no code.
	 * @param profileName the section to write
	 * @param source whose long-term keys sign the call
	 * @return the refusal, or empty when the save may go ahead
	 */
	Optional<Refusal> refusal(String profileName, CredentialSource source);

	/**
	 * Writes the section; never throws, since the credentials exist by now and the page
	 * must show them whatever happens to the file.
	 */
	SavedProfile save(String profileName, TemporaryCredentials credentials);

	/**
	 * A refused save, said on the profile name field.
	 *
	 * @param messageCode the message key
	 * @param arguments its arguments
	 */
	record Refusal(String messageCode, List<String> arguments) {

	}

	/**
	 * What became of a save.
	 *
	 * @param profileName the section
	 * @param file the file, as the page names it
	 * @param failureCode the message key of what went wrong, or {@code null} when written
	 */
	record SavedProfile(String profileName, String file, String failureCode) {

		public boolean written() {
			return this.failureCode == null;
		}

	}

}
