package io.orderflow.platform.security;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordSignInsTest {

	private static final List<GrantedAuthority> INTEGRATORS = List.of(new SimpleGrantedAuthority("GROUP_integrators"));

	private final AtomicInteger checks = new AtomicInteger();

	@Test
	void aPasswordThatSignedInIsCheckedOnceWithinTheCacheTime() {
		PasswordSignIns signIns = new PasswordSignIns(Duration.ofMinutes(1));

		for (int i = 0; i < 3; i++) {
			assertThat(signIns.authorities("ada", "secret", this::correct)).isEqualTo(INTEGRATORS);
		}

		assertThat(checks).hasValue(1);
	}

	@Test
	void anotherPasswordOfTheSameUserIsCheckedByTheEngine() {
		PasswordSignIns signIns = new PasswordSignIns(Duration.ofMinutes(1));
		signIns.authorities("ada", "secret", this::correct);

		assertThatThrownBy(() -> signIns.authorities("ada", "guess", this::wrong)).isInstanceOf(BadCredentialsException.class);
		assertThatThrownBy(() -> signIns.authorities("ada", "guess", this::wrong)).isInstanceOf(BadCredentialsException.class);

		assertThat(checks).hasValue(3);
	}

	@Test
	void aWrongPasswordMakesTheUsersNextRequestsGoToTheEngineWhichMayHaveLockedThem() {
		PasswordSignIns signIns = new PasswordSignIns(Duration.ofMinutes(1));
		signIns.authorities("ada", "secret", this::correct);
		signIns.authorities("grace", "hopper", this::correct);

		assertThatThrownBy(() -> signIns.authorities("ada", "guess", this::wrong)).isInstanceOf(BadCredentialsException.class);

		// the engine has locked ada now: her right password is refused
		assertThatThrownBy(() -> signIns.authorities("ada", "secret", this::wrong)).isInstanceOf(BadCredentialsException.class);
		// grace was not touched
		signIns.authorities("grace", "hopper", this::correct);
		assertThat(checks).hasValue(4);
	}

	@Test
	void emptiedSignInsAreCheckedAgain() {
		PasswordSignIns signIns = new PasswordSignIns(Duration.ofMinutes(1));
		signIns.authorities("ada", "secret", this::correct);

		signIns.clear();
		signIns.authorities("ada", "secret", this::correct);

		assertThat(checks).hasValue(2);
	}

	@Test
	void aCacheTimeOfZeroChecksEveryRequest() {
		PasswordSignIns signIns = new PasswordSignIns(Duration.ZERO);

		signIns.authorities("ada", "secret", this::correct);
		signIns.authorities("ada", "secret", this::correct);

		assertThat(checks).hasValue(2);
	}

	private List<GrantedAuthority> correct() {
		checks.incrementAndGet();
		return INTEGRATORS;
	}

	private List<GrantedAuthority> wrong() {
		checks.incrementAndGet();
		throw new BadCredentialsException("Bad credentials");
	}

}
