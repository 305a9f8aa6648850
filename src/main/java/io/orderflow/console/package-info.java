/**
 * The order console ({@code /console}): pages for the people who serve orders, rendered by Orderflow itself
 * (Thymeleaf), signed in with the same Camunda users, each group seeing what it may (docs/console.md).
 */
package io.orderflow.console;
