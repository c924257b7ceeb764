"""French harm vocabulary, over folded text: apostrophes go, so "l'ambulance" is "lambulance" and
"s'est coupé" is "sest coupe"; every word that can be elided takes an optional l/d/s/n/j/qu.

Idioms that only sound like harm stay out: "coup de feu" (the rush), "feu vert", "à feu doux",
"un prix qui brûle", "tomber en panne", "tomber sur un cheveu", "mourir de faim".
"""

from __future__ import annotations

from .words import Words

_E = r"(?:[ldjsnmtc]|qu)?"  # an elided article or pronoun glued to the next word
BODY = (
    r"(?:main|mains|doigt|doigts|pouce|bras|jambe|jambes|pied|pieds|genou|genoux|cheville|chevilles|poignet|"
    r"poignets|tete|dos|visage|figure|bouche|langue|levre|levres|gorge|oeil|œil|yeux|dent|dents|peau|hanche|"
    r"epaule|epaules|menton|nez|front|arcade|joue|joues|cou|cuisse|cuisses|gencive|gencives|palais|machoire|"
    r"cote|cotes|coude|ongle|ongles|orteil|orteils|crane|tibia|mollet|paume|talon|nuque|ventre|poitrine|"
    r"fesses?|coccyx|sourcil|oreille|oreilles|corps)"
)
_PAIN_BODY = _E + BODY.replace("tete|dos|", "")
_REFLEXIVE = r"(?:sest|se sont|me suis|sen est|tes|setait|setaient|setre|se|me)"
_NOT_DENIED = r"(?:(?!pas\b|jamais\b|rien\b|point\b)\w+ )"
_HURT_PARTICIPLE = (
    r"(?:coupe|brule|blesse|cogne|tordu|foule|ouvert|fracture|casse|ecorche|entaille|pique|coince|ebouillante|"
    r"electrocute|evanoui|ecroule|effondre|etouffe|etrangle|egratigne|ecrase|brule|fait mal|fait une entorse|"
    r"tape|pince|mordu|luxe|demis|deboite|assomme|etale|vautre|viande|gaufre|pris)(?:e|s|es)?"
)

