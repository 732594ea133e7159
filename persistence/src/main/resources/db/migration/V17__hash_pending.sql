-- A point is complete when its images are durable; the SHA-256 of each image is recorded right
-- after by the hub's background hasher. Until then the image is "hash pending": neither verified nor
-- corrupt. Rows left pending by a hub that stopped are hashed when the hub starts again.
ALTER TABLE backup_disks
  ADD COLUMN hash_pending BOOLEAN NOT NULL DEFAULT FALSE;

CREATE INDEX ix_backup_disks_hash_pending ON backup_disks (hash_pending);
