# Accounts: registration, sign-in, password, my account

nav-account = My account
nav-sign-out = Sign out
nav-sign-in = Sign in
nav-register = Create account

form-optional = optional
form-error-prefix = Error:
form-choose = Choose …
form-error-summary = There is something to fix

field-name = Name
field-email = Email address
field-new-email = New email address
field-password = Password
field-new-password = New password
field-new-password-hint = At least 10 characters. A sentence you can remember works well – there are no other rules.
field-current-password = Current password
field-language = Language

error-email-missing = Enter your email address.
error-email-invalid = Enter a valid email address, such as name@example.dk.
error-email-same = That is already your email address.
error-name-missing = Enter your name.
error-name-too-long = The name can be at most 100 characters.
error-password-missing = Enter a password.
error-password-short = The password must be at least 10 characters.
error-password-long = The password can be at most 1000 characters.
error-password-common = That password is among the most used and easy to guess. Choose another.
error-password-wrong = The password is wrong.
error-password-wait = There have been too many wrong passwords. Wait a little and try again.

register-title = Create account
register-intro = With an account you can host conversation salons, sign up for salons and invite the municipality. We will email you a link to confirm your address.
register-button = Create account
register-have-account = Already have an account?
register-error-limit = Many accounts have been created from your internet connection in the last hour. Try again from { $when }.
check-email-title = Check your email
check-email-body = We have sent an email to the address you entered. Follow its link to continue. If no email arrives, check your spam folder.

sign-in-title = Sign in
sign-in-button = Sign in
sign-in-forgot = Forgot your password?
sign-in-no-account = No account yet?
sign-in-wrong = The email address or password is wrong.
sign-in-wait = There have been too many attempts to sign in. Wait a little and try again.

forgot-title = Forgot password
forgot-intro = Enter your email address and we will send a link where you can choose a new password. The link works for one hour.
forgot-button = Send link
forgot-sent-title = Check your email
forgot-sent-body = If there is an account with that address, we have sent a link to choose a new password. The link works for one hour.
reset-title = Choose a new password
reset-button = Save new password
link-gone-title = The link no longer works
link-gone-body = The link has already been used, or it is too old. Ask for a new link and try again.

verify-title = Confirm your email address
verify-intro = Press the button to confirm { $email }.
verify-button = Confirm email address
verified-title = Your email address is confirmed
verified-body = Thank you. You can now host conversation salons, sign up and invite the municipality.

account-title = My account
account-unverified = Your email address { $email } is not confirmed yet. Until then you cannot host salons, sign up or invite.
account-resend-button = Send the confirmation link again
account-profile-heading = Name and language
account-email-is = Your email address: { $email }
account-save = Save
account-email-heading = Change email address
account-email-intro = We will send a link to the new address. The old address stays in use until the link is used.
account-email-button = Send link to the new address
account-password-heading = Change password
account-password-intro = When you change your password, you are signed out everywhere else.
account-password-button = Change password
account-sessions-heading = Where you are signed in
account-session-last-seen = last used { $when }
account-session-current = this browser
account-sessions-end-others = Sign out everywhere else
account-data-heading = Your data
account-data-intro = Download everything Medspil holds about you, as one file.
account-data-link = Download my data (JSON)
account-data-page-link = See your data
account-data-title = Your data on Medspil
account-data-back = Back to your account
account-data-page-intro = This is everything Medspil holds about you, part by part. The file you can download says the same:
account-data-contents = Contents
account-data-none = Nothing.
account-data-section-account = Your account
account-data-section-sessions = Signed-in browsers
account-data-section-logins = Linked sign-ins
account-data-section-emails = Emails to you
account-data-section-roles = Roles
account-data-section-salons-hosted = Salons you host
account-data-section-cohost-invitations = Invitations to co-host
account-data-section-registrations = Registrations
account-data-section-invitations = Invitations and messages
account-data-section-notifications = Notifications
account-data-section-decisions = Decisions
account-data-section-searches = Searches you follow
account-data-section-people-followed = People you follow
account-data-section-conversation = Questions and comments at salons
account-data-section-moderation = Reports and moderation
account-delete-heading = Delete account
account-delete-intro = Your personal details are deleted. Answers you gave on behalf of the municipality remain as "deleted user".
account-delete-hint = Enter your password to confirm.
account-delete-button = Delete my account
account-deleted-title = Your account is deleted
account-deleted-body = Your personal details have been deleted from Medspil. Thank you for taking part.
account-done-password = Your password has been changed.
account-done-verified = Your email address is confirmed.
account-done-verify-sent = We have sent a new confirmation link.
account-done-profile = Your details are saved.
account-done-email-sent = We have sent a link to the new address. It takes effect when you have used the link.
account-done-sessions-ended = You are signed out everywhere else.
email-change-cancel-title = Stop the change of email address
email-change-cancel-intro = Someone asked to change your account's email address to { $email }. Press the button to stop it. If it was not you, change your password too.
email-change-cancel-button = Stop the change
email-change-cancelled-title = The change is stopped
email-change-cancelled-body = Your account keeps its email address, and the confirmation link to the new address no longer works. If you did not ask for the change, change your password now.
session-unknown-device = Unknown browser
session-device = { $browser } on { $system }

error-403-title = You do not have access to this
error-403-message = The page or action needs a role you do not have.
error-429-title = Too many attempts
error-429-message = Wait a little and try again.
error-csrf-title = The form came from somewhere else
error-csrf-message = For your security we only accept forms sent from Medspil's own pages. Go back, reload the page and try again.
error-unverified-title = Confirm your email address first
error-unverified-message = To host salons, sign up or invite, your email address must be confirmed. Follow the link in the email we sent, or get a new link here.

