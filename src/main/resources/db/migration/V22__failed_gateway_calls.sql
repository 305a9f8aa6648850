-- Every failed call to the payment provider is kept, also when the job or request that made it rolls back:
-- the failure is written in a transaction of its own, while the caller's transaction may hold the order's
-- rows (or its authorizations) locked. So payment_transaction no longer has foreign keys to orders and
-- payment_authorization (like invoice; orders are never deleted), and is made again without them: the same
-- columns and rows, plus
--   result           why a failed call failed: the provider's decline reason (DECLINED, INSUFFICIENT_FUNDS,
--                    AUTHORIZATION_EXPIRED, ...), UNAVAILABLE (unreachable, transient failure, timeout) or
--                    ERROR (the provider refused the call's arguments); null for a successful call
--   attempts         how often the call was tried with this outcome: a retried job counts an attempt of the
--                    same call instead of recording another call
--   last_attempt_at  when it was last tried
--   failed_key       idempotency key and result of a failed call, unique: one row per call and outcome
-- The same file runs on H2 and on PostgreSQL.

create table payment_transaction_v21 as select * from payment_transaction;

drop table payment_transaction;

create table payment_transaction (
    id                 uuid           not null primary key,
    order_id           uuid           not null,
    authorization_id   uuid,
    type               varchar(20)    not null,
    amount             numeric(19, 4) not null,
    currency           varchar(3)     not null,
    status             varchar(20)    not null,
    idempotency_key    varchar(200)   not null,
    succeeded_key      varchar(200),
    failed_key         varchar(250),
    result             varchar(40),
    attempts           integer        default 1 not null,
    gateway_reference  varchar(100),
    document_number    varchar(40),
    failure_reason     varchar(500),
    created_at         timestamp with time zone not null,
    last_attempt_at    timestamp with time zone not null,
    constraint payment_transaction_succeeded_key_uk unique (succeeded_key),
    constraint payment_transaction_failed_key_uk unique (failed_key),
    constraint payment_transaction_type_ck
        check (type in ('AUTHORIZATION', 'REAUTHORIZATION', 'CAPTURE', 'VOID', 'REFUND')),
    constraint payment_transaction_amount_ck check (amount >= 0),
    constraint payment_transaction_attempts_ck check (attempts >= 1),
    constraint payment_transaction_status_ck check (
        (status = 'SUCCEEDED' and succeeded_key = idempotency_key and failed_key is null and result is null
            and attempts = 1)
        or (status = 'FAILED' and succeeded_key is null and result is not null))
);

create index payment_transaction_order_ix on payment_transaction (order_id);
create index payment_transaction_key_ix on payment_transaction (idempotency_key);

-- Failures recorded before this version keep their reason ("DECLINED: ..."), take the result from it and
-- have no failed_key: a later failure of the same call is a row of its own.
insert into payment_transaction (id, order_id, authorization_id, type, amount, currency, status, idempotency_key,
    succeeded_key, failed_key, result, attempts, gateway_reference, document_number, failure_reason, created_at,
    last_attempt_at)
select id, order_id, authorization_id, type, amount, currency, status, idempotency_key, succeeded_key, null,
    case when status <> 'FAILED' then null
         when position(':' in coalesce(failure_reason, '')) > 1
             then substring(failure_reason, 1, position(':' in failure_reason) - 1)
         else 'DECLINED' end,
    1, gateway_reference, document_number, failure_reason, created_at, created_at
from payment_transaction_v21;

drop table payment_transaction_v21;
