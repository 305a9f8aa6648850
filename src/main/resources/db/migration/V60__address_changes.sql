-- Changes of shipping address before the goods ship (issue 14). The same file runs on H2 and on PostgreSQL.

-- A fulfillment order's own ship-to. Null: it ships to the order's shipping address. Set when a change of
-- address applies to it alone, or when the order's address changes while it keeps the old one (shipped, or
-- at a location that has not accepted the change).
alter table fulfillment_order add column ship_name varchar(200);
alter table fulfillment_order add column ship_line1 varchar(200);
alter table fulfillment_order add column ship_line2 varchar(200);
alter table fulfillment_order add column ship_postal_code varchar(20);
alter table fulfillment_order add column ship_city varchar(100);
alter table fulfillment_order add column ship_region varchar(100);
alter table fulfillment_order add column ship_country varchar(2);
alter table fulfillment_order add column ship_phone varchar(40);

-- One requested change: of the whole order (fulfillment_order_id null) or of one fulfillment order.
create table address_change (
    id                    uuid          not null primary key,
    order_id              uuid          not null references orders (id),
    order_number          varchar(40)   not null,
    fulfillment_order_id  uuid,
    ship_name             varchar(200)  not null,
    ship_line1            varchar(200)  not null,
    ship_line2            varchar(200),
    ship_postal_code      varchar(20)   not null,
    ship_city             varchar(100)  not null,
    ship_region           varchar(100),
    ship_country          varchar(2)    not null,
    ship_phone            varchar(40),
    reason                varchar(500)  not null,
    status                varchar(20)   not null,
    -- the order's own address was changed (what is allocated from then on ships to it) ...
    order_address_changed boolean       not null default false,
    -- ... while some of its units were not yet allocated, so that they follow the new address
    unallocated_changed   boolean       not null default false,
    requested_by          varchar(100)  not null,
    process_instance_id   varchar(64),
    answer_deadline       timestamp with time zone,
    created_at            timestamp with time zone not null,
    updated_at            timestamp with time zone not null,
    constraint address_change_status_ck check (status in
        ('REQUESTED', 'AWAITING_LOCATIONS', 'APPLIED', 'PARTIALLY_APPLIED', 'REFUSED'))
);

create index address_change_order_ix on address_change (order_id, created_at);

-- Per fulfillment order the change reached: changed at once (not yet released), or asked of its location
-- and what came of it.
create table address_change_target (
    address_change_id         uuid          not null references address_change (id),
    fulfillment_order_id      uuid          not null,
    fulfillment_order_number  varchar(60)   not null,
    location_id               varchar(100)  not null,
    outcome                   varchar(20)   not null,
    reason                    varchar(500),
    decided_by                varchar(100),
    updated_at                timestamp with time zone not null,
    primary key (address_change_id, fulfillment_order_id),
    constraint address_change_target_outcome_ck check (outcome in
        ('CHANGED', 'ASKED', 'ACCEPTED', 'REFUSED', 'NO_ANSWER', 'SHIPPED'))
);
