-- Lower capture: an approved adjustment on a line (or on shipping) that is not (all) invoiced yet gives
-- back the part that was captured (a credit memo and a refund, as before) and keeps the rest as a pending
-- credit. When the line (or shipping) is next invoiced, a credit memo for the pending credit (at most the
-- invoice's amount for the line or shipping; the rest waits for later invoices) is made with the invoice and
-- issued with it, and the capture takes the invoice's total minus that credit memo: no refund, and
-- captured - refunded = invoiced - credited still holds. The same file runs on H2 and on PostgreSQL.

create table pending_credit (
    id             uuid           not null primary key,
    order_id       uuid           not null references orders (id),
    -- what the credit is for (adjustment:<id>): one pending credit per source
    source_key     varchar(100)   not null,
    -- the order line it lowers, or null for shipping
    line_number    integer,
    currency       varchar(3)     not null,
    net_amount     numeric(19, 4) not null,
    tax_amount     numeric(19, 4) not null,
    amount         numeric(19, 4) not null,
    -- what was given up because nothing was left to invoice (order canceled, line fully invoiced)
    lapsed_amount  numeric(19, 4) not null,
    -- PENDING (waits for invoices), APPLIED (all of it lowered captures), LAPSED (the rest given up)
    status         varchar(20)    not null,
    reason         varchar(500)   not null,
    created_at     timestamp with time zone not null,
    closed_at      timestamp with time zone,
    constraint pending_credit_source_uk unique (source_key),
    constraint pending_credit_status_ck check (status in ('PENDING', 'APPLIED', 'LAPSED')),
    constraint pending_credit_amount_ck check (amount > 0 and net_amount >= 0 and tax_amount >= 0
        and amount = net_amount + tax_amount and lapsed_amount >= 0 and lapsed_amount <= amount)
);

create index pending_credit_order_ix on pending_credit (order_id, created_at);

-- A credit memo made with an invoice for a pending credit (source <pending source>:capture:<fulfillment
-- order id>): it is issued together with the invoice, and lowers its capture instead of being refunded.
alter table credit_memo add column invoice_id uuid;
alter table credit_memo add column pending_credit_id uuid;
create index credit_memo_invoice_ix on credit_memo (invoice_id);
create index credit_memo_pending_credit_ix on credit_memo (pending_credit_id);

-- Adjustments: how much of each was refunded, how much waits to lower a capture, how much lowered captures
-- and how much lapsed. AWAITING_CAPTURE: approved, part of it waits for the line (or shipping) to be
-- invoiced; APPLIED: done, part or all of it by lowering captures; LAPSED: the rest was given up.
alter table adjustment add column refunded_amount numeric(19, 4) default 0 not null;
alter table adjustment add column pending_amount numeric(19, 4) default 0 not null;
alter table adjustment add column capture_lowered_amount numeric(19, 4) default 0 not null;
alter table adjustment add column lapsed_amount numeric(19, 4) default 0 not null;
update adjustment set refunded_amount = amount where status = 'REFUNDED';
alter table adjustment drop constraint adjustment_status_ck;
alter table adjustment add constraint adjustment_status_ck check (status in ('REQUESTED', 'PENDING_APPROVAL',
    'REFUNDED', 'AWAITING_CAPTURE', 'APPLIED', 'LAPSED', 'REJECTED'));
