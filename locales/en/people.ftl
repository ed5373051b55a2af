# Who is who in the municipality: council, committees and departments

people-list-link = See politicians and staff
people-list-title = Politicians and staff
people-list-intro = The council and the committees with their politicians, and who answers for each department in { $municipality }.
people-political-heading = Council and committees
people-political-empty = The municipality has not added its council or committees to Medspil yet.
people-departments-heading = Departments and who answers
people-departments-empty = The municipality has not added departments to Medspil yet.
people-unit-none = No one is linked on Medspil yet.
people-committees = Sits on:
