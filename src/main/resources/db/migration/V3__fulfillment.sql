-- Fulfillment orders: one per location per allocation, each shipping some of an order's lines.
-- The same file runs on H2 and on PostgreSQL.

create table fulfillment_order (
    id               uuid         not null primary key,
    order_id         uuid         not null references orders (id),
    -- 1, 2, ... within the order; the number is <orderNumber>-F<sequence_number>
    sequence_number  integer      not null,
    number           varchar(48)  not null,
    location_id      varchar(64)  not null references location (id),
    status           varchar(20)  not null,
    -- why it was rejected or canceled
    status_reason    varchar(1000),
    carrier          varchar(100),
    tracking_number  varchar(100),
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    shipped_at       timestamp with time zone,
    delivered_at     timestamp with time zone,
    version          bigint       not null default 0,
    constraint fulfillment_order_number_uk unique (number),
    constraint fulfillment_order_sequence_uk unique (order_id, sequence_number),
    constraint fulfillment_order_status_ck check (status in
        ('CREATED', 'RELEASED', 'PICKED', 'PACKED', 'SHIPPED', 'DELIVERED', 'CANCELED', 'REJECTED'))
);

create index fulfillment_order_order_ix on fulfillment_order (order_id);
create index fulfillment_order_location_status_ix on fulfillment_order (location_id, status);

create table fulfillment_order_line (
    fulfillment_order_id  uuid        not null references fulfillment_order (id),
    -- the order line this ships (order_line.line_number of the fulfillment order's order)
    line_number           integer     not null,
    sku                   varchar(64) not null references product (sku),
    quantity              integer     not null,
    primary key (fulfillment_order_id, line_number),
    constraint fulfillment_order_line_qty_ck check (quantity > 0)
);
