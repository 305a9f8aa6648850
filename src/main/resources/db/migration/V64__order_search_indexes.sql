-- The order search (GET /api/orders, the console's search) by status or by customer e-mail, at scale.
-- The search lists newest first (order by created_at desc, order_number desc) and pages with limit/offset.
-- With an index on the filter alone the database reads every order of the status (or, with a planner that
-- prefers created_at, walks the newest orders until enough match) and sorts them for each page; with the
-- filter followed by the sort order the first page is the first rows of one index range, and the total of
-- the page (count(*)) is counted in the index without reading the table.
--
-- customer_email is stored in lower case (the capture stage lowers it) and compared with =, so a plain index
-- serves it. Each new index starts with the column of the one it replaces, so those go.
--
-- The same file runs on H2 and on PostgreSQL.

create index orders_status_created_ix on orders (status, created_at desc, order_number desc);

create index orders_customer_email_created_ix on orders (customer_email, created_at desc, order_number desc);

drop index orders_status_ix;

drop index orders_customer_email_ix;
