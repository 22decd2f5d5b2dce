package dev.mfaportal.emulator;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * IAM's {@code ListMFADevices}, which clients call to find the serial to send with a
 * code. The emulator grants it as a typical self-service policy does: a user may list
 * their own devices, unless the settings deny them IAM; the account root may list
 * anyone's; a role may list no one's.
 */
final class ListMfaDevicesAction {

	static final String VERSION = "2010-05-08";

	/**
	 * IAM's own text when a role omits {@code UserName}: there is no user to default to.
	 */
	static final String USER_NAME_REQUIRED = "Must specify userName when calling with non-User credentials";

	/** IAM writes dates to the second. */
	private static final DateTimeFormatter ENABLE_DATE = DateTimeFormatter.ISO_INSTANT;

	private final Instant enableDate;

	/** {@code enableDate}: every device reports this, the emulator knows no other. */
	ListMfaDevicesAction(Instant enableDate) {
		this.enableDate = enableDate.truncatedTo(ChronoUnit.SECONDS);
	}

	String handle(Caller caller, EmulatorSettings settings, Map<String, String> parameters, String requestId) {
		String userName = parameters.get("UserName");
		new ValidationErrors().text("userName", userName, 1, 128, "[\\w+=,.@-]+")
			.range("maxItems", parameters.get("MaxItems"), 1, 1000)
			.throwIfAny();
		if (caller.assumedRole() != null) {
			if (userName == null) {
				throw StsError.validation(USER_NAME_REQUIRED);
			}
			throw denied(caller, userName);
		}
		EmulatedUser self = caller.user();
		if (settings.iamDeniedUsers().contains(self.userName())) {
			throw denied(caller, (userName != null) ? userName : self.userName());
		}
		EmulatedUser owner = owner(caller, settings, userName);
		EmulatedMfaDevice device = owner.device();
		return StsXml.success(StsXml.IAM_NAMESPACE, "ListMFADevices", requestId, (xml) -> {
			xml.open("MFADevices");
			if (device != null) {
				xml.open("member")
					.element("UserName", owner.userName())
					.element("SerialNumber", device.serialNumber())
					.element("EnableDate", ENABLE_DATE.format(this.enableDate))
					.close();
			}
			xml.close().element("IsTruncated", "false");
		});
	}

	private static EmulatedUser owner(Caller caller, EmulatorSettings settings, String userName) {
		EmulatedUser self = caller.user();
		if (userName == null || (!self.root() && userName.equals(self.userName()))) {
			return self;
		}
		if (!self.root()) {
			throw denied(caller, userName);
		}
		return settings.users()
			.stream()
			.filter((user) -> !user.root() && user.account().equals(self.account()) && user.userName().equals(userName))
			.findFirst()
			.orElseThrow(
					() -> new StsError(404, "NoSuchEntity", "The user with name " + userName + " cannot be found."));
	}

	private static StsError denied(Caller caller, String userName) {
		return StsError.accessDenied("User: " + caller.arn() + " is not authorized to perform: iam:ListMFADevices "
				+ "on resource: user " + userName);
	}

}
