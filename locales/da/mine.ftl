# "Mine saloner", /mine, and the header's menu for signed-in people.

nav-mine = Mine saloner
nav-menu = Menu
nav-administration = Administration
nav-moderation = Moderation

mine-title = Mine saloner
mine-lead = Her er de samtalesaloner, du er vært for, tilmeldt eller inviteret til – og hvad du skal gøre som det næste.
mine-new-salon = Hold en samtalesalon

mine-hosting-heading = Saloner, du er vært for
mine-hosting-empty = Du er ikke vært for nogen samtalesalon endnu. Hold en samtalesalon om noget, der betyder noget for dit lokalsamfund, og inviter kommunen.
mine-hosting-empty-guide = Se, hvordan en samtalesalon foregår
mine-hosting-drafts = Kladder
mine-hosting-needs-summary = Afholdt – mangler referat
mine-hosting-upcoming = Kommende
mine-hosting-done = Afsluttet med referat
mine-hosting-cancelled = Aflyst

mine-invited-heading = Invitationer til dig
mine-attending-heading = Saloner, du er tilmeldt
mine-attending-empty = Du er ikke tilmeldt nogen samtalesalon.
mine-attending-empty-find = Find en samtalesalon nær dig

mine-role-heading = I din rolle
mine-administration-heading = Administration
mine-administration-link = Administrer { $municipality }
mine-inbox-heading = Åbne invitationer til din enhed
mine-inbox-empty = Der er ingen åbne invitationer, du kan svare på.
mine-inbox-all = Gå til indbakken
mine-in-role-heading = Saloner, du kommer til i din rolle
mine-in-role-empty = Du har ikke sagt ja til at komme til nogen samtalesalon i din rolle.

mine-status-draft = Kladde – ikke offentliggjort
mine-status-published = Offentliggjort
mine-status-needs-summary = Afholdt – skriv referatet
mine-status-summary = Referat offentliggjort
mine-status-held = Afholdt
mine-status-cancelled = Aflyst
mine-status-hidden = Skjult af en moderator
mine-status-registered = Du er tilmeldt
mine-status-waitlisted = Du er nr. { $place } på ventelisten
mine-status-invited = Du er inviteret
mine-status-asked = En kollega har skrevet dig på – svar, om du kommer

mine-holder-inbox = Til { $holder }
mine-holder-role = Som { $title }
mine-answered-by = { $unit } kommer

mine-action-finish = Gør færdig og offentliggør
mine-action-copy = Opret en ny salon ud fra denne
mine-action-summary = Skriv referatet
mine-action-invite = Inviter kommunen
mine-action-read-summary = Læs referatet
mine-action-answer = Svar på invitationen
mine-action-confirm = Sig ja eller nej
mine-action-register = Tilmeld dig
