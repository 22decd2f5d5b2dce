-- Which events go out in order: an actor's, but a stream of its own (sign-ins) under a key
-- of its own, so a flood of failed sign-ins can't hold back that member's issue events.
alter table event_outbox add column order_key varchar(160);
update event_outbox set order_key = actor;
alter table event_outbox alter column order_key set not null;
drop index ix_event_outbox_actor;
create index ix_event_outbox_order on event_outbox (order_key, status, seq);
