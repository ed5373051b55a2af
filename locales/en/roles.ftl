# Municipal roles, the municipality's pages and administration

## The municipality's page
municipality-not-on-medspil = { $municipality } is not on Medspil yet. This page shows the municipality so you can find it, but nobody from the municipality answers here yet.
municipality-no-admin-yet = { $count ->
    [one] { $municipality } has no admin on Medspil yet. 1 person answers here for the municipality's units; invitations to the whole municipality go by email.
   *[other] { $municipality } has no admin on Medspil yet. { $count } people answer here for the municipality's units; invitations to the whole municipality go by email.
}
municipality-about-heading = From { $municipality }
municipality-contact = Contact:
municipality-roles-heading = Do you work for the municipality?
municipality-roles-intro = Staff, politicians and admins of { $municipality } can ask for a role, so they can answer invitations on the municipality's behalf.
municipality-request-role = Ask for a role
municipality-sign-in-to-request = Sign in to ask for a role
municipality-admin-link = Manage the municipality on Medspil

## A unit's page
unit-archived-notice = This unit has been closed. The page stays so that earlier invitations and agreements can be found.
unit-contact = Contact:
unit-members-heading = Members
unit-no-members = No members are shown yet.
unit-answers-for = answers for the unit

## Roles
role-kind-official = Official
role-kind-politician = Politician
role-kind-admin = Admin
role-kind-official-hint = You work in a department, a committee secretariat or similar.
role-kind-politician-hint = You sit on the council and perhaps on committees.
role-kind-admin-hint = You run the municipality's page on Medspil: approve roles and create units.
role-noun-official = an official
role-noun-politician = a politician
role-noun-admin = an admin
role-status-pending = waiting for approval
role-status-approved = approved
role-status-rejected = rejected
role-status-revoked = removed
role-deleted-user = deleted user
role-reason-email-domain = your email address is no longer on the municipality's domain
choices-none = There is nothing to choose from yet.

## Ask for a role
role-request-title = Ask for a role
role-request-heading = Ask for a role in { $municipality }
role-request-intro = The municipality's admins see your request and approve or reject it. You will be told by email. If your email address is on one of the municipality's domains and you ask to be an official in departments, you are approved at once.
role-request-no-admin = The municipality has no admin on Medspil yet. Your request waits until it has one.
role-request-mine-heading = Your roles and requests here
role-request-form-heading = New request
role-request-button = Send request
role-request-done-requested = Your request has been sent to the municipality's admins. You will be told by email.
role-request-done-approved = You were approved at once, because your email address is on the municipality's domain.
field-role-kind = Role
field-role-units = Units
field-role-units-hint = Choose the departments, committees or council you belong to. Politicians choose committees and the council; admins choose none.
field-role-title = Title
field-role-title-hint = Your job title, such as Director of Development or Council member.
field-role-party = Party
field-role-party-hint = Politicians only.
field-role-note = Message to the admins
field-role-note-hint = For example, who can confirm that you work for the municipality.
field-role-listed = Show me on the units' pages

error-role-kind-missing = Choose a role.
error-role-title-missing = Enter your title.
error-role-title-too-long = The title can be at most 200 characters.
error-role-party-too-long = The party's name can be at most 100 characters.
error-role-note-too-long = The message can be at most 2000 characters.
error-role-unit-unknown = One of the units you chose no longer exists. Choose again.
error-role-units-missing = Choose at least one unit.
error-role-units-admin = An admin does not belong to a unit. Clear the boxes.
error-role-units-politician = Politicians can only be members of committees and the council.
error-role-duplicate = You already have this role in the municipality, or a request for it is waiting.
error-reason-missing = Enter a reason. It is sent to the person.
error-reason-too-long = The reason can be at most 2000 characters.
error-text-invalid = The text contains characters that cannot be used.

