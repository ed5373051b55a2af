# Summaries: after the salon

summary-title = Summary of { $title }
summary-intro = Write what you talked about and what you agreed. The summary becomes public on the salon's page, and everyone registered or invited is told. Names appear under the summary only for those who chose to be shown.
summary-field = Summary
summary-field-hint = You can use Markdown: **bold**, *italic*, lists with - and links.
summary-save-button = Save as draft
summary-publish-button = Publish the summary
summary-update-button = Save the changes
summary-done-saved = The draft is saved.
summary-published-note = The summary is published. Changes you save show at once.
summary-not-over-note = The salon has not been held yet. You can write a draft and publish it when the last session is over.
summary-error-missing = Write the summary.
summary-error-too-long = The summary can be at most 20,000 characters.
summary-error-not-over = The summary can be published once the salon has been held.
salon-action-summary = Write the summary
salon-done-summary = The summary is published, and everyone registered or invited has been told.
salon-summary-heading = Summary
salon-summary-names = Took part and wished to be named:
mail-summary-published-subject = The summary of { $title } is ready
mail-summary-published-body = Hello

    The hosts have written the summary of the conversation salon "{ $title }". Read it here: { $link }

    Best regards
    Medspil
mail-summary-reminder-subject = Remember the summary of { $title }
mail-summary-reminder-body = Hello

    The conversation salon "{ $title }" has been held, but its summary is missing. Write it here, so the participants and the municipality can see what you arrived at: { $link }

    Best regards
    Medspil
