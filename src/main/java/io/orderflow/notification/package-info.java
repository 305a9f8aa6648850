/**
 * Notifications to customers: every message goes on the order's timeline and out as the event
 * {@code customer.notified} ({@link io.orderflow.notification.CustomerNotifications}); where e-mail is switched on,
 * the e-mail sender follows those events and sends each once, in the customer's language, after the commit that
 * caused it. See docs/notifications.md.
 */
package io.orderflow.notification;
