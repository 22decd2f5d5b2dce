package dev.mfaportal.issuing;

import dev.mfaportal.sts.MemberTrail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Team mode names the member in every AssumeRole: a shared role's CloudTrail then says
 * who used it, also in the roles chained from it. Local mode has one person and never
 * sends a name.
 */
@Configuration(proxyBeanMethods = false)
@Profile("team")
@EnableConfigurationProperties(CloudTrailNamesConfiguration.CloudTrailNames.class)
class CloudTrailNamesConfiguration {

	@Bean
	MemberTrails memberTrails(CloudTrailNames settings) {
		return settings.sourceIdentity() ? MemberTrail::of : MemberTrails.NONE;
	}

	/**
	 * @param sourceIdentity whether AssumeRole carries the member's portal user name as
	 * its {@code SourceIdentity} and session tag {@value MemberTrail#MEMBER_TAG}; the
	 * role's trust policy must then allow {@code sts:SetSourceIdentity} and
	 * {@code sts:TagSession}
	 */
	@ConfigurationProperties("portal.team")
	record CloudTrailNames(@DefaultValue("true") boolean sourceIdentity) {

	}

}
