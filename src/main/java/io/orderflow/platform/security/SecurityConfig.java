package io.orderflow.platform.security;

import static io.orderflow.OrderProcess.Groups.ADMINS;
import static io.orderflow.OrderProcess.Groups.FRAUD_ANALYSTS;
import static io.orderflow.OrderProcess.Groups.INTEGRATORS;
import static io.orderflow.OrderProcess.Groups.SERVICE_AGENTS;
import static io.orderflow.OrderProcess.Groups.SUPERVISORS;
import static io.orderflow.OrderProcess.Groups.WAREHOUSE;

import java.util.Arrays;
import java.util.LinkedHashMap;

import io.orderflow.platform.apikey.ApiKeyProperties;
import io.orderflow.platform.apikey.ApiKeys;
import org.camunda.bpm.engine.IdentityService;

import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.access.DelegatingAccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what. {@code /api} and {@code /engine-rest} need an API key ({@code Authorization: Bearer})
 * or HTTP Basic against Camunda's users (switched off by {@code orderflow.security.api-basic-auth=false});
 * the group decides the rest. The Camunda webapps ({@code /camunda}) keep their own login and the
 * engine's authorizations.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfig {

	/** Links out of Orderflow carry no path (order numbers, ids) to other sites. */
	private static final ReferrerPolicy REFERRER_POLICY = ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN;

	private static final String[] STAFF = authorities(INTEGRATORS, SERVICE_AGENTS, SUPERVISORS, FRAUD_ANALYSTS,
			WAREHOUSE, ADMINS);

	private static final String[] ORDER_WRITERS = authorities(INTEGRATORS, ADMINS);

	/** Locations report fulfillment events through an integration or their warehouse staff's accounts. */
	private static final String[] LOCATION_REPORTERS = authorities(INTEGRATORS, WAREHOUSE, ADMINS);

	/** The order itself (customer, addresses, totals) and its payments: everyone but the warehouse. */
	private static final String[] ORDER_READERS = authorities(ReadAccess.MONEY_READERS.toArray(String[]::new));

	/** Invoices, credit memos, cancellations and adjustments: the people who serve the customer. */
	private static final String[] SERVICE_READERS = authorities(ReadAccess.SERVICE_READERS.toArray(String[]::new));

	/**
	 * What a location works with: fulfillment orders (with their ship-to), shipments, returns and
	 * reshipments, the catalog and the locations; every Orderflow group reads them.
	 */
	private static final String[] GOODS_PATHS = { "/api/fulfillment-orders/*", "/api/orders/*/fulfillment-orders",
			"/api/shipments/*", "/api/orders/*/shipments", "/api/returns/*", "/api/orders/*/returns",
			"/api/reshipments/*", "/api/orders/*/reshipments", "/api/products", "/api/products/*", "/api/locations",
			"/api/locations/*", "/api/locations/*/fulfillment-orders", "/api/availability" };

	private static final String[] ORDER_PATHS = { "/api/orders", "/api/orders/*", "/api/orders/*/payments" };

	@Bean
	@Order(1)
	SecurityFilterChain apiSecurity(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
			ProblemSecurityHandlers problems, ApiKeys apiKeys, ApiKeyProperties properties) throws Exception {
		// path patterns, not MVC matchers: /engine-rest is served by Jersey, not by Spring MVC
		PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
		if (properties.apiBasicAuth()) {
			http.httpBasic(basic -> basic.realmName("Orderflow").authenticationEntryPoint(problems));
		}
		else {
			http.httpBasic(AbstractHttpConfigurer::disable);
		}
		return http
			.securityMatcher(new OrRequestMatcher(path.matcher("/api/**"), path.matcher("/engine-rest/**"),
					path.matcher("/actuator/**")))
			.authorizeHttpRequests(requests -> requests.requestMatchers(path.matcher("/actuator/health/**"))
				.permitAll()
				.requestMatchers(path.matcher("/actuator/**"))
				.hasAuthority(CamundaIdentityAuthenticationProvider.GROUP_PREFIX + ADMINS)
				.requestMatchers(path.matcher("/api/api-keys"), path.matcher("/api/api-keys/**"))
				.hasAuthority(CamundaIdentityAuthenticationProvider.GROUP_PREFIX + ADMINS)
				// Adyen's notifications: no user signs them in, each item's HMAC signature authenticates it
				.requestMatchers(path.matcher(HttpMethod.POST, "/api/payments/adyen/notifications"))
				.permitAll()
				.requestMatchers(path.matcher(HttpMethod.POST, "/api/orders"))
				.hasAnyAuthority(ORDER_WRITERS)
				// webhook subscriptions: where Orderflow sends what, read and kept by the integrations
				.requestMatchers(path.matcher("/api/webhooks"), path.matcher("/api/webhooks/**"))
				.hasAnyAuthority(ORDER_WRITERS)
				.requestMatchers(path.matcher(HttpMethod.POST, "/api/fulfillment-orders/*/events"))
				.hasAnyAuthority(LOCATION_REPORTERS)
				.requestMatchers(path.matcher(HttpMethod.POST, "/api/returns/*/events"),
						path.matcher(HttpMethod.POST, "/api/exchanges/*/events"))
				.hasAnyAuthority(LOCATION_REPORTERS)
				// an agent's hold of an order, and its release: the people who serve the customer, and integrations
				.requestMatchers(path.matcher(HttpMethod.POST, "/api/orders/*/hold"),
						path.matcher(HttpMethod.POST, "/api/orders/*/release-hold"))
				.hasAnyAuthority(SERVICE_READERS)
				.requestMatchers(path.matcher(HttpMethod.POST, "/api/address-changes/*/events"))
				.hasAnyAuthority(LOCATION_REPORTERS)
				.requestMatchers(get(path, GOODS_PATHS))
				.hasAnyAuthority(STAFF)
				.requestMatchers(get(path, ORDER_PATHS))
				.hasAnyAuthority(ORDER_READERS)
				.requestMatchers(path.matcher(HttpMethod.GET, "/api/**"))
				.hasAnyAuthority(SERVICE_READERS)
				.requestMatchers(path.matcher("/api/**"))
				.hasAnyAuthority(ORDER_WRITERS)
				// inside /engine-rest the engine's own authorizations decide, per resource
				.requestMatchers(path.matcher("/engine-rest/**"))
				.hasAnyAuthority(STAFF)
				.anyRequest()
				.denyAll())
			.authenticationProvider(provider)
			.addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys, new FailedSignIns(properties), problems),
					BasicAuthenticationFilter.class)
			.exceptionHandling(errors -> errors.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf(AbstractHttpConfigurer::disable)
			.headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(REFERRER_POLICY)))
			.build();
	}

	/**
	 * The order console: the same Camunda users and groups, signed in with a form, a session and CSRF
	 * protection; every Orderflow group may open it, and each page shows what the group may read.
	 */
	@Bean
	@Order(0)
	SecurityFilterChain consoleSecurity(HttpSecurity http, CamundaIdentityAuthenticationProvider provider,
			ApiKeyProperties properties) throws Exception {
		PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
		FormSignInLimit limit = new FormSignInLimit(new FailedSignIns(properties),
				path.matcher(HttpMethod.POST, "/console/login"), "/console/login");
		return http.securityMatcher(path.matcher("/console/**"))
			.authorizeHttpRequests(requests -> requests
				.requestMatchers(path.matcher("/console/login"), path.matcher("/console/expired"),
						path.matcher("/console/console.css"))
				.permitAll()
				// cancel, return, reship, appease, hold, change the address, exchange: the people who serve the customer
				.requestMatchers(path.matcher("/console/orders/*/cancel"), path.matcher("/console/orders/*/return"),
						path.matcher("/console/orders/*/reship"), path.matcher("/console/orders/*/appease"),
						path.matcher("/console/orders/*/hold"), path.matcher("/console/orders/*/release-hold"),
						path.matcher("/console/orders/*/address-change"), path.matcher("/console/orders/*/exchange"))
				.hasAnyAuthority(SERVICE_READERS)
				.anyRequest()
				.hasAnyAuthority(STAFF))
			.authenticationProvider(provider)
			.formLogin(form -> form.loginPage("/console/login")
				.loginProcessingUrl("/console/login")
				.defaultSuccessUrl("/console/orders", false)
				.failureHandler(limit)
				.permitAll())
			.addFilterBefore(limit, UsernamePasswordAuthenticationFilter.class)
			.logout(logout -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout"))
			.exceptionHandling(errors -> errors.accessDeniedHandler(consoleRefusals()))
			.headers(headers -> headers.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(REFERRER_POLICY)))
			.build();
	}

	/** A form without its page's token: "form expired"; anything else refused: "not for your group". */
	private static AccessDeniedHandler consoleRefusals() {
		LinkedHashMap<Class<? extends AccessDeniedException>, AccessDeniedHandler> pages = new LinkedHashMap<>();
		pages.put(CsrfException.class, errorPage("/console/expired"));
		return new DelegatingAccessDeniedHandler(pages, errorPage("/console/denied"));
	}

	private static AccessDeniedHandler errorPage(String path) {
		AccessDeniedHandlerImpl page = new AccessDeniedHandlerImpl();
		page.setErrorPage(path);
		return page;
	}

	/**
	 * The customers' tracking page: public, with CSRF protection on its form, and nothing remembered between
	 * look-ups (no session).
	 */
	@Bean
	@Order(0)
	SecurityFilterChain trackingSecurity(HttpSecurity http) throws Exception {
		PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
		return http.securityMatcher(new OrRequestMatcher(path.matcher("/track"), path.matcher("/track/**")))
			.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
			.headers(headers -> headers.frameOptions(frame -> frame.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.build();
	}

	/**
	 * The webapps authenticate their users themselves (and protect themselves against CSRF); the
	 * OpenAPI document and Swagger UI are public. (Health probes are public, other actuator endpoints
	 * need an administrator: see the first chain.)
	 */
	@Bean
	@Order(2)
	SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
		PathPatternRequestMatcher.Builder path = PathPatternRequestMatcher.withDefaults();
		return http
			// the webapps' first-administrator setup: Orderflow creates the administrator itself, and the
			// webapps' own check (no member in camunda-admin) can be fooled; closed whatever the membership
			.authorizeHttpRequests(requests -> requests.requestMatchers(path.matcher("/camunda/api/admin/setup/**"))
				.denyAll()
				.anyRequest()
				.permitAll())
			.csrf(AbstractHttpConfigurer::disable)
			.headers(headers -> headers.frameOptions(frame -> frame.sameOrigin())
				.referrerPolicy(referrer -> referrer.policy(REFERRER_POLICY)))
			.build();
	}

	/**
	 * Hands the user Spring Security authenticated to the engine, with their groups, so that the
	 * engine's authorization checks apply to every {@code /engine-rest} call.
	 */
	@Bean
	FilterRegistrationBean<EngineAuthenticationFilter> engineRestAuthentication(IdentityService identityService) {
		FilterRegistrationBean<EngineAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new EngineAuthenticationFilter(identityService));
		registration.setName("engine-rest-authentication");
		registration.addUrlPatterns("/engine-rest/*");
		registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
		return registration;
	}

	/** A second completion of a task answers 404, not engine-rest's 500; runs after authentication. */
	@Bean
	FilterRegistrationBean<GoneTaskFilter> goneTaskFilter(JdbcClient jdbc) {
		FilterRegistrationBean<GoneTaskFilter> registration = new FilterRegistrationBean<>(new GoneTaskFilter(jdbc));
		registration.setName("gone-task");
		registration.addUrlPatterns("/engine-rest/*");
		registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 2);
		return registration;
	}

	private static RequestMatcher get(PathPatternRequestMatcher.Builder path, String... patterns) {
		return new OrRequestMatcher(Arrays.stream(patterns).<RequestMatcher>map(p -> path.matcher(HttpMethod.GET, p)).toList());
	}

	private static String[] authorities(String... groups) {
		return Arrays.stream(groups).map(g -> CamundaIdentityAuthenticationProvider.GROUP_PREFIX + g)
			.toArray(String[]::new);
	}

}