mail-verify-subject = Confirm your email address on Medspil
mail-verify-body =
    Hello { $name }

    Confirm your email address by opening the link and pressing the button:

    { $link }

    The link works for 48 hours. If you did not ask for this, you can ignore this email.

    Best regards
    Medspil
mail-already-registered-subject = Someone tried to create an account with your email
mail-already-registered-body =
    Hello { $name }

    Someone, perhaps you, tried to create an account on Medspil with your email address. You already have an account.

    If you have forgotten your password, you can choose a new one here:

    { $link }

    If it was not you, you can ignore this email.

    Best regards
    Medspil
mail-reset-subject = Choose a new password for Medspil
mail-reset-body =
    Hello { $name }

    Open the link to choose a new password:

    { $link }

    The link works for one hour. If you did not ask for this, you can ignore this email – your password is unchanged.

    Best regards
    Medspil
mail-password-changed-subject = Your Medspil password has been changed
mail-password-changed-body =
    Hello { $name }

    The password of your Medspil account has just been changed, and you are signed out everywhere else.

    If it was not you, choose a new password at once:

    { $link }

    Best regards
    Medspil
mail-email-change-requested-subject = Your email address is about to change to { $email }
mail-email-change-requested-body =
    Hello { $name }

    Someone asked to change the email address of your Medspil account to { $email }. The change happens only when the link in the mail to the new address is used.

    If it was not you, stop the change here and change your password:

    { $link }

    Best regards
    Medspil
mail-email-changed-subject = Your Medspil email address has changed to { $email }
mail-email-changed-body =
    Hello { $name }

    The email address of your Medspil account is now { $email }. From now on, mail from Medspil goes there.

    If it was not you, contact those who run Medspil at once:

    { $link }

    Best regards
    Medspil

# Sign-in with MitID or the municipality's own login (OpenID Connect)
sign-in-or = Or sign in with email and password
sign-in-with = Sign in with { $provider }
oidc-failed-title = Sign-in did not work
oidc-failed = We could not confirm your sign-in. You are not signed in. Try again, or sign in with email and password.
oidc-failed-expired = Your sign-in took too long, or the page was opened twice. You are not signed in. Try again.
oidc-failed-cancelled = You were not signed in at the provider. You are not signed in to Medspil.
oidc-failed-unreachable = We cannot reach the sign-in provider right now. Try again in a little while.
oidc-failed-linked-elsewhere = This login already belongs to another account on Medspil.
oidc-failed-suspended = The account is suspended, so you cannot sign in.
oidc-try-again = To sign-in
oidc-link-title = Link your login to your account
oidc-link-body = There is already an account with { $email }. Enter its password and we will link your { $provider } login to it.
oidc-link-button = Link and sign in
oidc-link-wrong = The password is wrong.
oidc-email-title = Which email address should we write to?
oidc-email-body = { $provider } gave us no confirmed email address. Enter yours and we will send a link that confirms it. Until then you cannot host or register.
oidc-email-button = Create account
oidc-email-taken = There is already an account with that address. Sign in with its password and link your login under My account.
oidc-last-login-title = You cannot remove your only login
oidc-last-login-body = Your account has no password, so this login is the only way in. Link another login or choose a password first.
oidc-back-to-account = Back to My account
name-verified-mitid = name verified with MitID
signed-out-title = You are signed out
signed-out-body = You are signed out of Medspil. You may still be signed in at { $provider }: on a computer others use too, sign out there as well.
signed-out-provider = Also sign out at { $provider }
signed-out-front = To the front page
account-logins-heading = Logins
account-logins-intro = Logins you can use instead of the password.
account-login-linked = Linked { $date }
account-login-link = Link { $provider }
account-login-unlink = Remove { $provider }
# A fresh sign-in through a linked login, instead of a password the account does not have
account-confirm-intro = Your account has no password. Confirm it is you by signing in again.
account-confirm-with = Confirm with { $provider }
account-confirm-no-login = Your account has neither a password nor a login to confirm with. Choose a password through "Forgot password" first.
oidc-fresh-old = Your sign-in at the provider was not recent enough to confirm it is you. Nothing was changed. Try again from My account.
oidc-fresh-other = The login you used does not belong to this account. Nothing was changed.
oidc-fresh-expired = The confirmation has expired or was already used. Nothing was changed. Try again from My account.
oidc-confirm-title = You have confirmed it is you
oidc-confirm-delete = Do you want to delete your account now? Your personal data is erased, and this cannot be undone.
oidc-confirm-email = Do you want to change your email address to { $email }? We send a link to the new address, which you must use before the change happens.
oidc-confirm-button = Yes, go on
oidc-confirm-cancel = No, back to My account
# Linking a login by a mailed link
oidc-link-body-mail = There is already an account with { $email }. We send a link to that address. Open it in this browser and we will link your { $provider } login to the account.
oidc-link-or-mail = Or have a link sent by email instead of typing the password.
oidc-link-send-button = Send me a link
oidc-link-sent-title = Check your email
oidc-link-sent-body = We have sent a link to { $email }. Open it in this browser within a quarter of an hour to link your login and sign in.
oidc-link-mail-body = Link your { $provider } login to your account and sign in.
oidc-link-mail-gone = The link has expired, was already used, or was opened in another browser than the one you signed in with. Nothing was linked. Sign in with the provider again to get a new link.
mail-link-login-subject = Link your { $provider } login to your account on Medspil
mail-link-login-body =
    Hello

    Someone signed in with { $provider } and asked to link that login to your account on Medspil. If it was you, open the link in the same browser within a quarter of an hour:

    { $link }

    If it was not you, do not open the link. Then nothing happens.

    Kind regards
    Medspil
account-password-none = Your account has no password. You sign in with one of your logins.
account-password-none-link = Choose a password through a link by email
