-- When a salon's newest host made their account, kept on the salon's row.
--
-- A salon's published summary shows a new host's links as text (src/salons/markdown.rs): the
-- rule needs the latest `users.created_at` of the salon's hosts. A decision page read it for
-- each of its salons (their hosts, then each host's person): 131 of the 234 shared buffers
-- of its statement at the benchmark's 1,000 salons, for a value that changes only when a
-- host comes or goes.
--
-- `salon_newest_host_counted` is the one definition; triggers on what it reads keep the
-- column: hosts added, removed or moved (one statement at a time, with the changed rows), and
-- a person's account age changing (the salons they host). A deleted account's host row goes
-- (src/salons/account.rs) or stays with the cancelled salon: both are host rows changing, or
-- not, as the count says.
--
-- Concurrency, as the answer line kept on the salon (0057): the salon's row lock is taken
-- before the value is computed, in a statement of its own, so two changes to one salon's
-- hosts follow each other and the second computes from what the first committed. Several
-- salons in one statement are locked in the order of their ids. The write is skipped when the
-- value is unchanged.

alter table salons add column newest_host_since timestamptz;

-- NULL for a salon without hosts.
create function salon_newest_host_counted(salon uuid) returns timestamptz
language sql stable as $$
    select max(u.created_at) from salon_hosts h join users u on u.id = h.user_id
    where h.salon_id = salon
$$;

create function keep_salon_newest_host(ids uuid[]) returns void
language plpgsql as $$
begin
    perform 1 from salons where id = any (ids) order by id for no key update;
    update salons s set newest_host_since = n.since
    from (select i.id, salon_newest_host_counted(i.id) as since
          from (select distinct unnest(ids) as id) i) n
    where s.id = n.id and s.newest_host_since is distinct from n.since;
end
$$;

-- Statement triggers with the changed rows: the benchmark's seed adds 100,000 hosts in one
-- statement. A function reads only the transition tables its event has.
create function salon_hosts_keep_newest_host() returns trigger
language plpgsql as $$
declare
    ids uuid[] := '{}';
begin
    if tg_op in ('UPDATE', 'DELETE') then
        ids := ids || array(select salon_id from changed_old);
    end if;
    if tg_op in ('UPDATE', 'INSERT') then
        ids := ids || array(select salon_id from changed_new);
    end if;
    perform keep_salon_newest_host(ids);
    return null;
end
$$;

create trigger salon_hosts_keep_newest_host_insert after insert on salon_hosts
    referencing new table as changed_new
    for each statement execute function salon_hosts_keep_newest_host();
create trigger salon_hosts_keep_newest_host_update after update on salon_hosts
    referencing old table as changed_old new table as changed_new
    for each statement execute function salon_hosts_keep_newest_host();
create trigger salon_hosts_keep_newest_host_delete after delete on salon_hosts
    referencing old table as changed_old
    for each statement execute function salon_hosts_keep_newest_host();

-- An account's age (tests make accounts new or old; the product never moves it).
create function users_keep_newest_host() returns trigger
language plpgsql as $$
begin
    perform keep_salon_newest_host(array(select salon_id from salon_hosts where user_id = new.id));
    return null;
end
$$;
create trigger users_keep_newest_host after update of created_at on users
    for each row when (old.created_at is distinct from new.created_at)
    execute function users_keep_newest_host();

-- The salons there are, in one pass over the hosts (none of the salons' update triggers reads
-- the column).
update salons s set newest_host_since = n.since
from (select h.salon_id, max(u.created_at) as since
      from salon_hosts h join users u on u.id = h.user_id group by h.salon_id) n
where s.id = n.salon_id;
