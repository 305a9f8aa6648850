-- Manual holds (issue 14): an agent stops an order's fulfillment for a while, with a reason, and releases it.
-- One row per hold, kept after its release (who held and released it, when and why). At most one hold of an
-- order is active (released_at null): placing and releasing lock the order's row first. H2 and PostgreSQL alike.

create table order_hold (
    id              uuid          not null primary key,
    order_id        uuid          not null references orders (id),
    reason          varchar(500)  not null,
    held_by         varchar(100)  not null,
    held_at         timestamp with time zone not null,
    released_by     varchar(100),
    released_at     timestamp with time zone,
    release_reason  varchar(500),
    constraint order_hold_release_ck check ((released_at is null and released_by is null and release_reason is null)
        or (released_at is not null and released_by is not null and release_reason is not null))
);

create index order_hold_order_ix on order_hold (order_id, held_at);