## Administration
admin-context = Administration of { $municipality }
admin-nav-label = Administration
admin-nav-requests = Requests
admin-nav-roles = Roles
admin-nav-units = Units
admin-nav-domains = Email domains
admin-nav-page = The municipality's page
admin-nav-export = Invitations (CSV)
admin-nav-public = See the public page
admin-done-approved = The request is approved, and the person has been told.
admin-done-rejected = The request is rejected, and the person has been told the reason.
admin-done-already-decided = The request had already been decided.
admin-done-revoked = The role is removed, and the person has been told.
admin-done-admin-appointed = The person is now an admin and has been told.
admin-done-domain-added = The domain is added.
admin-done-domain-removed = The domain is removed, and so are the roles it granted.
admin-done-unit-created = The unit is created.
admin-done-unit-archived = The unit is archived.
admin-done-unit-saved = The unit is saved.
admin-done-answers-saved = Who answers for the unit is saved.
admin-done-page-saved = The municipality's page is saved.

admin-requests-title = Role requests
admin-requests-none = No requests are waiting.
admin-request-units = Units: { $units }
admin-request-when = Sent { $when }
admin-request-title = Role request
admin-request-heading = Request from { $name }
admin-request-role = Role
admin-request-badge = Shown as
admin-request-email = Email address
admin-request-units-label = Units
admin-request-note = Message
admin-request-requested = Sent
admin-approve-heading = Approve
admin-approve-button = Approve the request
admin-reject-heading = Reject
admin-reject-button = Reject the request
field-reject-reason = Reason
field-reject-reason-hint = The reason is sent to the person.

admin-roles-title = Roles
admin-roles-none = Nobody has an approved role yet.
admin-roles-person = Person
admin-roles-granted = Approved
admin-roles-by-domain = by email domain
admin-roles-by-admin = by { $name }
admin-roles-by-operator = by Medspil's operators
admin-appoint-heading = Appoint an admin
admin-appoint-intro = The person needs an account on Medspil with a confirmed email address.
admin-appoint-button = Appoint admin
field-appoint-email = Email address
field-appoint-email-hint = The email address the person uses on Medspil.
error-appoint-no-account = There is no account with that confirmed email address.
error-appoint-already = The person is already an admin of the municipality.
admin-role-heading = Role: { $name }
admin-revoke-heading = Remove the role
admin-revoke-button = Remove the role
field-revoke-reason = Reason
field-revoke-reason-hint = The reason is sent to the person.
error-revoke-self = You cannot remove your own admin role. Ask another admin to do it.

admin-domains-title = Email domains
admin-domains-intro = A person with a confirmed email address on one of these domains who asks to be an official in departments is approved at once. Committees, the council, politicians and admins always need an admin's approval. You can add the domain your own email address is on (and subdomains of it) yourself; other domains are added by the people who run Medspil. Public mail services such as gmail.com can never be the municipality's domain, and a domain belongs to one municipality at most.
admin-domains-list-heading = The municipality's domains
admin-domains-none = The municipality has no domains yet.
admin-domains-remove = Remove
admin-domains-add-heading = Add a domain
admin-domains-add-button = Add domain
field-domain = Domain
field-domain-hint = For example skanderborg.dk – the whole domain after the @.
error-domain-missing = Enter a domain.
error-domain-invalid = Enter a domain like skanderborg.dk, without @ or spaces.
error-domain-taken = The domain is already registered for the municipality.
error-domain-free-mail = That is a public mail service where anyone can get an address. It can never be the municipality's domain.
error-domain-not-yours = You can only add the domain your own email address is on, or a subdomain of it. Another domain is added by the people who run Medspil, once the municipality has shown it is its own.
error-domain-elsewhere = The domain already belongs to another municipality.

