-- The language the customer is written to in (en, de); null where the storefront did not say (English).
alter table orders add column customer_language varchar(2);
