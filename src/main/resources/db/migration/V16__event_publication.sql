-- Spring Modulith's event publication registry: an event for a listener that runs after the commit is
-- stored in the transaction that published it, and marked completed once the listener has run. What a
-- crash or a failing listener leaves incomplete is delivered again when a node restarts. The columns are
-- the ones spring-modulith-events-jdbc 1.4 reads and writes, in types that H2 and PostgreSQL share.
create table event_publication (
    id               uuid          not null primary key,
    listener_id      varchar(512)  not null,
    event_type       varchar(512)  not null,
    serialized_event varchar(1000000) not null,
    publication_date timestamp with time zone not null,
    completion_date  timestamp with time zone
);

create index event_publication_by_completion_date_ix on event_publication (completion_date);