HEALTH: tuple[str, ...] = (
    rf"{_E}reactions? {_E}allergique\w*",
    rf"(?:fait|fais|faire|fasse|eu|avoir|a|avait) (?:une |{_E}une )?(?:petite |grosse |"
    rf"forte |vraie )?{_E}reaction", rf"{_E}allergie (?:alimentaire )?(?:qui|grave|severe|sest)",
    rf"{_E}anaphyla\w*", r"choc anaphylactique", r"epi ?pens?", rf"{_E}adrenaline", rf"{_E}auto ?injecteur\w*",
    r"stylo (?:d|a )?adrenaline", rf"{_E}antihistaminique\w*", rf"{_E}urticaire", r"plaques? rouges?",
    r"(?:des |de )?plaques (?:sur|partout)", r"boutons? (?:\w+ ){0,2}(?:partout|rouges?)",
    r"des boutons qui apparaissent", r"couvert\w* de boutons",
    r"boutons (?:sur|aux|au) (?:les |la |le |ses |son |sa )?(?:bras|jambes|visage|joues|cou|corps|dos|peau|mains|"
    r"ventre)", r"rougeurs?", r"demangeaisons?", r"(?:ca |ça )?(?:le |la |me |lui |les )?(?:gratte|grattent|"
    r"pique|piquent|picote|picotent|brule|brulent|demange|demangent) (?:\w+ ){0,2}(?:la |le |les |l)?(?:gorge|bouche|"
    r"langue|levres|peau|yeux|visage|partout)",
    r"picot\w*", r"fourmi(?:ll)?\w*", r"enfl\w*", r"gonfl\w* (?:des |du |de la |les |le |la |au |aux )?(?:yeux|levres|"
    r"visage|joues|gorge|langue|cou|paupieres|bouche|mains?|pieds?|cheville|genou|bras)", r"gonfle comme",
    r"(?:oedeme|œdeme)\w*", r"boursoufl\w*",
    r"(?:levres?|langue|gorge|bouche|visage|yeux|paupieres|cou|joues|figure) (?:\w+ ){0,3}(?:gonfl\w*|enfl\w*|"
    r"picot\w*|gratt\w*|pique\w*|serre\w*|ferme\w*|engourdi\w*|endormi\w*|bizarre|brule\w*|demange\w*|rouge\w*)",
    r"se gratt\w* (?:\w+ ){0,2}(?:la gorge|le cou|les bras|partout|sans arret)", r"voix (?:\w+ ){0,3}rauque",
    r"(?:na plus|plus|pas|mal|peine|difficulte\w*|difficilement|du mal) (?:\w+ ){0,2}(?:a |de )?respirer",
    r"(?:respire|respirait) (?:mal|difficilement|fort|bizarrement|avec peine)",
    r"(?:narrive|narrivait|ne peut|ne pouvait|"
    r"peut|pouvait) (?:plus|pas) (?:a )?(?:respirer|avaler|parler)", r"souffle court", r"essouffl\w*",
    r"respir\w* (?:\w+ ){0,2}siffl\w*", r"sifflement\w* (?:en respirant|respiratoire)",
    r"crise (?:d|de )?(?:asthme|angoisse|panique|epilepsie)", r"dasthme", rf"{_E}inhalateur", r"ventoline",
    rf"{_E}etouff\w*", r"avale (?:de travers|un truc|quelque chose)",
    rf"{_E}intoxi\w*", r"empoisonn\w*", r"salmonell\w*", r"(?:une|la|de la|cette) gastro\b", r"gastro ?enterite\w*",
    r"vomi\w*", r"rendu (?:tout|son repas)",
    r"diarrhee\w*", r"la courante", r"la chiasse", r"crampes?", r"maux? de (?:ventre|ventres|tete terrible|estomac)",
    r"mal (?:au|aux) ventre", r"nausee\w*", r"fievre",
    r"(?:est|suis|sont|etait|etaient) (?:\w+ )?brule(?:e|s|es)? (?:au|a la|a l|aux|sur|partout)",
    r"eau (?:\w+ ){0,3}(?:brulante|bouillante)",
    r"(?:tombe|tombee|tombes|tombees|ete|etait|est|sont|suis|sentait|senti|sentie) (?:tres |vraiment |hyper )?malades?",
    r"(?:malade|malades) (?:\w+ ){0,2}(?:apres|depuis|toute la nuit|comme un chien|en rentrant)",
    r"passe (?:\w+ ){0,3}(?:aux|dans les|sur les) (?:toilettes|wc|chiottes)",
    r"(?:vide|vidé|vidée|videe)s? toute la nuit",
    rf"{_E}malaise\w*", r"(?:sest |se |me suis |setait )senti\w* mal(?! a laise)", r"se sent (?:\w+ )?mal(?! a laise)",
    rf"{_E}evanoui\w*", rf"{_E}evanouissement\w*", r"(?:sest |se sont |setait |setaient )(?:effondr|ecroul)\w*",
    r"s(?:effondr|ecroul)\w*", r"(?:effondr|ecroul)\w* (?:au sol|par terre|a terre)",
    r"(?:sest |se )?retrouv\w* (?:\w+ )?(?:par terre|au sol|a terre)",
    r"(?:est|semble|etait|parait|paraissait|semblait|tout|toute) (?:\w+ )?confus(?:e|es)?\b", r"desoriente\w*",
    r"ne sai(?:t|s) plus ou (?:il|elle|je) (?:est|suis)",
    r"(?:sens|sent|sentait|sentais) (?:plus|pas) (?:ma|sa|la|mes|ses|les|leur) (?:bouche|langue|levres?|visage|main|"
    r"mains|"
    r"jambe|jambes|bras|pied|pieds|doigts)", r"perdu connaissance",
    r"repris connaissance", r"(?:inconscient|inanime)\w*", r"reagit (?:plus|pas|presque plus|presque pas|mal)",
    r"(?:devenu|devenue|devient|devenait|devenus|devenues) (?:tout |toute |tres )?(?:blanc|blanche|pale|livide|gris|"
    r"grise|bleu|bleue|violet|"
    r"violette|rouge|vert|verte)(?! de colere| de rage| de honte)", r"tout pale", r"toute pale", r"pale et", r"livide",
    r"vertiges?", r"(?:la tete qui tourne|tete qui tourne)", r"etourdi\w*", r"titub\w*", r"chancel\w*",
    r"tremble\w*(?! de colere| de rage)", r"sueurs? froides?", r"palpitations?", r"coeur qui (?:bat|s emballe)",
    r"(?:crise|attaque) cardiaque", r"avc", r"convulsion\w*", r"hypoglycemie", r"coup de chaleur", r"deshydrat\w*",
    r"(?:il|elle) (?:a|avait) (?:eu )?du mal a (?:respirer|avaler)", r"infection\w*", r"infecte\w*", r"conjonctivite",
)

