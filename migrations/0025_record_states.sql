-- New states the public record needs, added on their own: PostgreSQL cannot use an enum value
-- in the transaction that adds it, and migration 0026 uses them.

-- A next step the municipality said no to while it was proposed ("Afvist af kommunen"), apart
-- from one dropped after it was taken; and one the hosts withdrew while it was proposed.
ALTER TYPE agreement_status ADD VALUE IF NOT EXISTS 'refused';
ALTER TYPE agreement_status ADD VALUE IF NOT EXISTS 'withdrawn';

-- An upcoming decision taken off the agenda before its meeting ("Taget af dagsordenen").
ALTER TYPE decision_status ADD VALUE IF NOT EXISTS 'withdrawn';
