-- Whom an account action was done to (a member an admin added, disabled, enabled or reset),
-- beside the actor who did it. Empty for every other row.
alter table audit_event add column target varchar(128);
