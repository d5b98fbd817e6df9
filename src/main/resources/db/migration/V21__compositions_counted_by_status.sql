-- Every page of the list filtered by status carries the number of all its matches (meta.total_results), so each
-- such answer counts the account's compositions of that status. V13's index (account_id, status, created_at, id)
-- can count them, but it holds a wide entry per composition; this one holds each (account, status) once with the
-- list of its rows (PostgreSQL's B-tree deduplication), so the count reads 3 pages instead of 18 and takes about
-- half the time (940 completed compositions of one account: bench/RESULTS.md, "The list under load, third pass").
-- V12 had the same index; V13 dropped it as a prefix of its own, which it is for finding rows but not for counting.
-- The queue's counts by status (FairShare) use it too. The cost: one more index entry per composition written.
create index compositions_account_status on compositions (account_id, status);
