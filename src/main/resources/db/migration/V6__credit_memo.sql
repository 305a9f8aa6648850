-- Credit memos: what an order is credited (returned units, appeasements) and refunded through the
-- payment provider. Like the invoice, a credit memo is made as a DRAFT with its amounts and its refunds
-- fixed, in a transaction of its own, and becomes ISSUED when every refund succeeded. Only issued credit
-- memos count as credited in the money ledger: captured - refunded = invoiced - credited.
-- The credit memos of one order are numbered 1, 2, ... (sequence_number, unique): two made at the same
-- time cannot both take the next number, so the second is computed again, seeing the first's refunds.
create table credit_memo (
    id                  uuid           not null primary key,
    credit_memo_number  varchar(40)    not null,
    order_id            uuid           not null,
    sequence_number     integer        not null,
    -- what the credit is for (return:<id>, adjustment:<id>): one credit memo per source
    source_key          varchar(200)   not null,
    currency            varchar(3)     not null,
    net_amount          numeric(19, 4) not null,
    tax_amount          numeric(19, 4) not null,
    shipping_amount     numeric(19, 4) not null,
    -- kept back from the refund, e.g. a restocking fee
    fee_amount          numeric(19, 4) not null,
    total_amount        numeric(19, 4) not null,
    status              varchar(20)    not null,
    reason              varchar(500)   not null,
    created_at          timestamp with time zone not null,
    issued_at           timestamp with time zone,
    constraint credit_memo_number_uk unique (credit_memo_number),
    constraint credit_memo_sequence_uk unique (order_id, sequence_number),
    constraint credit_memo_source_uk unique (source_key),
    constraint credit_memo_status_ck check (status in ('DRAFT', 'ISSUED')),
    constraint credit_memo_amounts_ck check (net_amount >= 0 and tax_amount >= 0 and shipping_amount >= 0
        and fee_amount >= 0 and total_amount >= 0
        and total_amount = net_amount + tax_amount + shipping_amount - fee_amount)
);

create index credit_memo_order_ix on credit_memo (order_id);

-- What is credited per order line: units (quantity > 0) or an amount on the line (quantity 0).
create table credit_memo_item (
    credit_memo_id  uuid           not null references credit_memo (id),
    position        integer        not null,
    line_number     integer        not null,
    quantity        integer        not null,
    net_amount      numeric(19, 4) not null,
    tax_amount      numeric(19, 4) not null,
    primary key (credit_memo_id, position),
    constraint credit_memo_item_ck check (quantity >= 0 and net_amount >= 0 and tax_amount >= 0)
);

-- How the credit memo's total is refunded: an amount of each capture (the provider refunds captures).
create table credit_memo_refund (
    credit_memo_id     uuid           not null references credit_memo (id),
    capture_reference  varchar(64)    not null,
    amount             numeric(19, 4) not null,
    primary key (credit_memo_id, capture_reference),
    constraint credit_memo_refund_amount_ck check (amount > 0)
);

create index credit_memo_refund_capture_ix on credit_memo_refund (capture_reference);
