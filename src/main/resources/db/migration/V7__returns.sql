-- Returns: what a customer sends back, per order line and reason; what arrived in which condition, what went
-- back to stock and what was refunded. The same file runs on H2 and on PostgreSQL.

create table return_order (
    id                   uuid          not null primary key,
    order_id             uuid          not null references orders (id),
    -- RMA-<order number>-<n>, n counting the order's returns from 1
    rma_number           varchar(40)   not null,
    status               varchar(20)   not null,
    requested_by         varchar(100)  not null,
    -- where the goods come back to (the location that shipped them, unless the receipt says otherwise)
    location_id          varchar(40),
    -- why it was rejected or closed, or the agent's note
    status_reason        varchar(1000),
    decision_note        varchar(1000),
    credit_memo_number   varchar(40),
    refund_amount        decimal(19, 4),
    fee_amount           decimal(19, 4),
    process_instance_id  varchar(64),
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    constraint return_order_rma_uk unique (rma_number),
    constraint return_order_status_ck check (status in
        ('REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'REFUNDED', 'CLOSED'))
);

create index return_order_order_ix on return_order (order_id, created_at);

-- Per order line: units asked to return and why; once received, how many were resellable and damaged
-- (null until known) and how many went back to stock.
create table return_order_line (
    return_order_id  uuid         not null references return_order (id),
    line_number      integer      not null,
    quantity         integer      not null,
    reason           varchar(30)  not null,
    received         integer,
    resellable       integer,
    damaged          integer,
    restocked        integer      not null default 0,
    primary key (return_order_id, line_number),
    constraint return_order_line_qty_ck check (quantity > 0
        and (received is null or (received >= 0 and received <= quantity))
        and (resellable is null or resellable >= 0) and (damaged is null or damaged >= 0)
        and (resellable is null or damaged is null or resellable + damaged = received)
        and restocked >= 0)
);