HAZARD: tuple[str, ...] = (
    rf"(?:a |a l|a lhopital|{_E})hopital\w*", rf"{_E}hospitalis\w*", r"(?:aux|les|des|d)urgences",
    r"(?:aux|les|des) urgences", rf"{_E}ambulance\w*", r"samu", r"pompiers?", r"(?<!roue de )secours(?! de la banque)",
    r"secouristes?", r"premiers soins", r"trousse (?:de secours|a pharmacie)", r"medecin\w*", r"infirmier\w*",
    r"(?:appel\w*|appele\w*|compose|faire le) (?:le |au )?NUM(?! (?:fois|minutes|heures|jours|NUM|x|janvier|fevrier|"
    r"mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre)\b)",
    rf"(?<!tres )(?<!profondement )(?<!vraiment ){_E}(?:blesse|blessee|blesses|blessees|blessure|blessures)",
    rf"{_REFLEXIVE} {_NOT_DENIED}?{_HURT_PARTICIPLE}(?<!se coupe)(?<!me coupe)",
    rf"{_E}(?:etait|etaient|a ete|ont ete|est|sont) (?:gravement |legerement )?(?:blesse|ebouillante|"
    r"electrocute|intoxique|mordu|pique|renverse|percute)(?:e|s|es)?",
    r"(?:sest|se|me suis|ma|lui a|leur a|ca lui a|ca ma|ca leur a) fait (?:tres |super |vraiment )?mal",
    r"fait mal (?:au|a la|aux|a l)", r"(?:mal|douleur\w*) (?:a|au|aux|a la|a l) (?:\w+ )?" + _PAIN_BODY,
    r"(?:souffre|souffrait|hurle|hurlait|crie|criait|pleure|pleurait) (?:\w+ )?(?:de douleur|de mal)", r"douleur\w*",
    r"(?:il|elle|ils|elles|client\w*|enfant\w*|bebe) (?:\w+ ){0,3}(?:est|sont|etait) (?:tombe|tombee|tombes|tombees)",
    r"(?:tombe|tombee|tombes|tombees|tomber|tombait|tombant) (?:\w+ ){0,2}(?:dans|de|du|des|par|en arriere|"
    r"en avant|lourdement|a la renverse|a terre|par terre|au sol|a plat|la tete la premiere)(?! (?:en )?panne|"
    r" a leau| pile| bien| malade| amoureux| daccord)",
    r"(?:tombe|tombee|tombes|tombees|tomber|tombait|tombant) sur (?>(?:le|la|les|son|sa|ses) |l)(?!client|cliente|"
    r"enfant|"
    r"bebe|monsieur|dame|serveur|serveuse|repondeur)\w+",
    r"tombee? dessus", r"chute\w*(?! (?:de|des) (?:prix|tarifs|ventes|reservations|neige|"
    r"pluie|eau|temperature|debit)| deau)",
    r"glisse\w*(?! (?:sous|dans) la porte| un mot| une note)(?!(?: \w+){0,3} (?:dans|sous) (?:la|le) (?:boite|porte|"
    r"courrier|enveloppe))", r"glissa",
    r"glissant\w*", r"trebuch\w*", r"(?:rate|manque|loupe) (?:une|la|les) marches?", r"perdu (?:son|l)? ?equilibre",
    r"se cogner", r"cogne (?:\w+ ){0,2}(?:la tete|contre|sur le coin)", r"bosse\w* (?:sur|au|a) ",
    r"(?:une|grosse|belle) bosse", r"bleus? (?:sur|au|a la|partout)", r"hematome\w*", r"ecchymose\w*",
    r"entorse\w*", r"foulure\w*", rf"{_E}(?:fracture|luxation)\w*", r"casse (?:la|le|les|une|un|sa|son|ses) " + BODY,
    r"(?:coupure|coupures|entaille|entailles|plaie|plaies|brulure|brulures|egratignure|egratignures|ecorchure|"
    r"ecorchures|cloque|cloques|ampoule|ampoules) (?:\w+ ){0,2}(?:au|a la|a l|aux|sur|profonde|vilaine)",
    r"(?:coupure|entaille|plaie|brulure|ecorchure|cloque)s?(?! de (?:courant|cigarette|reseau|gaz|electricite)|"
    r" delectricite| deau| internet| wifi| du wifi| du reseau)", r"ebouillant\w*", r"(?:peau|main|bras) (?:\w+ ){0,4}"
    r"(?:cloque\w*|rouge vif|brulee|arrachee)", r"cloquer", r"bouillant\w* (?:sur|dessus|renverse)",
    r"(?:renverse|renverser|renversee|tombe|tombee|verse|fait tomber) (?:\w+ ){0,4}(?:bouillant\w*|brulant\w*|"
    r"chaud\w*) "
    r"(?:sur|dans|dessus)", r"sur (?:les|ses) genoux",
    r"saign(?!ant)\w*", r"(?:du|de|en|le|plein de|taches de|traces? de|couvert de) sang\b",
    r"sang (?:partout|qui|coule|sur)", r"hemorragie", r"points de suture", r"recousu\w*",
    r"(?:dent|dents) (?:\w+ ){0,2}(?:casse\w*|cassee\w*|fendue\w*|ebrech\w*)", r"casse (?:une|la|sa|des) dents?",
    rf"{_E}(?:coince|coincee|coinces|ecrase|ecrasee|pince|pincee)s? (?:\w+ ){{0,2}}(?:les |le |la |ses |son |sa )?"
    r"(?:doigts?|main|mains|pied|pieds|bras|jambe)", r"(?:doigts?|main|pied) (?:\w+ ){0,2}(?:coince|ecrase|pince)\w*",
    rf"{_E}etouff\w*", r"(?:manoeuvre|manœuvre|methode|la) (?:de )?heimlich", r"(?:claques|tapes|coups) dans le dos",
    r"(?:quelque chose|un truc|un os|une arete) "
    r"(?:\w+ ){0,2}coince\w* dans la gorge", rf"{_E}etrangl\w*", r"noy\w*", r"(?:a failli|faillit|manque de) "
    r"(?:se noyer|setouffer|tomber|se faire|etre|brule|percuter|avaler|senvoler|glisser|renverser|se blesser)",
    r"(?:morceau|morceaux|bout|bouts|eclat|eclats|fragment|fragments|debris|echarde|echardes|brisure\w*) (?:de |d )?"
    r"(?:\w+ ){0,2}(?:verre|metal|fer|plastique|os|acier|bois|fil|porcelaine|ceramique|caillou)"
    r"(?!(?: \w+){0,2} (?:dans le (?:carton|colis|paquet)|dedans|dans la boite|dans lemballage))",
    r"(?:verre|verres|eclats de verre) (?:dans|sur) (?:mon|ma|son|sa|leur|le|la|les|du|de la|un|une|mes|ses) "
    r"(?:\w+ )?(?:plat|assiette|salade|soupe|dessert|pain|boisson|verre|bouche|cocktail|burger|sandwich|nourriture|"
    r"repas|pizza|frites|gateau|cafe|the|glace|yaourt|riz|pates|sauce|potage|omelette|entree|gorge)",
    r"(?:verre|verres) (?:casse|brise|eclate)s? (?:\w+ ){0,3}(?:dans|sur|par) (?:le|la|les) (?:sol|sable|piscine|lit|"
    r"aire|terrain|moquette|plage|herbe)",
    r"agrafe\w*", r"fil de fer", r"paille de fer",
    r"(?:vis|boulon|clou|punaise|epingle) (?:\w+ ){0,2}dans (?:mon|ma|son|sa|le|la|les|du|de la) "
    r"(?:plat|assiette|salade|soupe|burger|sandwich|pain|pizza|dessert|gateau|repas|bouche|nourriture|steak|viande|"
    r"frites)", r"quelque chose de (?:dur|tranchant|metallique|coupant|pointu)",
    r"(?:mordu|croque|croqu\w*) (?:\w+ ){0,2}(?:quelque chose|un truc) de dur", r"lame\w* de rasoir", r"lame de cutter",
    r"cutter", r"seringue\w*", r"(?:sest |se )?piqu\w* avec", r"marche (?:sur|dans) (?:un|une|des) "
    r"(?:clou|verre|aiguille|seringue|lame|tesson)", r"tesson\w*", r"(?:un|des) clous? qui depass\w*",
    rf"{_E}(?:electrocut|electris)\w*", r"(?:pris|prend|prenait|recu|recoit|eu|pris une|pris un) (?:\w+ ){0,2}"
    r"(?:decharge|chataigne|coup de jus|courant)",
    r"(?:pris|prend\w*|prendre|recu|eu) (?:le|du) jus(?! de| dorange| dananas| dabricot| detox)",
    r"(?:tombe|tombee|recu|lache|lachee) (?:\w+ ){0,3}sur (?:le|la|les|son|sa|ses) (?:pied|pieds|tete|main|mains|"
    r"bras|jambe)",
    r"(?:ne peut|ne pouvait|narrive|peut|pouvait) (?:plus|pas) (?:\w+ )?(?:marcher|se lever|bouger|poser le pied|"
    r"tenir debout)", r"decharge\w* (?:electrique\w*)?", r"coup de jus",
    r"secousse\w*", r"court circuit", rf"{_E}etincelle\w*", r"fils? (?:\w+ )?(?:electriques? )?(?:denude\w*|a nu|"
    r"apparents?|qui pendent|pendant\w*|sortent)", r"cables? (?:\w+ )?(?:denude\w*|a nu|apparents?|qui pendent|"
    r"abime\w*)",
    r"(?:prise|prises|cable|cables|multiprise|chargeur|seche cheveux|radiateur|grille pain|friteuse|four|micro ondes|"
    r"tableau electrique|moteur|lampe|fer a repasser|ampoule|chauffe eau|ballon|chaudiere|television|frigo|"
    r"ventilateur|appareil|machine|capot|bouilloire) (?:\w+ ){0,3}(?:fondu\w*|brule\w*|noirci\w*|fume|fumait|"
    r"fumee|crepite\w*|grésill\w*|gresill\w*|etincel\w*|claque\w*|chauffe anormalement|prend feu|pris feu)",
    r"(?:eau|fuite) (?:\w+ ){0,4}(?:lampe|prise|prises|interrupteur|tableau|plafonnier|luminaire|spots?|"
    r"cables?|compteur)",
    rf"{_E}incendie\w*", r"(?:depart|debut) de feu",
    r"(?<!coup )(?<!coups )(?:au|le|du|un|en|de) feu(?! (?:vert|rouge|orange|doux|"
    r"moyen|vif|dartifice|de (?:camp|cheminee|bois|joie|lamour|dartifice)|follet)\b)", r"feu (?:de|dans|a) (?:la |l)?"
    r"(?:cuisine|poubelle|friteuse|hotte|chambre|local|parking)", r"(?:pris|prend|prendre|prenait|prennent) feu",
    r"(?<!coup de )(?<!coups de )(?<!tout )(?<!und )flammes?", r"(?:ca|qui|tout) flambe", r"flambait",
    r"(?:quelque chose|ca|qui) brule (?:dans|au|en|quelque part)",
    r"fumee\w*", r"enfume\w*", r"(?:ca |il y a de la |de la |une )fumee",
    r"(?:ca|qui|il|elle|tout|ils|elles) fum(?:e|ait|ent)\b(?! (?:de rage|de colere|une|des|la|le|sur|dehors|au))",
    r"extincteur\w*", r"couverture anti feu",
    rf"{_E}odeur\w* (?:\w+ ){{0,2}}(?:de |d )?(?:brule|cramee?|gaz|fumee|plastique brule|plastique fondu|"
    r"caoutchouc|d?(?:oeufs?|œufs?) pourris?|souffre|soufre|chaud|electrique|roussi|chimique)",
    r"(?:ca |ça )?sent (?:\w+ )?(?:le |du |la )?(?:brule|cram\w*|gaz|fumee|roussi|plastique brule|oeuf pourri|"
    r"œuf pourri)",
    rf"{_E}(?:oeufs?|œufs?) pourris?",
    r"(?:fuite|fuites) de gaz", r"(?:odeur de|sent le|sentait le|ca sent le) gaz",
    r"gaz (?:\w+ ){0,5}(?:fuit|fuite|sent|ouvert|siffle)", r"bu la tasse",
    r"(?:maitre nageur|maitre nageuse|surveillant\w* de baignade|sauveteur\w*|mns) (?:\w+ ){0,4}(?:sortir|sorti|sortie|"
    r"repeche\w*|plonge|tire|ranime\w*|intervenu\w*)",
    r"(?:claquement|craquement|gresillement|etincelle|fumee|odeur)\w* (?:\w+ ){0,3}(?:tableau electrique|prise|"
    r"disjoncteur|compteur|multiprise)", r"plastique (?:chaud|brule|fondu)",
    r"heurt\w* (?:\w+ ){0,2}(?:un|une|le|la|les|l)(?:\w+ )?(?:client|cliente|enfant|passant|passante|personne|monsieur|"
    r"dame|serveur|serveuse|bebe|employe)\w*", r"(?:a|au|sur) la tempe",
    r"(?:coince\w*|bloque\w*|enferme\w*) (?:\w+ ){0,3}(?:dans l|dans un |dans l )ascenseur",
    r"monoxyde", r"asphyxi\w*",
    rf"{_E}alarme\w* (?:\w+ ){{0,2}}(?:incendie|a incendie|de fumee|anti incendie|de feu|gaz)",
    rf"{_E}alarme (?:\w+ ){{0,4}}(?:sonne\w*|sonnait|a sonne|retenti\w*|declench\w*|hurle\w*|se met|bip\w*)",
    rf"(?:sest declenchee?|a sonne|sonne|declenche) (?:\w+ ){{0,2}}{_E}alarme", r"detecteur\w* (?:de fumee|de monoxyde|"
    r"incendie|de gaz)", r"detecteur\w* (?:\w+ ){0,4}(?:sonne\w*|bip\w*)", rf"{_E}evacu\w*",
    r"sorties? de (?:secours|urgence|lurgence)",
    rf"portes? (?:coupe feu|de secours|{_E}urgence|de lurgence|anti panique)",
    r"issues? de secours", r"(?:sortie|issue|passage|escalier) (?:\w+ ){0,6}(?:bloquee?s?|encombree?s?|obstruee?s?|"
    r"condamnee?s?|fermee?s? a (?:cle|clef)|cadenass\w*|verrouill\w*)", r"(?:palettes|cartons|futs|caisses|chariots) "
    r"(?:\w+ ){0,4}(?:empil\w*|entasse\w*|stocke\w*) (?:devant|contre)",
    r"(?:empil\w*|entasse\w*|stocke\w*|bloqu\w*) (?:\w+ ){0,2}devant (?:la |les |une )?(?:porte|sortie|issue)",
    r"rats?", r"souris", r"cafards?", r"blattes?", r"punaises? de lit", r"punaises", r"puces", r"poux",
    r"cancrelats?", r"rongeurs?", r"crottes? de (?:rat|souris)", r"dejections", r"infest\w*", r"nuisibles",
    r"guepes?", r"frelons?", r"abeilles?", r"piqu(?:re|res|ure|ures)", r"morsure\w*", r"pique\w* (?:\w+ )?partout",
    r"(?:petites? )?(?:betes|bestioles|insectes) (?:\w+ ){0,4}(?:draps|lit|matelas|coutures|oreiller)",
    r"(?:chien|chat) (?:\w+ ){0,3}(?:mordu|mord|griffe|attaque)", r"mordu\w*",
    r"moisi\w*", r"moisissure\w*", r"champignons? (?:sur|au|dans) (?:le|la|les) (?:mur|murs|plafond|douche|salle)",
    r"taches? noires? (?:\w+ ){0,4}(?:mur|murs|plafond|humidite)", r"salpetre",
    r"freins? (?:\w+ ){0,3}(?:lache\w*|ne (?:repond|marche|fonction)\w*|defaillant\w*|mou|mous|a fond|hs|grinc\w*|"
    r"voyant)", r"sans freins",
    r"(?:pneu|pneus|roue|roues) (?:\w+ ){0,2}(?:eclate\w*|lisses?|dechire\w*)", r"roue (?:\w+ ){0,2}(?:desserree|"
    r"se detache|sest detachee|est partie|voil\w*)",
    r"(?:bord|arete|coin|angle|rebord)s? (?:\w+ )?(?:coupant|tranchant|"
    r"vif|acere)\w*",
    r"crevaison", r"(?:a failli|failli|manque de|presque) (?:\w+ )?(?:percuter|renverser|avoir un accident|emboutir|"
    r"rentrer dans)", rf"(?<!by )(?<!par ){_E}accident(?! de parcours)", r"renverse\w* par", r"percut\w*",
    r"(?:avale|avaler|mis a la bouche|mis dans la bouche|porte a la bouche|mange|bu|suce|machouill\w*|lechait|leche) "
    r"(?:\w+ ){0,4}(?:pastille\w*|pile\w*|javel|detergent|produit\w* (?:menager|dentretien|chimique)\w*|lessive|"
    r"medicament\w*|capsule\w*|poison|comprime\w*|desinfectant|lave vaisselle|bille\w*|piece\w*|jouet\w*|aimant\w*|"
    r"bouton\w*|bouchon\w*|caillou\w*|clou\w*|vis|ecrou\w*)", r"pile bouton",
    r"tousse\w* (?:beaucoup|fort|pas mal|sans arret|sans arreter|a sen|comme un)",
    r"produits? (?:chimiques?|dangereux|toxiques?)", r"(?:ascenseur) (?:\w+ ){0,3}(?:chute|tombe|descendu dun coup)",
    r"(?:rambarde|garde corps|rampe|balustrade) (?:\w+ ){0,3}(?:cede|cass\w*|branl\w*|descell\w*|arrache\w*|bouge)",
    r"frapp\w* (?:le |la |un |une |les |l)?(?:\w+ )?(?:videur|serveur|serveuse|client|cliente|agent|employe|employee|"
    r"vigile|caissier|caissiere|enfant|personne|homme|femme|barman|portier|receptionniste)", r"bagarre\w*",
    r"agress(?:e|ee|es|ees|ion|ions|eur|eurs|er|ait)\b",
    r"coups? de (?:poing|couteau|tete|pied)", r"tabass\w*", r"braqu(?:e|ee|age|ages|er)\b",
    r"menac\w* avec (?:un|une) (?:couteau|arme|pistolet|bouteille|cutter)", r"harcel\w*", r"droguee?s?\b",
    r"(?:mis|verse|glisse) (?:\w+ ){0,2}dans (?:son|le|leur) verre",
    r"(?:nez|bras|jambe|poignet|cheville|doigt|dent|cote|machoire|clavicule|epaule|genou)s? (?:\w+ )?(?:casse|cassee|"
    r"fracture|fracturee|brise|brisee|luxe|luxee|deboite|deboitee)\w*",
    r"pas de rampe", r"sans rampe", r"danger\w*", r"risque (?:dincendie|de chute|delectrocution|pour la sante)",
)

# Told as a story: brakes that respond badly, little brown creatures in the mattress seam, a
# palm or arm gone red after the oven door or a spilt coffee.
HEALTH += (
    r"petites? betes? (?:\w+ ){0,6}matelas", r"se gratte (?:toute la nuit|partout|sans arret)",
)
HAZARD += (
    r"freins? (?:\w+ )?(?:repond\w* mal|ne repond\w* (?:pas|plus)|lach\w*)", r"failli (?:taper|percuter|heurter)",
    r"(?:paume|main|bras|jambe|peau) (?:\w+ ){0,2}(?:toute |tout )?rouge",
    r"renvers\w* (?:\w+ ){0,2}sur (?:le |la |son |sa |les )?(?:bras|main|mains|jambe|jambes|cuisse|visage|cou|dos)",
    r"renvers\w* (?:un |le |du |son |la )?(?:cafe|the|soupe|chocolat|eau chaude)\w* sur (?:le |la |son |sa )?"
    r"(?:bras|main|jambe|cuisse|petite?|enfant|bebe|cliente?)",
)

# Round 4: a man slumped against the counter who no longer answers.
HEALTH += (
    r"(?:sest|s est|se sont|setait) affaiss\w*", r"ne (?:repond|reagit) (?:plus|pas|presque plus)",
    r"inconscient\w*", r"(?:perdu|perd) connaissance",
)

SOFT: tuple[str, ...] = (
    r"aiguille\w*",
    r"(?:verre|tasse|carafe|bouteille|vitre) (?:\w+ ){0,2}(?:sest brise|sest casse|a eclate|a explose|a casse|brise|"
    r"eclate) (?:\w+ ){0,2}(?:dans la main|dans les mains|sur le client|sur la cliente|au visage)",
    r"(?:a failli|faillit|manque de|presque) (?:\w+ )?(?:tomber|glisser|trebucher)",
    r"(?:tombe|tombee) sur (?:le|la|les) (?:client|cliente|clients|enfant|bebe|tete)",
)

REASSURE: tuple[str, ...] = (
    r"personne (?:na|ne|nest|nont)? ?(?:\w+ ){0,3}(?:blesse|coupe|touche|brule|malade|mal)\w*",
    r"(?:il|elle|ils|elles) na rien",
    r"(?:ils|elles) nont rien", r"rien de grave", r"pas (?:une|la moindre|de) (?:egratignure|blessure|bobo)",
    r"sains? et saufs?", r"saines? et sauves?", r"plus de peur que de mal", r"aucun blesse", r"indemnes?",
)

EXCUSES: tuple[str, ...] = (
    r"wifi", r"machine a coudre", r"couture", r"tricot", r"internet", r"connexion", r"systeme", r"reseau", r"colis",
    r"carton", r"livraison", r"non fumeur\w*",
    r"cigarette\w*",
)

