-- One row per person and device, locked while an attempt is counted and reserved, so that
-- attempts sent at once, to one instance or several, are admitted one after the other.
-- An admitted attempt is a row of mfa_attempt with result PENDING until STS answers.
create table mfa_attempt_gate (
    actor          varchar(128) not null,
    serial_number  varchar(256) not null,
    primary key (actor, serial_number)
);
