-- Cancellations: what a customer (through an integrator) or an agent asked to cancel, and what was
-- canceled. The same file runs on H2 and on PostgreSQL.

create table cancellation (
    id                   uuid          not null primary key,
    order_id             uuid          not null references orders (id),
    whole_order          boolean       not null,
    reason               varchar(500)  not null,
    status               varchar(20)   not null,
    requested_by         varchar(100)  not null,
    process_instance_id  varchar(64),
    -- why the policy or the agent decided as they did
    decision_note        varchar(1000),
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    constraint cancellation_status_ck check (status in
        ('REQUESTED', 'IN_REVIEW', 'REJECTED', 'CANCELED', 'PARTIALLY_CANCELED', 'NOT_CANCELED'))
);

create index cancellation_order_ix on cancellation (order_id, created_at);

-- Per order line: requested, and once done, how much was canceled and how much was not (already shipped).
create table cancellation_line (
    cancellation_id  uuid     not null references cancellation (id),
    line_number      integer  not null,
    requested        integer  not null,
    canceled         integer  not null default 0,
    not_canceled     integer  not null default 0,
    primary key (cancellation_id, line_number),
    constraint cancellation_line_qty_ck check (requested > 0 and canceled >= 0 and not_canceled >= 0
        and canceled + not_canceled <= requested)
);
