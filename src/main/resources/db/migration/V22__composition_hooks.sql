-- Composition hooks (issue 13): a composition request without its session, fired for every session of the account
-- that ends. composition_body is the /v2 create body (JSON text) the hook was made with, checked when it was saved.
create table composition_hooks (
    id                     uuid primary key,
    account_id             uuid not null references accounts (id),
    friendly_name          varchar(256) not null,
    enabled                boolean not null,
    composition_body       text not null,
    status_callback        varchar(2000),
    status_callback_method varchar(8) not null,
    created_at             timestamp(6) with time zone not null,
    updated_at             timestamp(6) with time zone not null
);
create index composition_hooks_account_created on composition_hooks (account_id, created_at);

-- One firing per hook and session, whichever node sees the end first: the primary key refuses the second. Inserted
-- in the same transaction as the composition it made.
create table composition_hook_firings (
    hook_id        uuid not null,
    session_id     uuid not null,
    account_id     uuid not null references accounts (id),
    composition_id uuid not null,
    fired_at       timestamp(6) with time zone not null,
    primary key (hook_id, session_id)
);

-- The hook that made a composition; null for one created through the API. Not a foreign key: a deleted hook leaves
-- its compositions as they are.
alter table compositions add column composition_hook_id uuid;
