-- A decision's case number in the municipality's own records ("sagsnummer", e.g.
-- 01.02.03-P20-1-24) and the address of its item on the meeting's agenda: both optional, so
-- '' when not given (as `minutes_url` is before the outcome). The address is checked to be an
-- http(s) address before it is stored; the length bounds only keep a row reasonable.
ALTER TABLE decisions
    ADD COLUMN case_number text NOT NULL DEFAULT '' CHECK (length(case_number) <= 60),
    ADD COLUMN agenda_url  text NOT NULL DEFAULT '' CHECK (length(agenda_url) <= 2000);
