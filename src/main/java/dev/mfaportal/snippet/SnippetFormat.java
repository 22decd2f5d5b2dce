package dev.mfaportal.snippet;

/**
 * Every format the result page offers. The ids match the AWS CLI's
 * {@code aws configure export-credentials --format} names where one exists.
 */
public enum SnippetFormat {

	ENV("env", "aws-%s.sh", false), ENV_UNSET("env-unset", "aws-%s-unset.sh", false),
	FISH("fish", "aws-%s.fish", false), FISH_UNSET("fish-unset", "aws-%s-unset.fish", false),
	POWERSHELL("powershell", "aws-%s.ps1", true), POWERSHELL_UNSET("powershell-unset", "aws-%s-unset.ps1", true),
	WINDOWS_CMD("windows-cmd", "aws-%s.cmd", true), WINDOWS_CMD_UNSET("windows-cmd-unset", "aws-%s-unset.cmd", true),
	CREDENTIALS_FILE("credentials-file", "aws-%s-credentials.ini", false),
	PROCESS("process", "aws-%s-credential-process.json", false), DOTENV("dotenv", "aws-%s.env", false);

	private final String id;

	private final String fileNamePattern;

	private final boolean crlf;

	SnippetFormat(String id, String fileNamePattern, boolean crlf) {
		this.id = id;
		this.fileNamePattern = fileNamePattern;
		this.crlf = crlf;
	}

	public String id() {
		return this.id;
	}

	/** Windows formats use CRLF line endings, in the download as on disk. */
	public boolean crlf() {
		return this.crlf;
	}

	String fileName(String profileName) {
		return this.fileNamePattern.formatted(profileName.replaceAll("[^A-Za-z0-9._-]", "_"));
	}

}
