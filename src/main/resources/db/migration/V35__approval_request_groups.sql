-- The single sign-on groups (names only) by which the policy named the requester when they
-- asked: a member's claims count only while they act, and an approver answers later, so the
-- request keeps them to find its rule again. Space-separated (a group name has no space);
-- empty for a request that needed none, and for requests made before.
alter table approval_request add column requester_groups varchar(13000) default '' not null;
