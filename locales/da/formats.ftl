# Salon formats: guides a host can start from (the programme is Markdown that goes into the
# description), and the page on how to host a good salon.

formats-heading = Start fra et format
formats-intro = Vælg et format, så får beskrivelsen et forslag til program, roller og spilleregler, som du selv retter til.
formats-guide-link = Sådan holder du en god samtalesalon
formats-chosen = Startet fra: { $format }. Ret programmet til, så det passer til jeres salon. Skriver du ingen sluttid, varer møderne som programmet.

format-kaffesalon-name = Kaffesalon – 90 min
format-kaffesalon-summary = Den klassiske: en lille kreds om ét spørgsmål, med kaffe og kage.
format-kaffesalon-programme =
    ### Program (90 minutter)

    - 0–10 min: **Velkommen.** Kaffen skænkes. Værten fortæller, hvorfor vi er her, og læser spørgsmålet højt.
    - 10–30 min: **Runden.** Alle siger på skift, hvem de er, og hvad de tænker om spørgsmålet – højst to minutter hver.
    - 30–70 min: **Samtalen.** Vi taler frit om det, runden bragte frem. Kommunens gæst lytter først og svarer bagefter.
    - 70–85 min: **Hvad tager vi med?** Vi samler op: hvad er vi enige om, og hvem gør hvad?
    - 85–90 min: **Tak for i dag.** Referenten læser opsamlingen højt.

    ### Roller

    - **Vært:** byder velkommen, holder tiden og sørger for, at alle kommer til orde.
    - **Referent:** skriver ned, hvad vi blev enige om, og hvem der gør hvad.
    - **Kommunens gæst:** lytter, spørger og svarer – og tager svaret med hjem.

    ### Spilleregler

    - Vi lytter for at forstå, ikke for at svare.
    - Én taler ad gangen, og ingen taler to gange, før alle har talt én gang.
    - Det, der bliver sagt, må gerne deles – men ikke hvem der sagde det.

format-gaatur-name = Gåtur i nabolaget
format-gaatur-summary = Vi går sammen gennem det sted, det handler om, og stopper undervejs.
format-gaatur-programme =
    ### Program (ca. 2 timer)

    - 0–15 min: **Mødested.** Velkommen, spørgsmålet og ruten. Husk, at alle skal kunne følge med.
    - 15–75 min: **Ruten med tre stop.** Ved hvert stop fortæller en deltager, hvad der sker her, og vi taler om det i 10–15 minutter.
    - 75–105 min: **Ved målet.** Vi sætter os, gerne med noget varmt at drikke, og samler op.
    - 105–120 min: **Hvad tager vi med?** Hvad så vi, hvad vil vi ændre, og hvem gør hvad?

    ### Roller

    - **Vært:** kender ruten, holder tiden og venter på den sidste.
    - **Fotograf:** tager billeder ved stoppene til opsamlingen.
    - **Referent:** noterer ved hvert stop.
    - **Kommunens gæst:** ser stedet med borgernes øjne og fortæller, hvad kommunen ved og planlægger.

    ### Spilleregler

    - Vi går i den langsomste deltagers tempo; ruten skal kunne gås med rollator og barnevogn.
    - Vi taler med folk, vi møder på vejen – de hører også til nabolaget.
    - Ved hvert stop får alle mulighed for at sige noget.

format-faellesspisning-name = Fællesspisning
format-faellesspisning-summary = Vi spiser sammen og taler om spørgsmålet ved bordet.
format-faellesspisning-programme =
    ### Program (ca. 2½ time)

    - 0–20 min: **Ankomst.** Alle hjælper med at dække bord. Værten byder velkommen og læser spørgsmålet højt.
    - 20–80 min: **Maden.** Vi spiser og taler ved bordene. Hvert bord har en bordvært og et kort med spørgsmålet.
    - 80–120 min: **Bordene fortæller.** Hvert bord fortæller, hvad de talte om. Kommunens gæst svarer.
    - 120–150 min: **Kaffe og opsamling.** Hvad er vi enige om, og hvem gør hvad? Derefter rydder vi op sammen.

    ### Roller

    - **Vært:** byder velkommen og holder styr på tiden.
    - **Kokke:** laver maden, gerne sammen med nogle af gæsterne.
    - **Bordværter:** sørger for, at alle ved bordet kommer til orde.
    - **Referent:** samler det, bordene fortæller.
    - **Kommunens gæst:** sidder ved et bord som alle andre og svarer til sidst.

    ### Spilleregler

    - Skriv allergier og behov, når du tilmelder dig.
    - Vi sætter os ved siden af nogen, vi ikke kender.
    - Alle hjælper med oprydningen.

format-walk-and-talk-name = Walk-and-talk med en politiker
format-walk-and-talk-summary = En lille gruppe går en tur med en politiker og taler om det, der optager dem.
format-walk-and-talk-programme =
    ### Program (60 minutter)

    - 0–10 min: **Vi mødes.** Politikeren og deltagerne præsenterer sig. Værten læser spørgsmålet højt.
    - 10–45 min: **Turen.** Vi går i par eller små grupper og skifter makker ved hvert stop, så alle får talt med politikeren.
    - 45–60 min: **Opsamling.** Politikeren fortæller, hvad hun eller han tager med sig, og hvornår deltagerne hører nærmere.

    ### Roller

    - **Vært:** holder tiden og sørger for, at alle får deres tur med politikeren.
    - **Referent:** skriver ned, hvad politikeren lover at følge op på.
    - **Politikeren:** lytter mest, spørger meget og lover kun det, der kan holdes.

    ### Spilleregler

    - Det er en samtale, ikke et vælgermøde: ingen taler, ingen valgkamp.
    - Ruten er kort og tilgængelig for alle.
    - Det, politikeren lover, står i opsamlingen, som alle kan se.

guide-title = Sådan holder du en god samtalesalon
guide-intro = En samtalesalon er en lille samtale blandt borgere om noget lokalt, hvor kommunen er inviteret som gæst. Her er de vigtigste råd.
guide-before-heading = Før salonen
guide-before-question = Vælg ét åbent spørgsmål, som ingen kan svare ja eller nej til: "Hvordan får vi mere liv i bymidten?" er bedre end "Skal der være flere bænke?"
guide-before-invite = Invitér bredt: naboer, foreninger, unge og ældre. Seks til tyve deltagere er en god størrelse.
guide-before-municipality = Invitér kommunen i god tid – en afdeling, et udvalg eller en navngiven politiker – og sig, hvad I gerne vil have svar på.
guide-before-access = Vælg et sted, alle kan komme til, og skriv, hvad stedet tilbyder (trinfri adgang, teleslynge, toilet).
guide-during-heading = Under salonen
guide-during-welcome = Byd velkommen, læs spørgsmålet højt, og sig, hvornår I slutter.
guide-during-round = Start med en runde, hvor alle siger noget. Så er ordet givet til alle fra begyndelsen.
guide-during-listen = Lad kommunens gæst lytte først og svare bagefter.
guide-during-time = Hold tiden. Det er bedre at slutte, mens samtalen er god, end at lade den løbe ud.
guide-after-heading = Efter salonen
guide-after-summary = Skriv kort, hvad I blev enige om, og hvem der gør hvad.
guide-after-follow = Følg op i offentlighed: et løfte uden en ejer og en dato bliver sjældent holdt.
guide-after-thanks = Tak deltagerne og kommunens gæst, og fortæl dem, hvad der sker nu.
guide-formats-heading = Start fra et format
guide-formats-intro = Hvert format giver et forslag til program, roller og spilleregler, som du retter til, når du opretter din salon.
