-- Stock kept over REST by the systems that count it. A level carries the time its count was taken: a
-- count older than the one applied is ignored, so messages that arrive out of order never roll a level
-- back. Safety stock is never allocated. A count below what is reserved is taken as it is (the units are
-- not there); the fulfillment orders it leaves short are rejected for the lifecycle to place elsewhere,
-- so reserved may exceed on hand until they are.
alter table stock add column safety_stock integer default 0 not null;
alter table stock add column counted_at timestamp with time zone;
alter table stock drop constraint stock_reserved_ck;
alter table stock add constraint stock_reserved_ck check (reserved >= 0);
alter table stock add constraint stock_safety_stock_ck check (safety_stock >= 0);

-- Each stock movement a location reports (received, damaged, ...), once: its id makes a retry harmless.
create table stock_movement (
    location_id   varchar(64)  not null references location (id),
    movement_id   varchar(200) not null,
    sku           varchar(64)  not null references product (sku),
    kind          varchar(20)  not null,
    quantity      integer      not null,
    reason        varchar(500),
    on_hand_after integer      not null,
    recorded_by   varchar(255) not null,
    recorded_at   timestamp with time zone not null,
    primary key (location_id, movement_id)
);
