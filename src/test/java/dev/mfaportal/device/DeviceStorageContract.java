package dev.mfaportal.device;

import java.time.Instant;

import dev.mfaportal.support.StorageContract;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Saved devices against a real database: the same tests run on H2 and on PostgreSQL. Each
 * test rolls back (the annotation is here because Spring looks for it on the declaring
 * class).
 */
@Transactional
abstract class DeviceStorageContract extends StorageContract {

	DeviceRepository devices;

	@BeforeEach
	void repository() {
		this.devices = new DeviceRepository(this.jdbc);
	}

	private long save(String owner, String label, String serial) {
		return this.devices.insert(new Device(0, owner, label, serial, 3600, "mfa", "profile:work", T0, null));
	}

	@Test
	void insertWhenFoundAgainThenEveryColumnRoundTrips() {
		long id = this.devices
			.insert(new Device(0, ALICE, "Work", ALICE_MFA, 43200, "work-mfa", "profile:work", T0, null));
		long other = this.devices.insert(new Device(0, ALICE, "Token", HARDWARE, 900, "mfa", null, T0, null));

		assertThat(id).isPositive().isNotEqualTo(other);
		assertThat(this.devices.find(ALICE, id))
			.contains(new Device(id, ALICE, "Work", ALICE_MFA, 43200, "work-mfa", "profile:work", T0, null));
		assertThat(this.devices.find(ALICE, other)).get().extracting(Device::sourceId).isNull();
	}

	@Test
	void roleWhenSavedWithTheDeviceThenItRoundTripsAndUpdates() {
		Device admin = new Device(0, ALICE, "Admin", ALICE_MFA, 3600, "admin", null, T0, null,
				"arn:aws:iam::123456789012:role/admin", "alice-admin", "ext-42");
		long id = this.devices.insert(admin);
		assertThat(this.devices.find(ALICE, id)).get()
			.extracting(Device::roleArn, Device::roleSessionName, Device::externalId)
			.containsExactly("arn:aws:iam::123456789012:role/admin", "alice-admin", "ext-42");
		this.devices.update(new Device(id, ALICE, "Admin", ALICE_MFA, 3600, "admin", null, T0, null, null, null, null));
		assertThat(this.devices.find(ALICE, id)).get().extracting(Device::roleArn).isNull();
	}

	@Test
	void saveProfileWhenSavedWithTheDeviceThenItRoundTripsAndUpdates() {
		long id = this.devices
			.insert(new Device(0, ALICE, "Saves", ALICE_MFA, 3600, "mfa", null, T0, null, null, null, null, true));
		assertThat(this.devices.find(ALICE, id)).get().extracting(Device::saveProfile).isEqualTo(true);
		this.devices
			.update(new Device(id, ALICE, "Saves", ALICE_MFA, 3600, "mfa", null, T0, null, null, null, null, false));
		assertThat(this.devices.find(ALICE, id)).get().extracting(Device::saveProfile).isEqualTo(false);
		assertThat(this.devices.find(ALICE, save(ALICE, "Plain", ALICE_MFA))).get()
			.extracting(Device::saveProfile)
			.isEqualTo(false);
	}

	@Test
	void findWhenAnotherOwnersIdThenEmpty() {
		long id = save(ALICE, "Work", ALICE_MFA);
		assertThat(this.devices.find(BOB, id)).isEmpty();
		assertThat(this.devices.find(ALICE, id + 1000)).isEmpty();
	}

	@Test
	void listWhenLabelsDifferInCaseThenOnlyTheOwnersByLabelIgnoringCase() {
		save(ALICE, "beta", ALICE_MFA);
		save(ALICE, "Charlie", ALICE_MFA);
		save(ALICE, "alpha", HARDWARE);
		save(ALICE, "Alpha 2", HARDWARE);
		save(BOB, "Aardvark", ALICE_MFA);

		assertThat(this.devices.list(ALICE)).extracting(Device::label)
			.containsExactly("alpha", "Alpha 2", "beta", "Charlie");
		assertThat(this.devices.list(BOB)).extracting(Device::label).containsExactly("Aardvark");
		assertThat(this.devices.list("carol")).isEmpty();
	}

