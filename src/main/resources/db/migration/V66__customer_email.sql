-- E-mail to customers (docs/notifications.md): one row per customer.notified event, so that each is sent once.
create table customer_email (
    event_id        uuid          not null primary key,
    feed_position   bigint        not null,
    order_id        uuid          not null references orders (id),
    order_number    varchar(32)   not null,
    message         varchar(40)   not null,
    recipient       varchar(254)  not null,
    language        varchar(2)    not null,
    payload         varchar(100000) not null,
    status          varchar(16)   not null,
    attempts        integer       not null,
    next_attempt_at timestamp with time zone not null,
    last_error      varchar(1000),
    created_at      timestamp with time zone not null,
    sent_at         timestamp with time zone,
    constraint customer_email_status_ck check (status in ('PENDING', 'SENT', 'FAILED'))
);
create index customer_email_due_ix on customer_email (status, next_attempt_at, feed_position);
create index customer_email_order_ix on customer_email (order_id);

-- How far the e-mail sender has read the event feed; its row is locked while a node takes and sends mail.
create table email_relay (
    name          varchar(64) not null primary key,
    last_position bigint      not null,
    updated_at    timestamp with time zone not null
);
