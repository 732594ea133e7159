-- The restore job's phase is an enum (RestoreJobPhase): the one value that was a sentence gets its
-- name. Every other value written so far is already a name.
UPDATE restore_jobs SET phase = 'RESUMING' WHERE phase = 'Resuming after the hub restarted';
