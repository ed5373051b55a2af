# Hvem er hvem i kommunen: byråd, udvalg og forvaltninger

people-list-link = Se politikere og medarbejdere
people-list-title = Politikere og medarbejdere
people-list-intro = Byrådet og udvalgene med deres politikere, og hvem der svarer for hver afdeling i { $municipality }.
people-political-heading = Byråd og udvalg
people-political-empty = Kommunen har ikke oprettet byråd eller udvalg på Medspil endnu.
people-departments-heading = Afdelinger og hvem der svarer
people-departments-empty = Kommunen har ikke oprettet afdelinger på Medspil endnu.
people-unit-none = Ingen er tilknyttet på Medspil endnu.
people-committees = Sidder i:
