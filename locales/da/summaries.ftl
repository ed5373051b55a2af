# Referater: efter salonen

summary-title = Referat af { $title }
summary-intro = Skriv, hvad I talte om, og hvad I blev enige om. Referatet bliver offentligt på salonens side, og alle tilmeldte og inviterede får besked. Navne står kun under referatet for dem, der selv har valgt at blive vist.
summary-field = Referat
summary-field-hint = Du kan bruge Markdown: **fed**, *kursiv*, lister med - og links.
summary-save-button = Gem som kladde
summary-publish-button = Offentliggør referatet
summary-update-button = Gem ændringerne
summary-done-saved = Kladden er gemt.
summary-published-note = Referatet er offentliggjort. Ændringer, du gemmer, vises med det samme.
summary-not-over-note = Salonen er ikke afholdt endnu. Du kan skrive en kladde og offentliggøre den, når det sidste møde er slut.
summary-error-missing = Skriv referatet.
summary-error-too-long = Referatet må højst være 20.000 tegn.
summary-error-not-over = Referatet kan først offentliggøres, når salonen er afholdt.
salon-action-summary = Skriv referat
salon-done-summary = Referatet er offentliggjort, og alle tilmeldte og inviterede har fået besked.
salon-summary-heading = Referat
salon-summary-names = Deltog og ville gerne nævnes:
mail-summary-published-subject = Referatet af { $title } er klar
mail-summary-published-body = Hej

    Værterne har skrevet referatet af samtalesalonen "{ $title }". Læs det her: { $link }

    Venlig hilsen
    Medspil
mail-summary-reminder-subject = Husk referatet af { $title }
mail-summary-reminder-body = Hej

    Samtalesalonen "{ $title }" er afholdt, men referatet mangler. Skriv det her, så deltagerne og kommunen kan se, hvad I kom frem til: { $link }

    Venlig hilsen
    Medspil
