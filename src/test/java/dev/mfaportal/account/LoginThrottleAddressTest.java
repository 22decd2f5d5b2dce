package dev.mfaportal.account;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whose failures count together for the per-address limit: an IPv6 client usually holds a
 * whole /64 and can take a new address in it for each guess, so the /64 counts as one
 * address; an IPv4 address counts alone. Written out in any of IPv6's spellings, the same
 * /64 is the same key.
 */
class LoginThrottleAddressTest {

	@Test
	void addressKeyWhenTwoAddressesOfOneSlash64ThenOneKey() {
		assertThat(LoginThrottle.addressKey("2001:db8:1:2:aaaa:bbbb:cccc:1"))
			.isEqualTo(LoginThrottle.addressKey("2001:db8:1:2::ffff"))
			.isEqualTo(LoginThrottle.addressKey("2001:0DB8:0001:0002:0:0:0:0"))
			.isEqualTo(LoginThrottle.addressKey("[2001:db8:1:2::7]"));
	}

	@Test
	void addressKeyWhenAnotherSlash64ThenAnotherKey() {
		assertThat(LoginThrottle.addressKey("2001:db8:1:3::1"))
			.isNotEqualTo(LoginThrottle.addressKey("2001:db8:1:2::1"));
	}

	@Test
	void addressKeyWhenIpv4OrIpv4MappedThenTheAddressItself() {
		assertThat(LoginThrottle.addressKey("192.0.2.1")).isNotEqualTo(LoginThrottle.addressKey("192.0.2.2"));
		assertThat(LoginThrottle.addressKey("::ffff:192.0.2.1")).isEqualTo(LoginThrottle.addressKey("192.0.2.1"));
	}

	@Test
	void addressKeyWhenNotAnAddressOrScopedThenAKeyAndNoLookUp() {
		assertThat(LoginThrottle.addressKey("fe80::1%eth0")).isEqualTo(LoginThrottle.addressKey("fe80::2"));
		assertThat(LoginThrottle.addressKey("portal.example.com")).isEqualTo("address:portal.example.com");
		assertThat(LoginThrottle.addressKey(null)).isEqualTo("address:unknown");
		assertThat(LoginThrottle.addressKey("1:2:3")).startsWith("address:");
	}

}
