-- Indexes for the list pages and list APIs on large catalogs (issue 22; see docs/scale.md).

-- A VM's restore points by status and time: the Restore page's VM search (VMs that have a
-- COMPLETE point, their count and newest), a VM's points newest first, the backups API by VM.
CREATE INDEX ix_backups_vm_status ON backups (vm_context_id, status, started_at);

-- The dashboard's verification counts: COMPLETE points by their last verification.
CREATE INDEX ix_backups_verification ON backups (status, verification_status);

-- The VMs list and API: present VMs by name, a page at a time.
CREATE INDEX ix_vm_contexts_state_name ON vm_contexts (state, name, id);

-- The Jobs console and API for one VM, newest first.
CREATE INDEX ix_backup_jobs_vm_queued ON backup_jobs (vm_context_id, queued_at);

-- Memberships by VM (the VMs list's groups, the dashboard's coverage), enabled ones first.
CREATE INDEX ix_memberships_vm ON group_memberships (vm_context_id, enabled, group_id);
