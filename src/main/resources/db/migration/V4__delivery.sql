-- Delivery: shipments handed to carriers, and the sandbox carrier's own records.

create table shipment (
    id                    uuid         not null primary key,
    fulfillment_order_id  uuid         not null,
    order_id              uuid         not null references orders (id),
    carrier               varchar(40)  not null,
    tracking_number       varchar(100) not null,
    label_reference       varchar(200),
    status                varchar(20)  not null,
    booked_by_orderflow   boolean      not null,
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null,
    constraint shipment_fulfillment_order_uk unique (fulfillment_order_id),
    constraint shipment_status_ck check (status in ('BOOKED', 'IN_TRANSIT', 'DELIVERED', 'DELIVERY_FAILED'))
);

create index shipment_order_ix on shipment (order_id);
create index shipment_status_ix on shipment (status, updated_at);

-- What the sandbox carrier booked, by idempotency key: a retried booking returns the same tracking number.
create table sandbox_carrier_booking (
    idempotency_key   varchar(200) not null primary key,
    tracking_number   varchar(100) not null,
    label_reference   varchar(200) not null,
    country           varchar(2)   not null,
    created_at        timestamp with time zone not null,
    constraint sandbox_carrier_tracking_uk unique (tracking_number)
);

create sequence sandbox_tracking_seq start with 1000000001;

-- Events from locations and carriers, by their id: a second delivery of one event changes nothing.
-- correlated_at stays empty until the event has reached its process (it may arrive early).
create table inbound_event (
    event_id       varchar(100) not null primary key,
    source         varchar(20)  not null,
    subject_id     uuid         not null,
    type           varchar(30)  not null,
    payload        varchar(4000),
    received_at    timestamp with time zone not null,
    correlated_at  timestamp with time zone
);

create index inbound_event_pending_ix on inbound_event (correlated_at, received_at);
create index inbound_event_subject_ix on inbound_event (subject_id);
