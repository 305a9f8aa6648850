-- Orderflow's own tables. The same file runs on H2 and on PostgreSQL, so it sticks to
-- the SQL both understand. Camunda keeps its ACT_* tables to itself.

-- Catalog and inventory --------------------------------------------------------

create table product (
    sku          varchar(64)  not null primary key,
    name         varchar(200) not null,
    returnable   boolean      not null default true,
    created_at   timestamp with time zone not null
);

create table location (
    id         varchar(64)  not null primary key,
    name       varchar(200) not null,
    type       varchar(20)  not null,
    priority   integer      not null,
    country    varchar(2),
    latitude   numeric(9, 6),
    longitude  numeric(9, 6),
    active     boolean      not null default true,
    constraint location_type_ck check (type in ('WAREHOUSE', 'STORE'))
);

create table stock (
    location_id  varchar(64) not null references location (id),
    sku          varchar(64) not null references product (sku),
    on_hand      integer     not null,
    reserved     integer     not null default 0,
    updated_at   timestamp with time zone not null,
    primary key (location_id, sku),
    -- two orders racing for the last unit: the database refuses the second reservation
    constraint stock_on_hand_ck check (on_hand >= 0),
    constraint stock_reserved_ck check (reserved >= 0 and reserved <= on_hand)
);

-- The order record -------------------------------------------------------------

create sequence order_number_seq start with 100001;

create table orders (
    id                     uuid         not null primary key,
    order_number           varchar(32)  not null,
    channel                varchar(20)  not null,
    external_reference     varchar(100) not null,
    customer_id            varchar(100),
    customer_email         varchar(254) not null,
    customer_name          varchar(200) not null,
    currency               varchar(3)   not null,
    ship_name              varchar(200) not null,
    ship_line1             varchar(200) not null,
    ship_line2             varchar(200),
    ship_postal_code       varchar(20)  not null,
    ship_city              varchar(100) not null,
    ship_region            varchar(100),
    ship_country           varchar(2)   not null,
    ship_phone             varchar(40),
    bill_name              varchar(200) not null,
    bill_line1             varchar(200) not null,
    bill_line2             varchar(200),
    bill_postal_code       varchar(20)  not null,
    bill_city              varchar(100) not null,
    bill_region            varchar(100),
    bill_country           varchar(2)   not null,
    bill_phone             varchar(40),
    delivery_method        varchar(20)  not null,
    payment_method         varchar(20)  not null,
    payment_token          varchar(200) not null,
    lines_subtotal         numeric(19, 4) not null,
    tax_total              numeric(19, 4) not null,
    shipping_charge        numeric(19, 4) not null,
    grand_total            numeric(19, 4) not null,
    status                 varchar(20)  not null,
    process_instance_id    varchar(64),
    created_by             varchar(100) not null,
    created_at             timestamp with time zone not null,
    updated_at             timestamp with time zone not null,
    version                bigint       not null default 0,
    constraint orders_order_number_uk unique (order_number),
    -- one order per channel and reference, however many times the storefront retries
    constraint orders_channel_reference_uk unique (channel, external_reference),
    constraint orders_totals_ck check (lines_subtotal >= 0 and tax_total >= 0 and shipping_charge >= 0
        and grand_total = lines_subtotal + tax_total + shipping_charge)
);

create index orders_customer_email_ix on orders (customer_email);
create index orders_status_ix on orders (status);
create index orders_created_at_ix on orders (created_at);

create table order_line (
    id                    uuid         not null primary key,
    order_id              uuid         not null references orders (id),
    line_number           integer      not null,
    sku                   varchar(64)  not null references product (sku),
    name                  varchar(200) not null,
    unit_price            numeric(19, 4) not null,
    tax_rate              numeric(7, 6)  not null,
    line_subtotal         numeric(19, 4) not null,
    line_tax              numeric(19, 4) not null,
    line_total            numeric(19, 4) not null,
    qty_ordered           integer not null,
    qty_canceled          integer not null default 0,
    qty_allocated         integer not null default 0,
    qty_fulfilled         integer not null default 0,
    qty_return_initiated  integer not null default 0,
    qty_returned          integer not null default 0,
    qty_reshipped         integer not null default 0,
    constraint order_line_number_uk unique (order_id, line_number),
    -- the quantities always add up (DESIGN.md, "the order record")
    constraint order_line_qty_ck check (
        qty_ordered > 0 and qty_canceled >= 0 and qty_allocated >= 0 and qty_fulfilled >= 0
        and qty_return_initiated >= 0 and qty_returned >= 0 and qty_reshipped >= 0
        and qty_canceled + qty_allocated <= qty_ordered
        and qty_fulfilled <= qty_allocated
        and qty_returned <= qty_return_initiated
        and qty_return_initiated + qty_reshipped <= qty_fulfilled),
    constraint order_line_money_ck check (unit_price >= 0 and tax_rate >= 0 and tax_rate < 1)
);

create index order_line_order_ix on order_line (order_id);

create table order_timeline (
    id            bigint generated by default as identity primary key,
    order_id      uuid          not null references orders (id),
    occurred_at   timestamp with time zone not null,
    type          varchar(40)   not null,
    actor         varchar(100)  not null,
    description   varchar(1000) not null,
    before_value  varchar(1000),
    after_value   varchar(1000)
);

create index order_timeline_order_ix on order_timeline (order_id, id);

-- Money ----------------------------------------------------------------------------

create table payment_authorization (
    id                 uuid         not null primary key,
    order_id           uuid         not null references orders (id),
    gateway            varchar(40)  not null,
    gateway_reference  varchar(100) not null,
    amount             numeric(19, 4) not null,
    currency           varchar(3)   not null,
    status             varchar(20)  not null,
    authorized_at      timestamp with time zone not null,
    expires_at         timestamp with time zone not null,
    constraint payment_authorization_amount_ck check (amount > 0)
);

create index payment_authorization_order_ix on payment_authorization (order_id);

-- Every call to the gateway, by its idempotency key: a retried job finds the row and never charges twice.
create table payment_transaction (
    id                 uuid         not null primary key,
    order_id           uuid         not null references orders (id),
    authorization_id   uuid         references payment_authorization (id),
    type               varchar(20)  not null,
    amount             numeric(19, 4) not null,
    currency           varchar(3)   not null,
    status             varchar(20)  not null,
    idempotency_key    varchar(200) not null,
    gateway_reference  varchar(100),
    document_number    varchar(40),
    failure_reason     varchar(500),
    created_at         timestamp with time zone not null,
    constraint payment_transaction_key_uk unique (idempotency_key),
    constraint payment_transaction_type_ck check (type in ('AUTHORIZATION', 'REAUTHORIZATION', 'CAPTURE', 'VOID', 'REFUND')),
    constraint payment_transaction_amount_ck check (amount >= 0)
);

create index payment_transaction_order_ix on payment_transaction (order_id);

-- Idempotent writes ------------------------------------------------------------------

create table idempotency_record (
    principal        varchar(100) not null,
    operation        varchar(60)  not null,
    idempotency_key  varchar(200) not null,
    request_hash     varchar(64)  not null,
    response_status  integer      not null,
    resource_id      varchar(100),
    created_at       timestamp with time zone not null,
    primary key (principal, operation, idempotency_key)
);
