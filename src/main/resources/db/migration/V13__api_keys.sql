-- API keys for integrations (docs/security.md, "API keys"). The secret is stored only as its SHA-256
-- hash; lookup_id is the public part of the key, by which a request's key is found.
create table api_key (
    id           uuid         not null primary key,
    name         varchar(50)  not null,
    lookup_id    varchar(16)  not null unique,
    secret_hash  varchar(64)  not null,
    group_ids    varchar(500) not null,
    expires_at   timestamp with time zone not null,
    created_by   varchar(64)  not null,
    created_at   timestamp with time zone not null,
    revoked_at   timestamp with time zone,
    successor_id uuid
);

create index api_key_name_ix on api_key (name);
