-- Idempotency-Key (docs/api.md#idempotency-key): one row per key an account has sent with a POST. The row is
-- inserted before the request runs, so the primary key is what makes a concurrent duplicate wait instead of running
-- again; status_code stays null until the first answer is stored.
create table idempotency_keys (
    account_id      uuid not null references accounts (id),
    idempotency_key varchar(255) not null,
    request_hash    varchar(64) not null,
    claimed_at      timestamp(6) with time zone not null,
    status_code     integer,
    answer_headers  text,
    answer_body     bytea,
    primary key (account_id, idempotency_key)
);
-- the sweep of expired keys
create index idempotency_keys_claimed_at on idempotency_keys (claimed_at);
