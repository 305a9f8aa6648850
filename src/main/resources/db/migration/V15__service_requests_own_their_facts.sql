-- Each service request keeps the facts of the order it needs to show, which never change once the order is
-- placed: the order number, the currency, and the SKU of each requested line. Its module then reads only its
-- own tables (docs/architecture.md), instead of joining the order module's.
alter table cancellation add column order_number varchar(32);
update cancellation c set order_number = (select o.order_number from orders o where o.id = c.order_id);
alter table cancellation alter column order_number set not null;

alter table cancellation_line add column sku varchar(64);
update cancellation_line l set sku = (select ol.sku from order_line ol join cancellation c on c.order_id = ol.order_id
  where c.id = l.cancellation_id and ol.line_number = l.line_number);
alter table cancellation_line alter column sku set not null;

alter table reshipment add column order_number varchar(32);
update reshipment r set order_number = (select o.order_number from orders o where o.id = r.order_id);
alter table reshipment alter column order_number set not null;

alter table reshipment_line add column sku varchar(64);
update reshipment_line l set sku = (select ol.sku from order_line ol join reshipment r on r.order_id = ol.order_id
  where r.id = l.reshipment_id and ol.line_number = l.line_number);
alter table reshipment_line alter column sku set not null;

alter table return_order add column order_number varchar(32);
alter table return_order add column currency varchar(3);
update return_order r set order_number = (select o.order_number from orders o where o.id = r.order_id),
  currency = (select o.currency from orders o where o.id = r.order_id);
alter table return_order alter column order_number set not null;
alter table return_order alter column currency set not null;

alter table return_order_line add column sku varchar(64);
update return_order_line l set sku = (select ol.sku from order_line ol join return_order r on r.order_id = ol.order_id
  where r.id = l.return_order_id and ol.line_number = l.line_number);
alter table return_order_line alter column sku set not null;

alter table adjustment add column order_number varchar(32);
update adjustment a set order_number = (select o.order_number from orders o where o.id = a.order_id);
alter table adjustment alter column order_number set not null;
