## The public conversation around a salon (src/conversation)
conv-heading-before = Questions and input
conv-heading-after = Comments on the summary
conv-empty = Nothing has been written yet.
conv-field-before = Your question or input
conv-field-after = Your comment on the summary
conv-field-hint = Plain text, at most 2000 characters. Everyone who can see the salon can read it, with your name.
conv-field-reply = Your reply
conv-action-before = Send question
conv-action-after = Send comment
conv-action-reply = Reply
conv-action-answered = Mark as answered
conv-action-unanswered = Mark as not answered
conv-action-pin = Pin to the top
conv-action-unpin = Unpin
conv-action-delete = Delete
conv-action-report = Report
conv-pinned = Pinned
conv-answered = Answered
conv-hidden-prefix = Hidden by the moderators:
conv-deleted-by-author = deleted by the author
conv-badge-unit = answer from { $unit }
conv-note-verify = Confirm your email to write here.
conv-note-sign-in = Sign in with a confirmed email to write here.
conv-note-closed-before = Questions can no longer be asked here.
conv-note-closed-after = Comments are closed: they were open for 30 days after the summary.
conv-error-missing = Write your text.
conv-error-too-long = The text may be at most 2000 characters.
conv-error-question-limit = { $limit ->
    [one] You have written 1 question or comment in the last 24 hours. You can write the next from { $when }.
   *[other] You have written { $limit } questions or comments in the last 24 hours. You can write the next from { $when }.
}
conv-error-reply-limit = { $limit ->
    [one] You have written 1 reply in the last hour. You can write the next from { $when }.
   *[other] You have written { $limit } replies in the last hour. You can write the next from { $when }.
}
conv-mail-before-subject = New question for { $salon }
conv-mail-before-body = Hello

    { $name } has asked a question about the salon { $salon }:
    { $link }

    Kind regards
    Medspil
conv-mail-after-subject = New comment on the summary of { $salon }
conv-mail-after-body = Hello

    { $name } has commented on the summary of the salon { $salon }:
    { $link }

    Kind regards
    Medspil
conv-mail-answer-subject = A reply to what you wrote about { $salon }
conv-mail-answer-body = Hello

    { $name } has replied to what you wrote about the salon { $salon }:
    { $link }

    Kind regards
    Medspil
mail-settings-conversation = Questions and answers at salons
mail-settings-conversation-hint = New questions to the salons you host, and replies to what you wrote.
mod-target-conversation = Post
mod-report-title-conversation = Report a post
mod-conversation-from = Post from { $name }
