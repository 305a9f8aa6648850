-- The payment stage: authorizations, invoices and captures, and the sandbox payment provider's own
-- ledger. Like V1, the same file runs on H2 and on PostgreSQL.

-- Authorizations -------------------------------------------------------------------

-- What the call that created an authorization was keyed with (authorize:<orderId> or
-- reauthorize:<previousAuthorizationId>): one authorization per key, however often a job retries.
alter table payment_authorization add column idempotency_key varchar(200);
alter table payment_authorization add constraint payment_authorization_key_uk unique (idempotency_key);
-- How much of the authorization has been captured; the rest is still open until it is voided.
alter table payment_authorization add column captured numeric(19, 4) default 0 not null;
alter table payment_authorization add constraint payment_authorization_captured_ck
    check (captured >= 0 and captured <= amount);
-- A renewal (reauthorization) names the authorization it replaces.
alter table payment_authorization add column replaces_id uuid references payment_authorization (id);
alter table payment_authorization add column closed_at timestamp with time zone;
alter table payment_authorization add constraint payment_authorization_status_ck
    check (status in ('AUTHORIZED', 'CAPTURED', 'VOIDED', 'RENEWED'));

-- Transactions ---------------------------------------------------------------------

-- A declined call may be tried again with the same key (after the customer fixed the card, or after a
-- renewal), so failed attempts repeat the key. A successful call happens at most once per key:
-- succeeded_key holds the key of successful transactions only, and is unique.
alter table payment_transaction drop constraint payment_transaction_key_uk;
alter table payment_transaction add column succeeded_key varchar(200);
alter table payment_transaction add constraint payment_transaction_succeeded_key_uk unique (succeeded_key);
alter table payment_transaction add constraint payment_transaction_status_ck check (
    (status = 'SUCCEEDED' and succeeded_key = idempotency_key)
    or (status = 'FAILED' and succeeded_key is null));
create index payment_transaction_key_ix on payment_transaction (idempotency_key);

-- Invoices -------------------------------------------------------------------------

-- One invoice per fulfillment order, for what it shipped. A DRAFT invoice has its amounts fixed but
-- is not paid yet; it becomes ISSUED when its total is captured. Only issued invoices count as
-- invoiced in the money ledger.
-- A draft is written in a transaction of its own, while the job's transaction may hold the order's
-- rows locked: so no foreign keys to orders and order_line (orders are never deleted). The invoices
-- of one order are numbered 1, 2, ... (sequence_number): two fulfillment orders invoiced at the same
-- time cannot both take the next number, so the second is computed again, seeing the first.
create table invoice (
    id                        uuid          not null primary key,
    invoice_number            varchar(40)   not null,
    order_id                  uuid          not null,
    sequence_number           integer       not null,
    fulfillment_order_id      uuid          not null,
    fulfillment_order_number  varchar(36)   not null,
    currency                  varchar(3)    not null,
    net_amount                numeric(19, 4) not null,
    tax_amount                numeric(19, 4) not null,
    shipping_amount           numeric(19, 4) not null,
    total_amount              numeric(19, 4) not null,
    status                    varchar(20)   not null,
    authorization_id          uuid          references payment_authorization (id),
    created_at                timestamp with time zone not null,
    issued_at                 timestamp with time zone,
    constraint invoice_number_uk unique (invoice_number),
    constraint invoice_sequence_uk unique (order_id, sequence_number),
    constraint invoice_fulfillment_order_uk unique (fulfillment_order_id),
    constraint invoice_status_ck check (status in ('DRAFT', 'ISSUED')),
    constraint invoice_amounts_ck check (net_amount >= 0 and tax_amount >= 0 and shipping_amount >= 0
        and total_amount = net_amount + tax_amount + shipping_amount)
);

create table invoice_line (
    invoice_id     uuid          not null references invoice (id),
    line_number    integer       not null,
    order_line_id  uuid          not null,
    sku            varchar(64)   not null,
    quantity       integer       not null,
    unit_price     numeric(19, 4) not null,
    net_amount     numeric(19, 4) not null,
    tax_amount     numeric(19, 4) not null,
    total_amount   numeric(19, 4) not null,
    primary key (invoice_id, line_number),
    constraint invoice_line_amounts_ck check (quantity > 0 and net_amount >= 0 and tax_amount >= 0
        and total_amount = net_amount + tax_amount)
);

-- The sandbox payment provider ----------------------------------------------------------
-- The built-in PaymentGateway keeps its ledger here, not in memory, so that every node of a cluster
-- agrees. Orderflow's own tables never reference these: they stand for the provider's systems.

create table sandbox_gateway_authorization (
    reference        varchar(64)   not null primary key,
    token            varchar(200)  not null,
    amount           numeric(19, 4) not null,
    currency         varchar(3)    not null,
    captured         numeric(19, 4) default 0 not null,
    refunded         numeric(19, 4) default 0 not null,
    status           varchar(20)   not null,
    order_reference  varchar(100),
    replaced_by      varchar(64),
    created_at       timestamp with time zone not null,
    expires_at       timestamp with time zone not null,
    constraint sandbox_gateway_authorization_status_ck check (status in ('AUTHORIZED', 'VOIDED')),
    constraint sandbox_gateway_authorization_amount_ck check (amount > 0 and captured >= 0
        and captured <= amount and refunded >= 0 and refunded <= captured)
);

create table sandbox_gateway_capture (
    reference                varchar(64)   not null primary key,
    authorization_reference  varchar(64)   not null references sandbox_gateway_authorization (reference),
    amount                   numeric(19, 4) not null,
    refunded                 numeric(19, 4) default 0 not null,
    invoice_number           varchar(40),
    created_at               timestamp with time zone not null,
    constraint sandbox_gateway_capture_amount_ck check (amount > 0 and refunded >= 0 and refunded <= amount)
);

create index sandbox_gateway_capture_authorization_ix on sandbox_gateway_capture (authorization_reference);

-- Every successful call, by its idempotency key: a second call with the key replays the result.
create table sandbox_gateway_operation (
    idempotency_key   varchar(200)  not null primary key,
    type              varchar(20)   not null,
    parameters_hash   varchar(64)   not null,
    result_reference  varchar(64),
    result_amount     numeric(19, 4),
    created_at        timestamp with time zone not null,
    constraint sandbox_gateway_operation_type_ck
        check (type in ('AUTHORIZE', 'CAPTURE', 'VOID', 'REFUND', 'REAUTHORIZE'))
);

-- How often each key was tried, for the tok_transient_<N> test tokens; counted even when the
-- caller's transaction rolls back.
create table sandbox_gateway_attempt (
    idempotency_key  varchar(200) not null primary key,
    attempts         integer      not null,
    last_attempt_at  timestamp with time zone not null
);
