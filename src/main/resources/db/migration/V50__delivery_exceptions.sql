-- Delivery exceptions (issue 14): failed deliveries, parcels back at the sender, parcels given up as lost, and the
-- limits a location and a carrier have before the order counts as late. The same file runs on H2 and PostgreSQL.

-- A parcel that could not be delivered may be booked with the carrier again: a fulfillment order has one shipment
-- per attempt (1, 2, ...); the newest is the one in use, each earlier one names the shipment that replaced it.
alter table shipment drop constraint shipment_fulfillment_order_uk;
alter table shipment add column attempt integer default 1 not null;
alter table shipment add column replaced_by uuid;
-- what the carrier said with the status it reported last (for DELIVERY_FAILED: why)
alter table shipment add column status_detail varchar(500);
alter table shipment add constraint shipment_attempt_uk unique (fulfillment_order_id, attempt);
alter table shipment drop constraint shipment_status_ck;
alter table shipment add constraint shipment_status_ck check (status in
    ('BOOKED', 'IN_TRANSIT', 'DELIVERED', 'DELIVERY_FAILED', 'RETURNED_TO_SENDER'));

-- A fulfillment order whose parcel never reached the customer, its units reshipped or refunded instead.
alter table fulfillment_order drop constraint fulfillment_order_status_ck;
alter table fulfillment_order add constraint fulfillment_order_status_ck check (status in
    ('CREATED', 'RELEASED', 'PICKED', 'PACKED', 'SHIPPED', 'DELIVERED', 'CANCELED', 'REJECTED', 'UNDELIVERED'));

-- What became of a parcel the carrier could not deliver (kind FAILED) or an agent gave up as lost (kind LOST): one
-- row per shipment, moved forward by the FulfillmentOrder process, each step once.
create table delivery_failure (
    shipment_id           uuid         not null primary key references shipment (id),
    fulfillment_order_id  uuid         not null references fulfillment_order (id),
    order_id              uuid         not null references orders (id),
    kind                  varchar(10)  not null,
    reason                varchar(500),
    status                varchar(20)  not null,
    decision              varchar(20),
    decided_by            varchar(100),
    credit_memo_number    varchar(64),
    refund_amount         numeric(19, 4),
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null,
    constraint delivery_failure_kind_ck check (kind in ('FAILED', 'LOST')),
    constraint delivery_failure_status_ck check (status in
        ('OPEN', 'REDELIVERED', 'RESHIPPED', 'AWAITING_RETURN', 'RETURNED', 'REFUNDED', 'DELIVERED')),
    constraint delivery_failure_decision_ck check (decision in ('REDELIVER', 'RESHIP', 'REFUND'))
);

create index delivery_failure_order_ix on delivery_failure (order_id);
create index delivery_failure_fulfillment_order_ix on delivery_failure (fulfillment_order_id);

-- The limits of one fulfillment order (FulfillmentLimits in bpmn/fulfillment-limits.dmn, or an agent's new
-- deadline): released -> shipped (ship_by) and shipped -> delivered (deliver_by). late_since is set when a limit
-- passed and a task was made, for the stage it passed in; a new deadline clears it.
create table fulfillment_deadline (
    fulfillment_order_id  uuid         not null primary key references fulfillment_order (id),
    ship_by               timestamp with time zone,
    deliver_by            timestamp with time zone,
    late_stage            varchar(20),
    late_since            timestamp with time zone,
    constraint fulfillment_deadline_stage_ck check (late_stage in ('SHIPMENT', 'DELIVERY'))
);
