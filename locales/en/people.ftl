# Who is who in the municipality: council, committees and departments

people-list-link = See politicians and staff
people-list-title = Politicians and staff
people-list-intro = The council and the committees with their politicians, and who answers for each department in { $municipality }.
people-political-heading = Council and committees
people-political-empty = The municipality has not added its council or committees to Medspil yet.
people-departments-heading = Departments and who answers
people-departments-empty = The municipality has not added departments to Medspil yet.
people-unit-none = No one from here is shown on Medspil yet.
people-committees = Sits on:

## Following a politician
people-follow-heading = Follow
people-follow-intro = Get an email when this person says yes to coming to a public conversation salon.
people-followers = { $count ->
    [0] No one follows yet.
    [one] 1 person follows.
   *[other] { $count } people follow.
}
people-follow-button = Follow
people-unfollow-button = Stop following
people-follow-sign-in = Sign in to follow
people-done-followed = You now follow this person. You will get an email when they say yes to a public salon.
people-done-unfollowed = You no longer follow this person.
people-mail-accepted-subject = { $name } is coming to "{ $salon }"
people-mail-accepted-body = Hello

    { $name }, whom you follow on Medspil, has said yes to coming to the conversation salon "{ $salon }".

    The salon: { $link }

    You get this email because you follow { $name }: { $profile }
    You can stop following on the profile.

    Kind regards
    Medspil
