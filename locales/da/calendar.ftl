# Calendar feeds: a person's secret feed and each municipality's public feed.

calendar-feed-personal-name = Medspil – mine samtalesaloner
calendar-feed-municipality-name = Samtalesaloner i { $municipality }

calendar-account-heading = Kalender
calendar-account-intro = Få alle de saloner, du er vært for eller tilmeldt, ind i din egen kalender (fx Google Kalender, Outlook eller iPhone). Adressen er hemmelig: alle, der har den, kan se dine saloner med adresser og onlinelinks.
calendar-account-since = Du har en kalenderadresse fra { $date }. Vi gemmer den ikke i læsbar form, så vi kan ikke vise den igen.
calendar-account-create = Opret kalenderadresse
calendar-account-replace = Lav en ny adresse (den gamle holder op med at virke)
calendar-account-stop = Stop kalenderadressen
account-done-calendar-stopped = Din kalenderadresse virker ikke længere.

calendar-address-title = Din kalenderadresse
calendar-address-intro = Tilføj adressen i din kalender som et abonnement ("Tilføj kalender fra URL" eller lignende). Kalenderen henter selv nye saloner og ændringer.
calendar-address-label = Kalenderadresse
calendar-address-copy-hint = Markér adressen og kopiér den.
calendar-address-subscribe = Abonnér i din kalender
calendar-address-once = Adressen vises kun denne ene gang. Har du brug for den igen, så lav en ny på din kontoside.
calendar-address-replaced = Din gamle kalenderadresse virker ikke længere.
calendar-address-back = Tilbage til din konto

municipality-calendar-link = Abonnér på kommunens samtalesaloner i din kalender
