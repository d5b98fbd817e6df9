-- Secrets shared by every node of an installation (the download-link key), created on first use.
create table installation_secrets (
    name       varchar(64) primary key,
    secret     varchar(4000) not null,
    created_at timestamp(6) with time zone not null
);
