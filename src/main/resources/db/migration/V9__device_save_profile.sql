-- A saved device may also save its credentials as a profile of the credentials file (local mode).
alter table mfa_device add column save_profile boolean default false not null;
