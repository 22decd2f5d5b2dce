-- The public identifiers CloudTrail records, so a CloudTrail event can be matched to the
-- person and the moment the portal issued the credentials: the STS request id (the call's
-- requestID), the issued access key id (userIdentity.accessKeyId of every later call) and,
-- for roles, the assumed-role id (userIdentity.principalId). Never a secret.
alter table audit_event add column role_arn varchar(2048);
alter table audit_event add column sts_request_id varchar(128);
alter table audit_event add column issued_access_key_id varchar(128);
alter table audit_event add column assumed_role_id varchar(256);

create index ix_audit_event_sts_request_id on audit_event (sts_request_id);
create index ix_audit_event_issued_key on audit_event (issued_access_key_id);
