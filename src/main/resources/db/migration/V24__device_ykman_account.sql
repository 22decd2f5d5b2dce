-- The name of a saved device's account on a YubiKey (ykman oath), when it is not the serial number.
alter table mfa_device add column ykman_account varchar(64);
