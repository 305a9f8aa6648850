-- Who decided what on a user task, as the engine authenticated them when the task was completed. Service
-- tasks that act on a decision (approve a held order, refund an approved appeasement, cancel lines after a
-- review, approve a return) read it here rather than trusting a process variable anyone with the right to
-- set variables could have changed.
create table task_decision (
    task_id             varchar(64)  not null primary key,
    process_instance_id varchar(64)  not null,
    task_key            varchar(255) not null,
    order_id            uuid         not null references orders (id),
    decision            varchar(32),
    decided_by          varchar(255) not null,
    decided_at          timestamp with time zone not null
);

create index task_decision_instance_ix on task_decision (process_instance_id, task_key, decided_at);
