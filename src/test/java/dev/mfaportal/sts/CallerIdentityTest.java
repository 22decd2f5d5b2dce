package dev.mfaportal.sts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerIdentityTest {

	@Test
	void userWhenIamUserWithPathThenNameAndTheMfaArnNamedAfterIt() {
		CallerIdentity alice = new CallerIdentity("123456789012", "arn:aws:iam::123456789012:user/division/alice",
				"AIDA");
		assertThat(alice.root()).isFalse();
		assertThat(alice.userName()).isEqualTo("alice");
		assertThat(alice.suggestedMfaArn()).isEqualTo("arn:aws:iam::123456789012:mfa/alice");
	}

	@Test
	void rootWhenAccountRootThenRecognisedWithNoUserName() {
		CallerIdentity root = new CallerIdentity("123456789012", "arn:aws:iam::123456789012:root", "123456789012");
		assertThat(root.root()).isTrue();
		assertThat(root.userName()).isNull();
	}

	@Test
	void assumedRoleWhenCallerThenNeitherRootNorUser() {
		CallerIdentity role = new CallerIdentity("123456789012", "arn:aws:sts::123456789012:assumed-role/admin/alice",
				"AROA:alice");
		assertThat(role.root()).isFalse();
		assertThat(role.userName()).isNull();
		assertThat(role.suggestedMfaArn()).isNull();
	}

	@Test
	void partitionWhenGovCloudThenKeptInTheSuggestion() {
		assertThat(new CallerIdentity("123456789012", "arn:aws-us-gov:iam::123456789012:user/bob", "AIDA")
			.suggestedMfaArn()).isEqualTo("arn:aws-us-gov:iam::123456789012:mfa/bob");
	}

}
