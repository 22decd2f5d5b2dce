package dev.mfaportal.issuing;

import dev.mfaportal.sts.MemberTrail;

/**
 * What a role session carries to name the member in CloudTrail: in team mode, unless
 * turned off, the member's source identity and session tag
 * ({@link CloudTrailNamesConfiguration}); in local mode nothing, as {@link #NONE} says.
 */
@FunctionalInterface
interface MemberTrails {

	MemberTrails NONE = (actor) -> MemberTrail.NONE;

	/**
	 * @param actor the member's portal user name
	 * @return what the AssumeRole call carries for them
	 */
	MemberTrail forActor(String actor);

}
