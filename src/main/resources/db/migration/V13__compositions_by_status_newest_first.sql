-- The list filtered by status (filter[status]=completed, the common one) reads its page newest first from this
-- index, in order: no rows of other statuses to skip, no sort. Without it the scan of compositions_account_created
-- skips every newer composition of another status, and a page deep in the list reads every row before it.
create index compositions_account_status_created on compositions (account_id, status, created_at, id);

-- V12's (account_id, status) is a prefix of the new index: the queue's counts by status use the new one as well.
drop index compositions_account_status;
