/**
 * Problem details and the input limits every module's web layer uses: InvalidRequestException, FieldViolation, StateConflictException, JSON limits.
 */
@NamedInterface("web")
package io.orderflow.platform.web;

import org.springframework.modulith.NamedInterface;
