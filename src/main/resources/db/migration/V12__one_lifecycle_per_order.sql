-- One order lifecycle per order, enforced by the database: a second process instance that tries to
-- take over an order (a forged or repeated start) breaks the primary key and changes nothing.
create table order_lifecycles (
    order_id            uuid        not null primary key references orders (id),
    process_instance_id varchar(64) not null unique,
    started_at          timestamp with time zone not null
);

insert into order_lifecycles (order_id, process_instance_id, started_at)
select id, process_instance_id, created_at from orders where process_instance_id is not null;
