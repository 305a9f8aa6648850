package io.orderflow.platform;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a {@link SandboxNotAllowedException} into Spring Boot's "APPLICATION FAILED TO START" report. */
class SandboxNotAllowedFailureAnalyzer extends AbstractFailureAnalyzer<SandboxNotAllowedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SandboxNotAllowedException cause) {
		return new FailureAnalysis(cause.getMessage() + ".",
				"Set " + cause.selectedBy().replaceFirst("=.*", "") + " to a real adapter, or allow the sandbox"
						+ " explicitly with " + cause.allowedBy() + "=true (" + cause.variable() + "=true), e.g. on a"
						+ " staging system.",
				cause);
	}

}
