-- The municipality's answer on a salon's card ("Teknik og Miljø kommer"): the units of its
-- accepted invitations through which someone has a seat, in the order they answered. One
-- definition for every list that shows cards: it was written out in three queries and a fourth
-- (Mine saloner) had drifted to its own rule, which also counted an answer through an address
-- the host typed. Never an answer through a typed address, never an invitation still waiting
-- for its salon to be published. plpgsql, so its plan is kept per connection.
CREATE FUNCTION salon_answer_units(salon uuid) RETURNS text[]
LANGUAGE plpgsql STABLE AS $$
BEGIN
    RETURN ARRAY(
        SELECT un.name FROM invitations i
        JOIN units un ON un.id = i.holder_unit_id
        WHERE i.salon_id = salon AND i.status = 'accepted'
          AND NOT i.typed_address AND NOT i.awaits_publish
          AND EXISTS (SELECT 1 FROM registrations r
                      WHERE r.invitation_id = i.id AND r.status = 'registered')
        ORDER BY i.answered_at, i.id);
END
$$;
