-- Exchanges whose units are not sent back in time (issue 14): EXPIRED once the return deadline of the policy
-- (bpmn/exchange-reservation.dmn, returnWithin) has passed without them. The same file runs on H2 and PostgreSQL.
alter table exchange drop constraint exchange_status_ck;
alter table exchange add constraint exchange_status_ck check (status in
    ('REQUESTED', 'APPROVED', 'REJECTED', 'RECEIVED', 'COMPLETED', 'EXPIRED'));
