-- The time zone a user chose for the pages; NULL follows the zone their browser reports.
ALTER TABLE users ADD COLUMN time_zone VARCHAR(64) NULL;
