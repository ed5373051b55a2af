# Et billede til salonen: værternes side og beskederne ved feltet.

picture-title = Billede til { $title }
picture-intro = Et billede gør opslaget og plakaten levende: pladsen, biblioteket, stuen hvor I mødes. Vælg et JPEG-, PNG- eller WebP-billede på højst 10 MB og 40 megapixel. Vi gemmer en ny udgave af billedet uden de oplysninger, kameraet har skrevet i filen (f.eks. hvor det er taget).
picture-current-alt = Billedtekst for blinde og svagsynede
picture-field-file = Billede
picture-field-file-hint = JPEG, PNG eller WebP, højst 10 MB.
picture-field-file-hint-replace = Vælg et nyt billede for at skifte det ud, eller lad feltet stå tomt for kun at rette billedteksten.
picture-field-alt = Hvad viser billedet?
picture-field-alt-hint = Læses op for dem, der ikke kan se billedet. F.eks. "Ry Torv en lørdag formiddag".
picture-save = Gem billedet
picture-remove = Fjern billedet
picture-done-saved = Billedet er gemt.
picture-done-removed = Billedet er fjernet.
picture-action-add = Tilføj et billede
picture-action-change = Skift billedet
picture-edit-link = Billede til salonen
picture-error-missing = Vælg et billede.
picture-error-too-large = Billedet fylder mere end 10 MB. Vælg et mindre billede.
picture-error-format = Filen er ikke et JPEG-, PNG- eller WebP-billede. Vælg et billede i et af de tre formater.
picture-error-pixels = Billedet har mere end 40 megapixel. Gør det mindre, og prøv igen.
picture-error-broken = Billedet kan ikke åbnes. Det er måske ikke kommet helt med. Prøv igen, eller vælg et andet billede.
picture-error-alt-missing = Skriv, hvad billedet viser.
picture-error-alt-long = Billedteksten må højst være 250 tegn.
picture-error-limit = { $limit ->
    [one] Du har lagt 1 billede op det seneste døgn. Du kan lægge det næste op fra { $when }.
   *[other] Du har lagt { $limit } billeder op det seneste døgn. Du kan lægge det næste op fra { $when }.
}
