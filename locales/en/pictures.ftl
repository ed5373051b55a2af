# A picture for the salon: the hosts' page and the messages by the field.

picture-title = Picture for { $title }
picture-intro = A picture brings the listing and the poster to life: the square, the library, the room where you meet. Choose a JPEG, PNG or WebP picture of at most 10 MB and 40 megapixels. We store a new copy of the picture without what the camera wrote into the file (such as where it was taken).
picture-current-alt = Text for people who cannot see it
picture-field-file = Picture
picture-field-file-hint = JPEG, PNG or WebP, at most 10 MB.
picture-field-file-hint-replace = Choose a new picture to replace it, or leave this empty to change only the text.
picture-field-alt = What does the picture show?
picture-field-alt-hint = Read out to those who cannot see the picture. For example "Ry square on a Saturday morning".
picture-save = Save the picture
picture-remove = Remove the picture
picture-done-saved = The picture is saved.
picture-done-removed = The picture is removed.
picture-action-add = Add a picture
picture-action-change = Change the picture
picture-edit-link = Picture for the salon
picture-error-missing = Choose a picture.
picture-error-too-large = The picture is larger than 10 MB. Choose a smaller one.
picture-error-format = The file is not a JPEG, PNG or WebP picture. Choose a picture in one of the three formats.
picture-error-pixels = The picture has more than 40 megapixels. Make it smaller and try again.
picture-error-broken = The picture cannot be opened. Perhaps not all of it arrived. Try again, or choose another picture.
picture-error-alt-missing = Say what the picture shows.
picture-error-alt-long = The text may be at most 250 characters.
picture-error-limit = { $limit ->
    [one] You have uploaded 1 picture in the last 24 hours. You can upload the next from { $when }.
   *[other] You have uploaded { $limit } pictures in the last 24 hours. You can upload the next from { $when }.
}
