# The poster and sharing a salon ("Del", "Vis på kort").

salon-map-link = Vis på kort (OpenStreetMap)

share-heading = Del salonen
share-url-label = Salonens adresse
share-copy = Kopiér link
share-copied = Linket er kopieret.
share-mail = Send som e-mail
share-mail-more = Læs mere og tilmeld dig
share-facebook = Del på Facebook
share-linkedin = Del på LinkedIn
share-sms = Send som sms
share-poster = Plakat til udskrift
share-invite-only = Salonen er kun for inviterede, så den har ingen links til deling. Invitér folk fra salonens invitationer.

poster-title = Plakat
poster-intro = Udskriv plakaten og hæng den op, hvor naboerne kommer: på biblioteket, i supermarkedet, ved skolen. Den viser kun det, alle må se på salonens side.
poster-phone-label = Telefonnummer på plakaten
poster-phone-hint = Hvis folk skal kunne ringe til dig. Nummeret kommer kun på plakaten og bliver ikke gemt.
poster-size-label = Papir
poster-size-a4 = A4 (én plakat)
poster-size-a5 = A5 (to plakater på et A4-ark)
poster-show = Vis plakaten
poster-print-hint = Udskriv med browserens udskriftsfunktion (Ctrl+P eller ⌘P). Papiret er sat til A4, og kun plakaten kommer med.
poster-back = Tilbage til salonen
poster-kicker = Samtalesalon
poster-cancelled = Aflyst
poster-address-private = Adressen får du, når du tilmelder dig.
poster-online = Du kan også være med online.
poster-signup-heading = Tilmeld dig
poster-signup = Det er gratis. Scan koden med din telefon, eller skriv adressen:
poster-qr-label = QR-kode til salonens side
poster-phone-text = Spørgsmål? Ring til
