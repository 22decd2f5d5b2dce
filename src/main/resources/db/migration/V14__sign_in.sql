-- A sign-in attempt is reserved (PENDING, counted as a failure) before its password is
-- checked, then settled as FAILURE or SUCCESS; a success no longer deletes the failures
-- before it. Rows written before this have no result: they were failures.
alter table login_attempt add column result varchar(16) default 'FAILURE' not null;

-- A fixed set of stripes (a hash of the throttle key picks one), locked while an attempt
-- is counted and reserved, so attempts sent at once, to one instance or several, are
-- admitted one after the other. Stripes rather than one row per key: names and addresses
-- come from anyone, and a row per key would let them grow the table without end.
create table login_attempt_gate (
    stripe  integer not null primary key
);

-- Counts the times a member's password was set (by the member or an admin). A session
-- remembers the count as of its sign-in and ends once it has moved on: unlike
-- password_changed_at, two settings can never look alike, however close together.
alter table portal_user add column password_version bigint default 0 not null;
