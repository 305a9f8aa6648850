-- Exchanges (issue 14): units of an order sent back and others (another size or product) sent in their
-- place. The same file runs on H2 and on PostgreSQL.

create table exchange (
    id                        uuid           not null primary key,
    order_id                  uuid           not null references orders (id),
    order_number              varchar(32)    not null,
    status                    varchar(20)    not null,
    -- APPROVAL or RECEIPT (bpmn/exchange-reservation.dmn), once the policy has decided
    reserve_on                varchar(20),
    status_reason             varchar(1000),
    currency                  varchar(3)     not null,
    -- what the returned units were paid for, and what the replacement costs (net + tax), fixed at the request
    returned_value            numeric(19, 4) not null,
    replacement_value         numeric(19, 4) not null,
    replacement_sku           varchar(64)    not null,
    replacement_name          varchar(200)   not null,
    replacement_quantity      integer        not null,
    replacement_unit_price    numeric(19, 4) not null,
    replacement_tax_rate      numeric(7, 6)  not null,
    -- the order line the replacement became, once approved
    replacement_line_number   integer,
    -- where the returned units came back (restocked there)
    received_at_location      varchar(64),
    requested_by              varchar(100)   not null,
    process_instance_id       varchar(64),
    created_at                timestamp with time zone not null,
    updated_at                timestamp with time zone not null,
    constraint exchange_status_ck check (status in ('REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'COMPLETED')),
    constraint exchange_reserve_on_ck check (reserve_on is null or reserve_on in ('APPROVAL', 'RECEIPT')),
    constraint exchange_replacement_ck check (replacement_quantity > 0 and replacement_unit_price >= 0
        and replacement_tax_rate >= 0 and returned_value >= 0 and replacement_value >= 0)
);

create index exchange_order_ix on exchange (order_id, created_at);

-- The units sent back, per order line, with the customer's reason (the return policy's reasons) and what they
-- were paid for (net and tax), fixed at the request: what they are credited.
create table exchange_line (
    exchange_id   uuid           not null references exchange (id),
    line_number   integer        not null,
    sku           varchar(64)    not null,
    quantity      integer        not null,
    reason        varchar(40)    not null,
    paid_net      numeric(19, 4) not null,
    paid_tax      numeric(19, 4) not null,
    primary key (exchange_id, line_number),
    constraint exchange_line_qty_ck check (quantity > 0 and paid_net >= 0 and paid_tax >= 0)
);

-- An order line that is an exchange's replacement.
alter table order_line add column exchange_id uuid;

-- A pending credit may stand for units of another line than the one whose captures it lowers: an exchange's
-- returned units (credited_line_number, credited_quantity) taken off the capture of its replacement's line.
alter table pending_credit add column credited_line_number integer;
alter table pending_credit add column credited_quantity integer;
