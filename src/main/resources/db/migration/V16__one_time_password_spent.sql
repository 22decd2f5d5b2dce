-- Team mode: a one-time password signs in once. Set by the sign-in that uses it, cleared
-- when an admin sets a new one.
alter table portal_user add column one_time_password_spent_at timestamp with time zone;
