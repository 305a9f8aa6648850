-- Adyen's notifications (docs/payment-providers.md): each kept once by its id (event code, PSP reference, success),
-- and whether Orderflow has matched it to a call it made and acted on it.
create table adyen_notification (
    id                 varchar(200)  not null primary key,
    event_code         varchar(50)   not null,
    psp_reference      varchar(100)  not null,
    original_reference varchar(100),
    merchant_reference varchar(200),
    success            boolean       not null,
    amount             numeric(19, 4),
    currency           varchar(3),
    reason             varchar(1000),
    order_id           uuid,
    handled_at         timestamp with time zone,
    received_at        timestamp with time zone not null
);
create index adyen_notification_psp_ix on adyen_notification (psp_reference);
create index adyen_notification_unhandled_ix on adyen_notification (handled_at);
