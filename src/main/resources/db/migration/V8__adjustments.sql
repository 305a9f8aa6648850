-- Adjustments (discounts, appeasements): an amount taken off a line or off shipping, with a reason. The
-- same file runs on H2 and on PostgreSQL.

create table adjustment (
    id                   uuid           not null primary key,
    order_id             uuid           not null references orders (id),
    -- LINE (line_number names it) or SHIPPING
    target               varchar(10)    not null,
    line_number          integer,
    -- AMOUNT or PERCENTAGE; requested_value is the amount or the percentage as asked for
    kind                 varchar(10)    not null,
    requested_value      numeric(19, 4) not null,
    -- what the adjustment is worth in the order's currency (tax included for a line), and its split
    amount               numeric(19, 4) not null,
    net_amount           numeric(19, 4) not null,
    tax_amount           numeric(19, 4) not null,
    currency             varchar(3)     not null,
    reason               varchar(500)   not null,
    status               varchar(20)    not null,
    requested_by         varchar(100)   not null,
    approved_by          varchar(100),
    decision_note        varchar(1000),
    credit_memo_id       uuid,
    process_instance_id  varchar(64),
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    constraint adjustment_target_ck check ((target = 'LINE' and line_number is not null)
        or (target = 'SHIPPING' and line_number is null)),
    constraint adjustment_kind_ck check (kind in ('AMOUNT', 'PERCENTAGE')),
    constraint adjustment_amount_ck check (amount > 0 and net_amount >= 0 and tax_amount >= 0
        and amount = net_amount + tax_amount),
    constraint adjustment_status_ck check (status in ('REQUESTED', 'PENDING_APPROVAL', 'REFUNDED', 'REJECTED'))
);

create index adjustment_order_ix on adjustment (order_id, created_at);
