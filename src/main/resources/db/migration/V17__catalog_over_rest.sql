-- The catalog and the locations are kept over REST (/api/products, /api/locations) by the systems that
-- own them. A product can be taken off sale (active) without losing its history on orders; a location
-- can stop shipping (no new allocations, what it holds goes on) or taking returns.
alter table product add column active boolean default true not null;
alter table product add column weight_grams integer;
-- the product's attributes as a JSON object of strings (colour, size, ...), as the catalog sent them
alter table product add column attributes varchar(4000);
alter table product add column updated_at timestamp with time zone;
alter table location add column ships boolean default true not null;
alter table location add column accepts_returns boolean default true not null;

-- A bulk upsert of products answered once per Idempotency-Key: what it created and updated.
create table catalog_import (
    id          uuid         not null primary key,
    created     integer      not null,
    updated     integer      not null,
    imported_by varchar(255) not null,
    imported_at timestamp with time zone not null
);
