package dev.mfaportal.policy;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The policy in the readiness health, as {@code teamPolicy}: its file and when it was
 * read, and the error of a changed file that was refused, with its line. UP all the same:
 * the last good policy is in force, and an instance taken out of service for a typo in a
 * file every instance shares would leave none.
 */
class PolicyHealth implements HealthIndicator {

	private final PolicyFile file;

	PolicyHealth(PolicyFile file) {
		this.file = file;
	}

	@Override
	public Health health() {
		PolicyFile.State state = this.file.state();
		if (state.policy() == null) {
			return Health.up().withDetail("policy", "none set: every member may have anything STS accepts").build();
		}
		Health.Builder health = Health.up()
			.withDetail("file", String.valueOf(this.file.path()))
			.withDetail("loadedAt", String.valueOf(state.loadedAt()))
			.withDetail("rules", state.policy().rules().size());
		if (state.error() != null) {
			health.withDetail("error", state.error()).withDetail("errorAt", String.valueOf(state.errorAt()));
		}
		return health.build();
	}

}
