-- The fair share of the render queue counts an account's compositions by status (queued at POST, processing when a
-- job starts): an index for those counts, however many finished compositions the account keeps.
create index compositions_account_status on compositions (account_id, status);

-- Executions are now fetched by priority first (highest first; NULL would sort first on both databases). Jobs
-- scheduled before this version get the priority of an account's first composition and keep their order by time.
update scheduled_tasks set priority = 10000 where priority is null;
update webhook_tasks set priority = 50 where priority is null;
