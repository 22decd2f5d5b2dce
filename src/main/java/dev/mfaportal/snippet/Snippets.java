package dev.mfaportal.snippet;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.mfaportal.sts.StsModel;
import dev.mfaportal.sts.TemporaryCredentials;

/**
 * Renders issued credentials into every {@link SnippetFormat}. Pure functions: the same
 * input gives the same bytes, which the golden-file tests hold to.
 */
public final class Snippets {

	private static final List<String> VARIABLES = List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
			"AWS_SESSION_TOKEN", "AWS_CREDENTIAL_EXPIRATION");

	/**
	 * The comment line above a credentials-file section, before its expiry; a profile
	 * writer knows its own sections by it.
	 */
	public static final String CREDENTIALS_FILE_COMMENT = "# MFA session credentials, valid until ";

	private Snippets() {
	}

	/**
	 * @param credentials what STS issued
	 * @param profileName the credentials-file section, one {@link StsModel#PROFILE_NAME}
	 * takes
	 * @return one snippet per format, in the order of {@link SnippetFormat}
	 */
	public static List<Snippet> render(TemporaryCredentials credentials, String profileName) {
		List<Snippet> snippets = new ArrayList<>();
		for (SnippetFormat format : SnippetFormat.values()) {
			snippets.add(render(format, credentials, profileName));
		}
		return snippets;
	}

	public static Snippet render(SnippetFormat format, TemporaryCredentials credentials, String profileName) {
		requireProfileName(profileName);
		String text = switch (format) {
			case ENV -> assignments(credentials, (name, value) -> "export " + name + "=" + Quoting.posix(value));
			case ENV_UNSET -> "unset " + String.join(" ", VARIABLES) + "\n";
			case FISH -> assignments(credentials, (name, value) -> "set -gx " + name + " " + Quoting.fish(value));
			case FISH_UNSET -> each((name) -> "set -e " + name);
			case POWERSHELL ->
				assignments(credentials, (name, value) -> "$Env:" + name + "=" + Quoting.powershell(value));
			case POWERSHELL_UNSET -> each((name) -> "Remove-Item Env:" + name + " -ErrorAction SilentlyContinue");
			case WINDOWS_CMD ->
				assignments(credentials, (name, value) -> "set " + name + "=" + Quoting.windowsCmd(value));
			case WINDOWS_CMD_UNSET -> each((name) -> "set " + name + "=");
			case CREDENTIALS_FILE -> credentialsFile(credentials, profileName);
			case PROCESS -> credentialProcess(credentials);
			case DOTENV -> assignments(credentials, (name, value) -> name + "=" + Quoting.dotenv(value));
		};
		String content = format.crlf() ? text.replace("\n", "\r\n") : text;
		return new Snippet(format, content, format.fileName(profileName));
	}

	/**
	 * The commands that try the credentials-file profile out, in every shell the page
	 * offers, each quoted as that shell reads it.
	 * @param profileName the profile's name, one {@link StsModel#PROFILE_NAME} takes
	 * @return one {@link Usage} per shell, in the order of {@link Usage#SHELLS}
	 */
	public static List<Usage> usage(String profileName) {
		return Usage.SHELLS.stream().map((shell) -> usage(shell, profileName)).toList();
	}

	/**
	 * @param shell one of {@link Usage#SHELLS}
	 * @param profileName the profile's name, one {@link StsModel#PROFILE_NAME} takes
	 * @return the commands, quoted for that shell
	 */
	public static Usage usage(SnippetFormat shell, String profileName) {
		requireProfileName(profileName);
		String profile = switch (shell) {
			case ENV -> Quoting.posix(profileName);
			case FISH -> Quoting.fish(profileName);
			case POWERSHELL -> Quoting.powershellArgument(profileName);
			case WINDOWS_CMD -> Quoting.windowsCmdArgument(profileName);
			default -> throw new IllegalArgumentException(shell.id() + " is not a shell");
		};
		return new Usage(shell,
				List.of("aws sts get-caller-identity --profile " + profile, "aws s3 ls --profile " + profile));
	}

	/**
	 * A name outside the rule would give a section the SDKs skip, or a {@code --profile}
	 * the CLI refuses: the form refuses it first, so here it is a bug.
	 */
	private static void requireProfileName(String profileName) {
		if (!StsModel.isProfileName(profileName)) {
			throw new IllegalArgumentException("Not a profile name the AWS CLI and SDKs read: " + profileName);
		}
	}

	private static String assignments(TemporaryCredentials credentials, BiFunction<String, String, String> line) {
		StringBuilder text = new StringBuilder();
		values(credentials).forEach((name, value) -> text.append(line.apply(name, value)).append('\n'));
		return text.toString();
	}

	private static String each(Function<String, String> line) {
		StringBuilder text = new StringBuilder();
		VARIABLES.forEach((name) -> text.append(line.apply(name)).append('\n'));
		return text.toString();
	}

	private static Map<String, String> values(TemporaryCredentials credentials) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put(VARIABLES.get(0), credentials.accessKeyId());
		values.put(VARIABLES.get(1), credentials.secretAccessKey());
		values.put(VARIABLES.get(2), credentials.sessionToken());
		values.put(VARIABLES.get(3), expiration(credentials));
		return values;
	}

	private static String credentialsFile(TemporaryCredentials credentials, String profileName) {
		return CREDENTIALS_FILE_COMMENT + expiration(credentials) + "\n" //
				+ "[" + profileName + "]\n" //
				+ "aws_access_key_id = " + credentials.accessKeyId() + "\n" //
				+ "aws_secret_access_key = " + credentials.secretAccessKey() + "\n" //
				+ "aws_session_token = " + credentials.sessionToken() + "\n";
	}

	private static String credentialProcess(TemporaryCredentials credentials) {
		return "{\n" //
				+ "  \"Version\": 1,\n" //
				+ "  \"AccessKeyId\": " + Json.string(credentials.accessKeyId()) + ",\n" //
				+ "  \"SecretAccessKey\": " + Json.string(credentials.secretAccessKey()) + ",\n" //
				+ "  \"SessionToken\": " + Json.string(credentials.sessionToken()) + ",\n" //
				+ "  \"Expiration\": " + Json.string(expiration(credentials)) + "\n" //
				+ "}\n";
	}

	static String expiration(TemporaryCredentials credentials) {
		return DateTimeFormatter.ISO_INSTANT.format(credentials.expiration());
	}

}
