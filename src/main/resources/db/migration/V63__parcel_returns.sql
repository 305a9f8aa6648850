-- Parcels awaited back at the sender after a failed delivery (issue 14): how long the process waits for them, and
-- the parcel that never came back. The same file runs on H2 and PostgreSQL.

-- When the parcel of a failure the agent decided to refund must be back at the sender (FulfillmentLimits, stage
-- RETURN, in bpmn/fulfillment-limits.dmn, or an agent's new deadline); past it a service agent decides.
alter table delivery_failure add column return_by timestamp with time zone;

-- NOT_RETURNED: the parcel did not come back by its deadline and an agent refunds its units anyway (given up as lost).
alter table delivery_failure drop constraint delivery_failure_status_ck;
alter table delivery_failure add constraint delivery_failure_status_ck check (status in
    ('OPEN', 'REDELIVERED', 'RESHIPPED', 'AWAITING_RETURN', 'RETURNED', 'NOT_RETURNED', 'REFUNDED', 'DELIVERED'));
