-- One-line fields now refuse the characters that make text look other than it is
-- (src/domain/text.rs): the direction embeddings and overrides U+202A–U+202E, the direction
-- isolates U+2066–U+2069, the zero-width space U+200B and the byte-order mark U+FEFF. This
-- removes them from the values stored before the rule: names, titles, places and subjects that
-- are shown on public pages, in mail subjects and in the inbox. (The joiners U+200C/U+200D and
-- the direction marks U+200E/U+200F stay: real names and emoji need them.) Only rows holding
-- such a character are touched; a required text that held nothing else becomes "–".

-- For this migration only (a temporary function, gone with its connection).
CREATE FUNCTION pg_temp.hidden(t text) RETURNS boolean LANGUAGE sql IMMUTABLE
    AS $$ SELECT t ~ '[\u200B\u202A-\u202E\u2066-\u2069\uFEFF]' $$;
CREATE FUNCTION pg_temp.visible(t text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT regexp_replace(t, '[\u200B\u202A-\u202E\u2066-\u2069\uFEFF]', '', 'g') $$;
CREATE FUNCTION pg_temp.required(t text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT coalesce(nullif(btrim(pg_temp.visible(t)), ''), '–') $$;

UPDATE users SET name = pg_temp.required(name) WHERE pg_temp.hidden(name);

UPDATE units SET name = pg_temp.required(name) WHERE pg_temp.hidden(name);

UPDATE roles SET title = pg_temp.visible(title), party = pg_temp.visible(party)
WHERE pg_temp.hidden(title) OR pg_temp.hidden(party);

UPDATE salons SET
    title = pg_temp.required(title),
    question = pg_temp.required(question),
    town = pg_temp.visible(town),
    place_name = pg_temp.visible(place_name),
    address = pg_temp.visible(address),
    accessibility_note = pg_temp.visible(accessibility_note),
    topics = ARRAY(SELECT pg_temp.visible(t) FROM unnest(topics) WITH ORDINALITY AS u(t, n)
                   ORDER BY n)
WHERE pg_temp.hidden(title) OR pg_temp.hidden(question) OR pg_temp.hidden(town)
   OR pg_temp.hidden(place_name) OR pg_temp.hidden(address)
   OR pg_temp.hidden(accessibility_note) OR pg_temp.hidden(array_to_string(topics, ' '));

UPDATE salon_sessions SET place_name = pg_temp.visible(place_name), address = pg_temp.visible(address)
WHERE pg_temp.hidden(place_name) OR pg_temp.hidden(address);

UPDATE salon_messages SET subject = pg_temp.required(subject) WHERE pg_temp.hidden(subject);

UPDATE registrations SET offline_name = pg_temp.visible(offline_name)
WHERE pg_temp.hidden(offline_name);

UPDATE decisions SET title = pg_temp.required(title) WHERE pg_temp.hidden(title);

-- Names given when answering by email link, and the names kept with what someone did.
UPDATE invitations SET answered_by_name = pg_temp.visible(answered_by_name)
WHERE pg_temp.hidden(answered_by_name);

UPDATE invitation_events SET actor_name = pg_temp.visible(actor_name)
WHERE pg_temp.hidden(actor_name);

UPDATE agreement_updates SET actor_name = pg_temp.visible(actor_name)
WHERE pg_temp.hidden(actor_name);

-- The notification centre lists mail subjects, which were written with such names and titles.
UPDATE notifications SET subject = pg_temp.visible(subject) WHERE pg_temp.hidden(subject);

DROP FUNCTION pg_temp.required(text);
DROP FUNCTION pg_temp.visible(text);
DROP FUNCTION pg_temp.hidden(text);
