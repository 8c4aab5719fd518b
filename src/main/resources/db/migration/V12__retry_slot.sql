-- The slot a retry had when a receiver's recovery moved it to now: if that early attempt fails, the retry goes back
-- to this slot without counting the attempt against its schedule.
alter table notification_event add column pulled_from timestamp with time zone;
