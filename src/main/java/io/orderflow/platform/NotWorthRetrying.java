package io.orderflow.platform;

/**
 * An exception that a service task throws when trying again cannot change the outcome: a carrier that refuses the
 * parcel, a payment provider that finds the request invalid. The job it fails is not tried again by its retry cycle:
 * it becomes an incident at once, with the exception's message, for a person to look at and retry in Cockpit once the
 * cause is dealt with. Every other exception is taken as transient and retried.
 */
public interface NotWorthRetrying {

}