	@Test
	void updateWhenOwnersDeviceThenLabelAndDefaultsChangeAndCreationStays() {
		long id = save(ALICE, "Work", ALICE_MFA);
		Device renamed = new Device(id, ALICE, "Office", HARDWARE, 900, "office", null, T0.plusSeconds(99), null);

		assertThat(this.devices.update(renamed)).isTrue();
		assertThat(this.devices.find(ALICE, id))
			.contains(new Device(id, ALICE, "Office", HARDWARE, 900, "office", null, T0, null));
	}

	@Test
	void updateWhenAnotherOwnersDeviceThenNothingChanges() {
		long id = save(ALICE, "Work", ALICE_MFA);

		assertThat(this.devices.update(new Device(id, BOB, "Mine now", ALICE_MFA, 900, "mfa", null, T0, null)))
			.isFalse();
		assertThat(this.devices.find(ALICE, id)).get().extracting(Device::label).isEqualTo("Work");
	}

	@Test
	void deleteWhenOwnersDeviceThenGoneAndOthersStay() {
		long work = save(ALICE, "Work", ALICE_MFA);
		long token = save(ALICE, "Token", HARDWARE);

		assertThat(this.devices.delete(BOB, work)).as("another owner").isFalse();
		assertThat(this.devices.delete(ALICE, work)).isTrue();
		assertThat(this.devices.delete(ALICE, work)).as("already gone").isFalse();
		assertThat(this.devices.list(ALICE)).extracting(Device::id).containsExactly(token);
	}

	@Test
	void labelTakenWhenSameOwnerAnyCaseThenTakenUnlessItIsTheDeviceBeingRenamed() {
		long work = save(ALICE, "Work", ALICE_MFA);
		long token = save(ALICE, "Token", HARDWARE);

		assertThat(this.devices.labelTaken(ALICE, "Work", null)).isTrue();
		assertThat(this.devices.labelTaken(ALICE, "WORK", null)).as("ignoring case").isTrue();
		assertThat(this.devices.labelTaken(ALICE, "Work", work)).as("renaming itself").isFalse();
		assertThat(this.devices.labelTaken(ALICE, "work", token)).as("renaming another onto it").isTrue();
		assertThat(this.devices.labelTaken(ALICE, "Home", null)).isFalse();
		assertThat(this.devices.labelTaken(BOB, "Work", null)).as("another owner").isFalse();
	}

	@Test
	void insertWhenOwnerHasTheLabelThenTheDatabaseRefusesIt() {
		save(BOB, "Work", ALICE_MFA);
		save(ALICE, "Work", ALICE_MFA);
		// Last statement: PostgreSQL aborts the transaction after the violation.
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> save(ALICE, "Work", HARDWARE));
	}

	@Test
	void updateWhenRenamedOntoAnotherLabelThenTheDatabaseRefusesIt() {
		save(ALICE, "Work", ALICE_MFA);
		long token = save(ALICE, "Token", HARDWARE);
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(
				() -> this.devices.update(new Device(token, ALICE, "Work", HARDWARE, 3600, "mfa", null, T0, null)));
	}

	@Test
	void markUsedWhenSerialSavedThenEveryDeviceOfThatOwnerWithItAndNoOther() {
		long work = save(ALICE, "Work", ALICE_MFA);
		long workLong = save(ALICE, "Work, 36 hours", ALICE_MFA);
		long token = save(ALICE, "Token", HARDWARE);
		long bobs = save(BOB, "Work", ALICE_MFA);
		Instant used = T0.plusSeconds(3600);

		assertThat(this.devices.markUsed(ALICE, ALICE_MFA, used)).isEqualTo(2);
		assertThat(this.devices.markUsed(ALICE, "arn:aws:iam::123456789012:mfa/nobody", used)).isZero();

		assertThat(this.devices.find(ALICE, work)).get().extracting(Device::lastUsedAt).isEqualTo(used);
		assertThat(this.devices.find(ALICE, workLong)).get().extracting(Device::lastUsedAt).isEqualTo(used);
		assertThat(this.devices.find(ALICE, token)).get().extracting(Device::lastUsedAt).isNull();
		assertThat(this.devices.find(BOB, bobs)).get().extracting(Device::lastUsedAt).isNull();
	}

}
