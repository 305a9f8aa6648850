-- Where each relay of the event log to a broker stands (today: RabbitMQ, when it is switched on): the
-- last feed position it published. One node at a time relays (the row is locked while it does), from the
-- position after this one, in feed order; the position moves on only once the broker confirmed the events.
create table event_relay (
    name          varchar(64) not null primary key,
    last_position bigint      not null,
    updated_at    timestamp with time zone not null
);