DENIALS = frozenset({"pas", "aucun", "aucune", "sans", "jamais", "personne", "rien", "nul", "nulle", "ni", "non"})
HYPOTHETICALS = frozenset({"pourrait", "pourraient", "aurait", "auraient", "pu", "si", "risque", "risquait",
                           "risquer", "eviter", "evite", "possible", "eventuelle", "eventuel"})
SCOPE = frozenset({
    "a", "ete", "est", "etait", "sont", "y", "il", "elle", "ils", "elles", "on", "eu", "de", "d", "du", "des",
    "la", "le", "les", "l", "un", "une", "heureusement", "fait", "signe", "signes", "se", "s", "sest", "avait",
    "avoir", "provoque", "provoquer", "cause", "causer", "declencher", "declenche", "ca", "cela", "na", "ne",
    "nest", "nont", "nai", "navait", "navons", "navaient", "netait", "ny", "en", "vraiment", "moindre", "trace",
    "symptome", "symptomes", "grave", "serieux", "reelle", "vraie", "dieu", "merci", "constate", "observe",
    "subi", "presente", "apparente", "visible", "yen", "nen", "qui", "plus", "ont", "etre", "aucune", "vu",
    "nous", "lui", "leur", "me", "m", "j", "jai",
})

SUBJECTS= frozenset({ "client", "clients", "cliente", "clientes", "enfant", "enfants", "invite", "invites", "convive",
"convives", "membre", "membres", "passager", "passagers", "employe", "employes"})

WORDS = Words(hazard=HAZARD, health=HEALTH, soft=SOFT, reassure=REASSURE, excuses=EXCUSES, denials=DENIALS,
              hypotheticals=HYPOTHETICALS, scope=SCOPE, subjects=SUBJECTS)
