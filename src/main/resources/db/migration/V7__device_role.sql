-- A saved device may name a role to assume with its code.
alter table mfa_device add column role_arn varchar(2048);
alter table mfa_device add column role_session_name varchar(64);
alter table mfa_device add column external_id varchar(1224);
