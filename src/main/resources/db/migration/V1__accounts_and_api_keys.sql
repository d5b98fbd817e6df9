create table accounts (
    id         uuid primary key,
    created_at timestamp(6) with time zone not null
);

-- Keys are stored as SHA-256 digests: they are 256-bit random strings, so a fast digest is enough
-- and the clear key exists only in the caller's hands.
create table api_keys (
    id         uuid primary key,
    account_id uuid not null references accounts (id),
    key_hash   varchar(64) not null unique,
    created_at timestamp(6) with time zone not null
);
