-- Reshipments: units of an order sent again, free of charge, because they were lost or damaged. The
-- same file runs on H2 and on PostgreSQL.

create table reshipment (
    id                   uuid          not null primary key,
    order_id             uuid          not null references orders (id),
    reason               varchar(500)  not null,
    status               varchar(20)   not null,
    requested_by         varchar(100)  not null,
    process_instance_id  varchar(64),
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    constraint reshipment_status_ck check (status in
        ('REQUESTED', 'IN_PROGRESS', 'RESHIPPED', 'PARTIALLY_RESHIPPED', 'NOT_RESHIPPED'))
);

create index reshipment_order_ix on reshipment (order_id, created_at);

-- Per order line: requested, and once done, how many units were sent again and how many were not
-- (no location had them).
create table reshipment_line (
    reshipment_id   uuid     not null references reshipment (id),
    line_number     integer  not null,
    requested       integer  not null,
    reshipped       integer  not null default 0,
    not_reshipped   integer  not null default 0,
    primary key (reshipment_id, line_number),
    constraint reshipment_line_qty_ck check (requested > 0 and reshipped >= 0 and not_reshipped >= 0
        and reshipped + not_reshipped <= requested)
);

-- A fulfillment order that sends units of a reshipment again: it reserves and consumes stock like any
-- other, but its units count as reshipped (not allocated or fulfilled) on the order lines and it is
-- never invoiced or captured.
alter table fulfillment_order add column reshipment_id uuid references reshipment (id);

create index fulfillment_order_reshipment_ix on fulfillment_order (reshipment_id);
