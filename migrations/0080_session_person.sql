-- The person behind a sign-in session, with what every page's header shows: one definition for
-- the two statements that read it.
--
-- The session layer read the person in a statement of its own before any handler ran, so the
-- salon page as a registered person took two round trips (each ~100 µs of PostgreSQL's CPU
-- beyond its execution, bench/README.md). The session is now read when something first needs
-- the person; the salon page reads it in its own statement, and `auth::sessions::load` for
-- every other page. Both select from this function, so the conditions and columns are the same.
--
-- An SQL function of one SELECT, stable, not strict and returning a set: PostgreSQL inlines it
-- into the calling statement (no call, planned with it). `seen_after`, `made_after` and `as_of`
-- are now − 14 days, now − 90 days and now (`auth::sessions`); a null `session_hash` finds
-- nothing.
create function session_person(session_hash bytea, seen_after timestamptz, made_after timestamptz,
                               as_of timestamptz)
returns table (id uuid, name text, email text, locale text, verified boolean,
               last_seen_at timestamptz, inbox bigint, unread bigint, admin_of text[],
               moderator boolean)
language sql stable as $$
    select u.id, u.name, u.email, u.locale, u.email_verified_at is not null,
           s.last_seen_at,
           -- The header's count of open invitations, for people in a municipal role: kept per
           -- person by triggers (migration 0065), as counting it here read every invitation
           -- the person may answer on every page.
           case when k.role
                then coalesce((select c.open::bigint from inbox_counts c where c.user_id = u.id), 0)
                end,
           -- The header's count of unread notifications (a partial index answers it).
           (select count(*) from notifications n where n.user_id = u.id and n.read_at is null),
           -- The header's links by role: the municipalities the person administers and whether
           -- they moderate the platform. Looked for only when the person holds a role: the join
           -- and sort were set up on every signed-in page otherwise.
           case when k.role
                then array(select m.slug from roles r join municipalities m on m.code = r.municipality_code
                           where r.user_id = u.id and r.kind = 'admin' and r.status = 'approved'
                           order by m.slug)
                else '{}' end,
           exists (select 1 from platform_moderators pm where pm.user_id = u.id)
    from sessions s join users u on u.id = s.user_id
    -- Whether the person holds an approved municipal role, looked up once for both uses above
    -- (offset 0 keeps it one look-up instead of a copy in each).
    cross join lateral (select exists (select 1 from roles r where r.user_id = u.id
                                       and r.status = 'approved') as role offset 0) k
    where s.token_hash = session_hash and s.last_seen_at > seen_after and s.created_at > made_after
      and u.deleted_at is null
      -- A suspended account's sessions are deleted; this also stops one made since (a password
      -- reset signs in).
      and not exists (select 1 from suspensions sp where sp.user_id = u.id
                      and sp.lifted_at is null and (sp.ends_at is null or sp.ends_at > as_of))
$$;

-- The salon page's part for the request's session: the person (as above) and what the page reads
-- about them as its viewer (`salon_page_viewer`, 0071), as one object; null when the session is
-- not valid. plpgsql, called only when the request has a session cookie: a visitor's statement
-- sets up none of it (the session's join written into the page's statement cost a visitor's
-- statement ~20 µs more), and its statements' plans are kept for the connection.
create function salon_page_session(for_salon uuid, invite_only boolean, session_hash bytea,
                                   seen_after timestamptz, made_after timestamptz,
                                   as_of timestamptz)
returns json
language plpgsql stable as $$
declare
    who record;
begin
    select * into who from session_person(session_hash, seen_after, made_after, as_of);
    if not found then
        return null;
    end if;
    return json_build_object(
        'who', to_json(who),
        'viewer', salon_page_viewer(for_salon, who.id,
                                    case when who.verified then who.email end, invite_only));
end
$$;
