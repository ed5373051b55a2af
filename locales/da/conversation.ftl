## The public conversation around a salon (src/conversation)
conv-heading-before = Spørgsmål og input
conv-heading-after = Kommentarer til referatet
conv-empty = Der er ingen indlæg endnu.
conv-field-before = Dit spørgsmål eller input
conv-field-after = Din kommentar til referatet
conv-field-hint = Almindelig tekst, højst 2000 tegn. Alle, der kan se salonen, kan læse det, med dit navn.
conv-field-reply = Dit svar
conv-action-before = Send spørgsmål
conv-action-after = Send kommentar
conv-action-reply = Svar
conv-action-answered = Markér som besvaret
conv-action-unanswered = Markér som ikke besvaret
conv-action-pin = Fastgør øverst
conv-action-unpin = Fastgør ikke længere
conv-action-delete = Slet
conv-action-report = Anmeld
conv-pinned = Fastgjort
conv-answered = Besvaret
conv-hidden-prefix = Skjult af moderatorerne:
conv-deleted-by-author = slettet af forfatteren
conv-badge-unit = svar fra { $unit }
conv-note-verify = Bekræft din e-mail for at skrive her.
conv-note-sign-in = Log ind med en bekræftet e-mail for at skrive her.
conv-note-closed-before = Der kan ikke længere stilles spørgsmål her.
conv-note-closed-after = Kommentarerne er lukket: de var åbne i 30 dage efter referatet.
conv-error-missing = Skriv din tekst.
conv-error-too-long = Teksten må højst være 2000 tegn.
conv-error-question-limit = { $limit ->
    [one] Du har skrevet 1 spørgsmål eller kommentar det seneste døgn. Du kan skrive det næste fra { $when }.
   *[other] Du har skrevet { $limit } spørgsmål eller kommentarer det seneste døgn. Du kan skrive det næste fra { $when }.
}
conv-error-reply-limit = { $limit ->
    [one] Du har skrevet 1 svar den seneste time. Du kan skrive det næste fra { $when }.
   *[other] Du har skrevet { $limit } svar den seneste time. Du kan skrive det næste fra { $when }.
}
conv-mail-before-subject = Nyt spørgsmål til { $salon }
conv-mail-before-body = Hej

    { $name } har stillet et spørgsmål til salonen { $salon }:
    { $link }

    Venlig hilsen
    Medspil
conv-mail-after-subject = Ny kommentar til referatet af { $salon }
conv-mail-after-body = Hej

    { $name } har kommenteret referatet af salonen { $salon }:
    { $link }

    Venlig hilsen
    Medspil
conv-mail-answer-subject = Svar på dit indlæg om { $salon }
conv-mail-answer-body = Hej

    { $name } har svaret på dit indlæg om salonen { $salon }:
    { $link }

    Venlig hilsen
    Medspil
mail-settings-conversation = Spørgsmål og svar ved saloner
mail-settings-conversation-hint = Nye spørgsmål til de saloner, du er vært for, og svar på det, du selv har skrevet.
mod-target-conversation = Indlæg
mod-report-title-conversation = Anmeld et indlæg
mod-conversation-from = Indlæg fra { $name }