admin-units-title = Units
admin-units-state = State
admin-units-archived = archived
admin-units-active = active – see the page
admin-units-create-heading = Create a unit
admin-units-create-button = Create unit
field-unit-kind = Kind
field-unit-name = Name
field-unit-name-hint = The address of the unit's page is made from the name.
field-unit-description = Description
field-unit-contact = Contact email
field-unit-contact-hint = Invitations go here until someone from the unit is on Medspil.
error-unit-kind-missing = Choose what kind of unit it is.
error-unit-name-missing = Enter the unit's name.
error-unit-name-too-long = The name can be at most 200 characters.
error-unit-name-invalid = The name must contain letters or digits.
error-unit-description-too-long = The description can be at most 2000 characters.
error-unit-slug-taken = The municipality already has a unit with that name (perhaps an archived one).
admin-unit-title = Unit
admin-unit-public-page = see the public page
admin-unit-edit-heading = Name and description
admin-unit-save = Save
admin-unit-answers-legend = Who answers for the unit?
admin-unit-answers-hint = Those checked can answer invitations to the unit, such as the chair and the secretary. The others are members who can join salons.
admin-unit-not-listed = not shown publicly
admin-unit-answers-save = Save who answers
admin-unit-department-answers = In a department every member can answer invitations.
admin-unit-archive-heading = Archive the unit
admin-unit-archive-intro = An archived unit leaves the municipality's page and cannot be chosen in new requests. Its history stays.
admin-unit-archive-button = Archive the unit

admin-page-title = The municipality's page
admin-page-intro = The text stands at the top of the municipality's page on Medspil: for example what the municipality would like to hear about, and whom to contact.
admin-page-save = Save
field-about = Text
field-about-hint = At most 5000 characters. Leave a blank line between paragraphs.
field-municipality-contact = Contact email
field-municipality-contact-hint = The municipality's general address, such as kommunen@skanderborg.dk.
error-about-too-long = The text can be at most 5000 characters.

## Emails
mail-role-requested-subject = { $person } asks for a role in { $municipality }
mail-role-requested-body =
    Hello { $name }

    { $person } asks to be approved as { $role } in { $municipality } on Medspil.

    See the request, and approve or reject it, here:

    { $link }

    Kind regards
    Medspil
mail-role-approved-subject = You are approved as { $role } in { $municipality }
mail-role-approved-body =
    Hello { $name }

    The municipality's admin has approved your request: you are now { $role } in { $municipality } on Medspil.

    { $link }

    Kind regards
    Medspil
mail-role-approved-by-domain-subject = You are approved as { $role } in { $municipality }
mail-role-approved-by-domain-body =
    Hello { $name }

    You were approved as { $role } in { $municipality } on Medspil at once, because your email address is on one of the municipality's domains.

    If you change to an email address outside the municipality's domains, the role lapses.

    { $link }

    Kind regards
    Medspil
mail-role-rejected-subject = Your request for a role in { $municipality } was rejected
mail-role-rejected-body =
    Hello { $name }

    The municipality's admin has rejected your request to be { $role } in { $municipality } on Medspil.

    Reason:

    { $reason }

    You can send a new request here:

    { $link }

    Kind regards
    Medspil
mail-role-revoked-subject = Your role in { $municipality } has been removed
mail-role-revoked-body =
    Hello { $name }

    The municipality's admin has removed your role as { $role } in { $municipality } on Medspil.

    Reason:

    { $reason }

    { $link }

    Kind regards
    Medspil
mail-role-domain-lost-subject = Your role in { $municipality } has been removed
mail-role-domain-lost-body =
    Hello { $name }

    Your role as { $role } in { $municipality } on Medspil was granted because your email address was on one of the municipality's domains. It no longer is, so the role has been removed.

    If you still work for the municipality, you can ask for the role again from the municipality's page on Medspil.

    Kind regards
    Medspil
mail-role-admin-appointed-subject = You are now an admin of { $municipality } on Medspil
mail-role-admin-appointed-body =
    Hello { $name }

    { $person } has appointed you as an admin of { $municipality } on Medspil. You can now approve roles, create units and write the municipality's page:

    { $link }

    Kind regards
    Medspil
