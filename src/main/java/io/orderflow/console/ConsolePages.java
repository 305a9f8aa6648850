package io.orderflow.console;

import io.orderflow.console.ConsoleController.NoSuchOrder;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The console's own pages for what it cannot show (the API's problem+json is not for people). */
@ControllerAdvice(assignableTypes = { ConsoleController.class, ConsoleActions.class, ConsoleChangeActions.class })
class ConsolePages {

	@ExceptionHandler(NoSuchOrder.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String noSuchOrder(Model model) {
		model.addAttribute("status", 404);
		return "error";
	}

}
