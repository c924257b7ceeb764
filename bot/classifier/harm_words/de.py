"""German harm vocabulary (Germany, Austria, Switzerland), over folded text: 'Übelkeit' is
'ubelkeit', 'ß' stays. Compounds are written out ("glassplitter", "brandgeruch").

Idioms that only sound like harm stay out: "Feuer und Flamme", "im Stich gelassen", "zum
Kotzen", "angebrannt" (food), "Bienenstich" (cake), "zugestellt" (delivered), "gefahren" (drove).
"""

from __future__ import annotations

from .words import Words

BODY = (
    r"(?:hand|hande|finger|daumen|arm|arme|bein|beine|fuss|fuß|fuße|fusse|knie|knochel|handgelenk|kopf|rucken|"
    r"gesicht|mund|zunge|lippe|lippen|hals|auge|augen|augenbraue|zahn|zahne|haut|hufte|schulter|schultern|kinn|"
    r"nase|stirn|schlafe|wange|wangen|kiefer|nacken|brust|bauch|magen|schienbein|oberschenkel|wade|ellbogen|ellenbogen|"
    r"ferse|zeh|zehe|zehen|nagel|zahnfleisch|gaumen|rippe|rippen|steißbein|steissbein|ohr|ohren|po|hinterkopf)"
)
_NOT_DENIED = r"(?:\w+ )"
_IS = r"(?:ist|war|wurde|wird|sei)"
_DATIVE = (
    r"(?:ihm|ihr|mir|uns|ihnen|einem|einer|jemandem|dem (?:\w+ )?(?:gast|kunden|kind|herrn|mann|jungen|kellner|"
    r"mitarbeiter|fahrer|opa|baby)|der (?:\w+ )?(?:kundin|gastin|frau|dame|mutter|oma|kellnerin|mitarbeiterin|"
    r"teilnehmerin|kleinen|tochter))"
)

_HEALTH: tuple[str, ...] = (
    r"(?<=keine )reaktion\w*", r"(?<=keiner )reaktion\w*", r"(?<=ohne )reaktion\w*",  # only ever denied
    r"allergisch\w* (?:\w+ ){0,2}(?:reaktion\w*|schock|reagiert|anfall)", r"reagiert (?:\w+ )?allergisch",
    r"(?:hat|hatte|bekam|bekommt|bekommen|zeigt|zeigte|kriegt|kriegte|gehabt) (?:eine |einen |ne |starke |heftige )*"
    r"(?:\w+ )?reaktion", r"reaktion (?:auf|nach) (?:das|die|den|dem) (?:\w+ )?(?:essen|gericht|dessert|soße|soße|"
    r"sosse|sauce|nusse|nuss|erdnuss\w*|gebäck|kuchen)", r"anaphyla\w*", r"adrenalin\w*", r"epi ?pen\w*",
    r"notfallset\w*", r"notfallspritze\w*", r"notfallmedikament\w*", r"autoinjektor\w*", r"antihistamin\w*",
    r"(?:cortison|kortison)\w*", r"quaddel\w*", r"nessel\w*", r"ausschlag", r"hautausschlag",
    r"rote\w* (?:\w+ )?(?:flecken|punkte|pusteln|stellen|quaddeln)",
    r"juck\w*(?! (?:mich|ihn|sie|uns|keinen|niemanden|doch) (?:nicht|kein|nix))",
    r"kratzt (?:es |ihm |ihr |mir )*(?:im|in der) "
    r"(?:hals|kehle|rachen)", r"(?:hals|kehle|rachen) (?:\w+ )?kratzt", r"geschwollen\w*", r"angeschwollen\w*",
    r"zugeschwollen\w*", r"schwill\w*", r"schwellen (?:an|zu)", r"schwellung\w*", r"verquollen\w*", r"aufgedunsen\w*",
    r"(?:lippen|lippe|zunge|hals|gesicht|augen|mund|rachen|wangen|lider|augenlider|haut|kehle) (?:\w+ ){0,3}(?:dick|"
    r"dicker|"
    r"geschwollen|schwill\w*|schwellen|kribbel\w*|juck\w*|brenn\w*|taub|pelzig|zu|eng|kratz\w*|prickel\w*)",
    r"kribbel\w*", r"kratzt sich", r"(?:knallrot|hochrot|puterrot)\w*",
    r"greift sich an (?:den|die) (?:hals|kehle|brust)",
    r"atemnot", r"luftnot", r"atembeschwerden", r"(?:keine|kaum|schlecht|schwer|wenig|nicht genug) luft",
    r"(?:kann|konnte|konnen) (?:kaum|nicht|nicht mehr|schlecht|schwer) (?:\w+ )?(?:atmen|schlucken|sprechen)",
    r"atmet (?:\w+ )?(?:schwer|schlecht|kaum|nicht mehr|pfeifend|komisch|rochelnd)", r"keucht", r"japst", r"rochel\w*",
    r"pfeif\w* (?:beim|im) atmen", r"asthmaanfall", r"asthma anfall", r"asthmaspray", r"asthma spray", r"inhalator",
    r"notfallspray", r"heiser\w*", r"rauspert", r"(?:bringt|bekommt|kriegt|brachte) keinen ton (?:mehr )?raus",
    r"lebensmittelvergiftung\w*", r"vergift\w*", r"salmonell\w*", r"noro\w*", r"magen ?darm\w*", r"brechdurchfall",
    r"durchfall\w*", r"dunnpfiff", r"erbroch\w*", r"erbrech\w*", r"sich (?:\w+ ){0,6}ubergeben", r"ubergibt sich",
    r"ubergab sich", r"gespieben", r"speib\w*", r"gekotzt", r"(?<!zum )kotz(?:t|te|en|ten)\b", r"brechreiz",
    r"(?:ubel|speiubel|kotzubel|schlecht) geworden",
    rf"(?:{_DATIVE} {_IS}|{_IS} {_DATIVE}) (?:\w+ ){{0,6}}(?:ubel|speiubel|kotzubel|elend|"
    r"hundeelend|schwindlig|schwindelig|schwarz vor augen)",
    rf"(?:{_DATIVE} {_IS}|{_IS} {_DATIVE}) (?:\w+ ){{0,3}}schlecht(?! gelaunt| behandelt)",
    r"ubelkeit", r"hundeelend", r"(?:ist|sind|wurde|wurden|war|waren) (?:\w+ )?krank(?:geworden)?", r"krank geworden",
    r"erkrankt\w*", r"bauchschmerz\w*", r"magenschmerz\w*", r"bauchweh", r"bauchkrampf\w*", r"magenkrampf\w*",
    r"krampf(?!haft)\w*", r"fieber(?!haft)\w*", r"schuttelfrost",
    r"(?:auf|am|aufs) (?:dem )?klo (?:\w+ ){0,2}(?:verbracht|"
    r"gesessen|gehangen|gewesen)", r"(?:uber|an) der schussel", r"kloschussel",
    r"ohnmacht\w*", r"bewusstlos\w*", r"kollabier\w*", r"zusammengesackt", r"zusammengeklappt",
    r"(?:gast|gastin|kunde|kundin|herr|frau|dame|mann|kind|junge|madchen|opa|oma|mitarbeiter\w*|kassier\w*|kellner\w*|"
    r"er|sie|teilnehmer\w*) (?:\w+ ){0,5}umgekippt", r"umgekippt (?:\w+ )?(?:und )?(?:liegt|lag)",
    r"(?:wurde|wird|ist ganz|war ganz|ist total|war total|lief|lauft|ganz) (?:\w+ )?(?:kreidebleich|blass|bleich|grau|"
    r"weiss|weiß|blau|rot angelaufen|aschfahl)", r"kreidebleich", r"leichenblass", r"aschfahl", r"rot angelaufen",
    r"blass\b", r"schwarz vor augen", r"kreislauf\w*",
    r"reagiert (?:nicht|kaum|nicht mehr|gar nicht)(?! (?:mehr )?auf\b)",
    r"(?:nicht|kaum) (?:mehr |noch )?ansprechbar", r"(?:wieder|kam) zu sich", r"zu sich gekommen", r"geschwankt",
    r"schwankt",
    r"taumel\w*", r"(?:hat )?gezittert", r"zittert", r"schweissausbruch\w*", r"schweißausbruch\w*", r"kalter schweiss",
    r"herzrasen", r"herzinfarkt", r"(?<!seit dem )(?<!seit ihrem )(?<!seit seinem )(?<!nach dem )schlaganfall",
    r"krampfanfall", r"epileptische\w* anfall", r"unterzucker\w*", r"hitzschlag",
    r"sonnenstich", r"dehydriert", r"infektion\w*", r"entzund\w*", r"schwindel\w*", r"schwindlig\w*", r"benommen",
)

_HAZARD: tuple[str, ...] = (
    r"krankenhaus\w*", r"klinik\w*", r"spital\w*", r"notaufnahme", r"notarzt\w*", r"notaerzt\w*",
    r"rettungs(?:wagen|dienst|sanitater|krafte|hubschrauber)\w*",
    r"(?:die|der) rettung (?:\w+ )?(?:gerufen|kommt|ist|war|da|unterwegs|verstandigt|alarmiert)",
    r"rettung (?:gerufen|verstandigt|alarmiert)",
    r"krankenwagen", r"sanitater\w*", r"rtw", r"erste hilfe", r"ersthelfer\w*", r"verbandskasten", r"arzt", r"arztin",
    r"zum arzt", r"(?:rufen|gerufen|angerufen|rufen wir|wahlen|gewahlt|alarmiert|verstandigt) NUM",
    r"NUM (?:angerufen|gerufen|verstandigt|gewahlt|alarmiert)",
    r"verletz\w*", r"\w+verletzung\w*", r"schmerz\w*", r"(?:bauch|magen|brust|hals|unterleib)schmerz\w*",
    r"\w+blutung\w*", r"verwundet", r"(?:platz|schnitt|schurf|biss|brand|kopf|stich|risswunde)wunde\w*", r"wunden?\b",
    r"blut(?!ig|orange|wurst|druck|zucker|bild|probe|spende|egel|ooth)\w*", r"nasenblut\w*",
    r"gesturzt", r"sturz\w*", r"sturzte\w*", r"hingefallen", r"runtergefallen", r"heruntergefallen",
    r"hinuntergefallen",
    r"hingeflogen", r"hingeknallt",
    r"ausgerutscht", r"ausrutsch\w*", r"gestolpert", r"stolper\w*", r"umgeknickt", r"verstaucht\w*",
    r"(?:sieht|sah) (?:\w+ ){0,2}verdreht", r"gebrochen\w* " + BODY, rf"{BODY} (?:\w+ ){{0,3}}(?:gebrochen|ausgerenkt|"
    r"verrenkt|angeschlagen|aufgeschlagen|aufgeplatzt|geprellt|gequetscht|verbrannt|verbruht|geschnitten|"
    r"aufgeschnitten|"
    r"eingeklemmt|verletzt|blutet|blutig|geschwollen|verstaucht|aufgerissen|aufgeschlitzt|zerkratzt)",
    r"(?:knochen|arm|bein|hand|fuss|finger|nasen|rippen|schlusselbein|handgelenks?)bruch\w*",
    r"sich (?:\w+ ){0,4}(?:angeschlagen|angestossen|angestoßen|gestossen|gestoßen|geschnitten|aufgeschnitten|"
    r"verbrannt|verbruht|verletzt|wehgetan|weh getan|eingeklemmt|gequetscht|geprellt|verstaucht|verrenkt|"
    r"aufgeschurft|aufgerissen|aufgeschlitzt|"
    r"geritzt|gestochen|verschluckt)",
    r"(?:an|gegen) (?:\w+ ){0,4}(?:geknallt|geprallt|gestossen|gestoßen|gekracht)", r"gegen (?:\w+ ){0,4}gelaufen",
    r"beule\w*", r"prellung\w*", r"bluterguss\w*", r"blaue\w* fleck\w*", r"schramme\w*", r"aufgeschurft\w*",
    r"schurfung\w*", r"aufgeritzt", r"aufgeplatzt", r"schnittverletzung\w*", r"tiefer schnitt",
    r"schnitt (?:ist|war) tief",
    r"verbrennung\w*", r"brandblase\w*", r"verbruh\w*", r"blasen (?:\w+ )?(?:an|auf|am) (?:der|dem|den) ",
    r"wirft blasen",
    r"haut (?:\w+ ){0,3}(?:blasen|rot|lost sich|weg)", r"kochend\w* (?:heiss\w* )?(?:wasser|kaffee|tee|suppe|ol|fett)",
    r"(?:wasser|kaffee|tee|suppe|ol|fett|soße|sosse) (?:\w+ ){0,2}(?:kochend|siedend|brühend|bruhend) ",
    r"fettspritzer", r"heisse\w* (?:\w+ ){0,3}(?:uber|auf) (?:\w+ ){0,3}(?:geschuttet|gekippt|verschuttet|gegossen|"
    r"gefallen|gekleckert)", r"(?:verschuttet|gekippt|geschuttet) (?:\w+ ){0,3}heiss\w*",
    r"eingeklemmt", r"eingezwickt", r"gequetscht", r"zerquetscht", r"quetschung\w*",
    r"verschluckt (?:und|hustet|sich)", r"erstick\w*",
    r"(?:steckt|stecken geblieben|steckengeblieben|feststeckt|hangt) (?:\w+ ){0,3}"
    r"(?:im hals|in der kehle|im rachen)", r"im hals stecken", r"heimlich ?(?:griff|handgriff|manover)",
    r"auf den rucken (?:\w+ )?(?:geschlagen|"
    r"geklopft)", r"ertrunken", r"ertrink\w*", r"ertrank", r"(?:fast|beinahe) (?:\w+ ){0,2}ertrunken",
    r"glasscherbe\w*", r"glassplitter\w*", r"glasstuck\w*", r"splitter\w*", r"holzsplitter\w*",
    r"metallsplitter\w*", r"(?:stuck|stuckchen|teil|teilchen|stucke|brocken) (?:\w+ ){0,2}(?:glas|metall|eisen|draht|"
    r"plastik|hartplastik|knochen|holz|stein|porzellan)\b", r"metallteil\w*", r"metallstuck\w*", r"metallspan\w*",
    r"drahtburste\w*", r"heftklammer\w*", r"tackernadel\w*", r"hartplastik", r"rasierklinge\w*", r"klinge\b",
    r"cuttermesser", r"(?:auf|in) (?:was|etwas) hartes gebissen", r"draufgebissen",
    r"zahn (?:\w+ ){0,2}(?:abgebrochen|ausgebrochen|angebrochen|kaputt)", r"abgebrochene\w* zahn\w*",
    r"spritze(?:n)?\b(?! (?:sahne|creme|sosse))", r"benutzte\w* spritze\w*", r"kanule\w*",
    r"(?<!ins auge )gestochen(?! scharf)", r"gepikst",
    r"stromschlag\w*", r"elektrischen schlag",
    r"(?:einen|ein|nen) (?:\w+ )?schlag (?:\w+ )?(?:bekommen|gekriegt|abbekommen|"
    r"bekam|gegeben|kriegt|bekommt)", r"schlag (?:\w+ ){0,5}(?:gegeben|bekommen|abbekommen)",
    r"(?:eine|ein|einen) gewischt",
    r"gewischt bekommen",
    r"(?:kabel|leitung|leitungen|drahte|stromkabel)\w* (?:\w+ ){0,3}(?:blank|frei|offen|lose|heraus|"
    r"raus|hangen|hangt|freiliegend)", r"blanke\w* (?:\w+ )?(?:kabel|leitung\w*|drahte|strom\w*)",
    r"(?:funken|funkt|gefunkt|funkenflug)", r"kurzschluss", r"verschmort\w*",
    r"(?:steckdose|stecker|kabel|verteiler|mehrfachstecker|ladegerat|fohn|heizlufter|heizung|toaster|fritteuse|herd|"
    r"ofen|"
    r"mikrowelle|motor|lampe|bugeleisen|boiler|therme|fernseher|kuhlschrank|ventilator|gerat|maschine|wasserkocher) "
    r"(?:\w+ ){0,3}(?:geschmolzen|verschmort|schwarz|verkohlt|raucht|qualmt|funkt|gefunkt|brennt|glüht|gluht|knistert|"
    r"knallt|zischt)",
    r"wasser (?:\w+ ){0,4}(?:lampe|steckdose|sicherung|licht|leuchte|schalter|kabel|deckenlampe|sicherungskasten)",
    r"feuer(?! und flamme| frei)", r"feuerwehr\w*", r"feueralarm\w*", r"feuermelder\w*", r"feuerloscher\w*",
    r"loschdecke", r"feuerschutz\w*", r"feuertur\w*", r"(?:in|ein|einen|der|den|im) brand\b", r"brand (?:in|im|ist|war|"
    r"ausgebrochen)", r"in brand", r"brandgeruch", r"brandmelder\w*", r"brandalarm\w*", r"brandmeldeanlage",
    r"brandschutztur\w*", r"(?<!und )flamme\w*", r"stichflamme", r"es brennt", r"brennt (?:es|lichterloh|hier)",
    r"(?:ol|fett|pfanne|kuche|mulleimer|mull|kabel|steckdose|auto|motor|herd|fritteuse|abzug|haube|dunstabzug|vorhang|"
    r"handtuch|lappen|tuch|papier|kerze|deko) (?:\w+ ){0,2}(?:brennt|brannte|gebrannt|in flammen)", r"abgebrannt",
    r"kokel\w*", r"angekokelt", r"verkokelt", r"verkohlt",
    r"rauchentwicklung", r"rauchmelder\w*", r"rauchwolke\w*", r"rauchgeruch", r"qualm\w*", r"gequalmt",
    r"(?:hat|es hat) (?:\w+ )?gebrannt", r"verraucht\w*",
    r"raucht (?:\w+ ){0,2}(?:aus|raus|stark)", r"(?:kommt|kam|dringt|quillt) (?:\w+ ){0,3}rauch",
    r"riecht (?:\w+ ){0,3}(?:nach rauch|verbrannt|verschmort|angekokelt|nach gas|nach faulen eiern|nach schwefel|"
    r"nach plastik|nach gummi|nach chemie|brenzlig|nach strom|kokelig)", r"(?:gas|brand|rauch|schmor)geruch",
    r"brenzlig", r"gasgeruch", r"nach gas", r"gasleck\w*", r"gasaustritt", r"gas (?:\w+ ){0,2}(?:ausgetreten|stromt|"
    r"riecht|offen)", r"faulen eiern", r"kohlenmonoxid\w*", r"co melder",
    r"alarm (?:\w+ ){0,4}(?:geht los|ging los|losgegangen|ausgelost|schrillt|heult|piept|losging|ging)",
    r"(?:melder|rauchmelder|brandmelder) (?:\w+ ){0,3}(?:piept|geht los|losgegangen|ausgelost|schlagt an)",
    r"evakuier\w*", r"sirene\w*",
    r"notausg\w*", r"fluchtweg\w*", r"fluchttur\w*", r"notausgangstur\w*", r"brandschutztur\w*", r"nottur\w*",
    r"notfalltur\w*",
    r"(?:ausgang|gang|treppe|treppenhaus|durchgang|tur)\w* (?:\w+ ){0,6}(?:zugestellt|verstellt|blockiert|"
    r"versperrt|abgesperrt|zugekettet|mit (?:einer )?kette)", r"davor (?:\w+ ){0,5}(?:gestapelt|gestellt|abgestellt|"
    r"geparkt)", r"(?:gestapelt|abgestellt) (?:\w+ ){0,2}vor (?:dem|der) (?:ausgang|tur|notausgang)",
    r"bettwanze\w*", r"wanzen", r"schabe\w*", r"kakerlake\w*", r"ratten?\b", r"maus\b", r"mause\b", r"mausekot",
    r"ungeziefer", r"viecher\w*", r"tierchen", r"flohe\b", r"flohbiss\w*", r"lause\b", r"wespe\w*", r"hornisse\w*",
    r"insekt\w*", r"kafer\b", r"maden", r"schadling\w*", r"kammerjager\w*", r"befall\w*", r"zerstochen",
    r"stiche\b", r"(?<!im )stich\b", r"bisse\b", r"bisswunde\w*", r"hundebiss\w*", r"(?:hund|katze) (?:\w+ ){0,6}"
    r"(?:gebissen|gebissen hat|zugebissen|angefallen|gekratzt)", r"gebissen worden",
    r"schimmel\w*", r"schimmlig\w*", r"stockfleck\w*", r"(?:schwarze|grunliche|grune|schwarzer|grunlicher)\w* "
    r"(?:\w+ )?flecken (?:\w+ ){0,4}(?:wand|decke|bad|fugen|fenster)", r"wand voller (?:\w+ )?(?:schwarzer|grunlicher)",
    r"bremse\w* (?:\w+ ){0,3}(?:versagt|nachgelassen|kaputt|defekt|nicht|weich|durchgetreten|ausgefallen|quietsch\w*)",
    r"(?:reifen|rad) (?:\w+ ){0,3}(?:geplatzt|platt|abgefahren|locker|abgefallen)", r"reifenplatzer",
    r"(?:fast|beinahe) (?:\w+ ){0,4}(?:aufgefahren|gecrasht|zusammengestossen|zusammengestoßen|unfall|angefahren|"
    r"uberfahren|gestolpert|gesturzt|hingefallen|gefallen|verschluckt|erstickt|getroffen)", r"unfall\w*", r"angefahren",
    r"uberfahren", r"auffahrunfall",
    r"(?:verschluckt|geschluckt|im mund|in den mund|getrunken|gegessen|gelutscht|gekaut|in der hand) (?:\w+ ){0,4}"
    r"(?:tabs|tablette\w*|batterie\w*|knopfzelle\w*|reiniger|spulmittel\w*|putzmittel\w*|chemikalie\w*|gift|"
    r"medikament\w*|kapsel\w*|bleiche|chlor)",
    r"(?:tabs|tablette\w*|batterie\w*|reiniger|spulmittel\w*|putzmittel\w*|chemikalie\w*|gift|medikament\w*|kapsel\w*) "
    r"(?:\w+ ){0,4}(?:verschluckt|geschluckt|im mund|in den mund|getrunken|gegessen|gelutscht|gekaut)",
    r"knopfzelle\w*", r"knopfbatterie\w*", r"putzmittel\w* (?:\w+ ){0,3}(?:gespruht|verspruht|spruhen)",
    r"(?:gelander|handlauf|brustung|handlaufs)\w* (?:\w+ ){0,3}(?:locker|wackel\w*|kaputt|abgebrochen|nachgegeben|"
    r"lose)",
    r"(?:kein|ohne) gelander", r"(?:lift|aufzug) (?:\w+ ){0,3}(?:abgesackt|gesturzt|durchgesackt|abgesturzt)",
    r"(?:rad|vorderrad|hinterrad|reifen|radmutter\w*|radschraube\w*) (?:\w+ ){0,3}(?:gelockert|locker|abgefallen|lose|"
    r"gelost)", r"(?:balkon|treppen|terrassen)?gelander\w* (?:\w+ ){0,3}(?:locker|wackel\w*|gibt nach|nachgegeben)",
    r"scharfe\w* (?:\w+ )?(?:kante|ecke|spitze|grat)", r"(?:zur seite|nach vorne|nach hinten|vom stuhl|vom hocker) "
    r"(?:\w+ )?gekippt", r"weggekippt", r"weggetreten", r"gespuckt", r"spuckt (?:seit|die ganze)",
    r"(?:lift|aufzug|fahrstuhl)\w* (?:\w+ ){0,6}(?:steckengeblieben|stecken geblieben|eingeschlossen|festgesessen|"
    r"festgesteckt|feststeckt|festsitzt|eingesperrt)",
    r"(?:liegt|lag|sass|sitzt|landete|saß) (?:\w+ )?(?:am|auf dem) boden",
    r"(?:umgekippt|gefallen|gesturzt|gekracht|geknallt|gerutscht) (?:\w+ ){0,3}auf (?:den|die|das|dem|der|ihren|"
    r"seinen) "
    + BODY, r"(?:auf|an|gegen) (?:den|die|das) " + BODY + r" (?:\w+ )?(?:bekommen|gekriegt|abbekommen)",
    r"schlagerei\w*", r"prugelei\w*", r"angegriffen", r"attackiert", r"uberfallen", r"bedroht", r"belastigt",
    r"begrapscht", r"verprugelt", r"faustschlag\w*", r"ohrfeige\w*", r"k ?o ?tropfen", r"messer gezogen",
    r"mit (?:einem|dem|nem) messer", r"ins (?:glas|getrank) gemischt",
    r"(?:den|die|einen|eine|ihn|sie|mich|uns|das) (?:\w+ )?(?:tursteher\w*|kellner\w*|gast|gastin|kunden|kundin|"
    r"mitarbeiter\w*|security|mann|frau|kind|barkeeper\w*|portier) (?:\w+ ){0,2}(?:geschlagen|geschubst|gestossen|"
    r"getreten|gewurgt)",
    r"(?:in|unter) (?:die|den|das) (?:\w+ )?\w*(?:maschine|mixer|rolltreppe|walze|wolf|presse) (?:geraten|gekommen|"
    r"gezogen|eingezogen)",
    r"gefahr\b", r"gefahrlich\w*", r"lebensgefahr\w*", r"verletzungsgefahr", r"brandgefahr", r"stolpergefahr",
    r"rutschgefahr", r"spiegelglatt", r"glatteis", r"rutschig\w*",
    r"(?:getroffen|erwischt) (?:\w+ ){0,2}(?:am|an der|im) " + BODY,
    rf"(?:auf|an) (?:den|die|das|dem|der) {BODY} (?:\w+ )?(?:gekracht|geknallt|gesturzt)",
    r"(?:kann|konnte) (?:\w+ )?(?:nicht|kaum) (?:mehr )?(?:auftreten|aufstehen|gehen|laufen|stehen)",
    r"(?:halt|hielt|hält) sich (?:\w+ )?(?:das|den|die) " + BODY,
)

# Told as a story, without the usual word: breath, burns cooled under water, cuts, smoke
# "brennt was", vomiting told as "gebrochen" after a night, wire bristles in food.
_HEALTH += (
    r"nach luft (?:ge)?schnapp\w*", r"(?:ringt|rang|ringen) nach luft", r"bekommt? keine luft",
    r"(?:ganze|halbe) nacht (?:\w+ )?(?:gebrochen|erbrochen|gekotzt|gespieben)",
)
_HAZARD += (
    r"drahtborste\w*", r"(?:metall|draht)(?:stuck|teil|splitter|span)\w*",
    r"(?:hand|finger|arm|fuss|fuß) (?:\w+ ){0,3}unter (?:kaltes|kaltem|das kalte) wasser",
    r"sich (?:\w+ ){0,6}geschnitten", r"(?:da|dort|es) brennt (?:was|etwas)",
)

# Round 4, told as a story: a socket smelling of melted plastic, a warm wall around it.
_HAZARD += (
    r"(?:geschmolzen\w*|geschmort\w*|verschmort\w*) (?:plastik|kunststoff|kabel)\w*", r"schmorgeruch\w*",
    r"(?:steckdose|stecker|kabel|wand) (?:\w+ ){0,6}(?:warm|heiss|schwarz|funk\w*|qualm\w*)",
)

SOFT: tuple[str, ...] = (
    r"(?<!in )scherbe\w*", r"\w+scherbe\w*", r"nadel\w*",
    r"zusammengebrochen", r"rauch\b", r"(?:ist|sind|bin|war|waren) (?:\w+ ){0,5}(?:gefallen|umgefallen)(?! ist)",
    rf"(?:auf|an) (?:den|die|das|dem|der) {BODY} (?:\w+ )?gefallen",
    r"(?:glas|tasse|krug|flasche|scheibe) (?:\w+ ){0,3}(?:zersprungen|zerbrochen|geplatzt|explodiert|zerborsten) ",
    r"(?:fast|beinahe) (?:\w+ ){0,2}(?:gefallen|ausgerutscht|gestolpert|hingefallen)",
    r"(?:auf|uber) (?:den|die) (?:gast|gastin|kunden|kundin|kind|herrn|dame) gefallen",
)

REASSURE: tuple[str, ...] = (
    r"(?:niemand|keiner|keine person) (?:\w+ ){0,3}(?:verletzt|geschnitten|passiert|verbrannt|verbruht|getroffen|"
    r"krank)",
    r"(?:ihm|ihr|niemandem|keinem|uns|ihnen|dem gast|der kundin) ist (?:zum gluck |gott sei dank )?(?:nichts|"
    r"nix) passiert",
    r"nichts passiert", r"unverletzt", r"unversehrt", r"mit dem schrecken davon\w*",
    r"verletzt (?:hat|wurde|ist) (?:er|sie|es|man|keiner|niemand)? ?(?:sich )?(?:aber |zum gluck )?(?:nicht|niemand|"
    r"keiner)",
)

# A denial never hides inside a filler word: "ist nicht krank" is not "ist … krank".
_FILLER = r"(?:(?!nicht\b|kein\w*\b|nie\b|niemand\w*\b|nichts\b)\w+ )"
HEALTH = tuple(p.replace(r"(?:\w+ )", _FILLER) for p in _HEALTH)
HAZARD = tuple(p.replace(r"(?:\w+ )", _FILLER) for p in _HAZARD)

EXCUSES: tuple[str, ...] = (
    r"wlan", r"nahmaschine\w*", r"naht", r"faden", r"internet", r"verbindung", r"system", r"netz", r"paket",
    r"karton", r"lieferung", r"nichtraucher\w*",
    r"(?:kaltem|kalter|kalten|abgestandenem) (?:zigaretten)?rauch", r"zigarette\w*",
)

DENIALS = frozenset({"nicht", "kein", "keine", "keinen", "keiner", "keines", "keinem", "niemand", "niemanden",
                     "niemandem", "nie", "niemals", "ohne", "weder", "nichts", "nix"})
HYPOTHETICALS = frozenset({"haette", "haetten", "waere", "waeren", "koennte", "koennten", "wuerde", "falls", "wenn",
                           "risiko", "vermeiden", "verhindern", "verhindert", "mogliche", "moglicherweise",
                           "eventuell", "sonst"})
SCOPE = frozenset({
    "wurde", "wurden", "ist", "sind", "war", "waren", "hat", "haben", "hatte", "hatten", "sich", "es", "gab", "gibt",
    "gegeben", "eine", "einen", "ein", "einer", "eines", "einem", "der", "die", "das", "den", "dem", "des", "zum",
    "gluck", "glueck", "gott", "sei", "dank", "zu", "kam", "gekommen", "ernsthaft", "ernsthafte", "ernsthaften",
    "schwer", "schwere", "anzeichen", "spur", "auch", "dabei", "bisher", "wirklich", "echte", "echten", "allergische",
    "allergischen", "allergischer", "er", "sie", "wir", "man", "mehr", "weitere", "weiteren", "erkennbare",
    "sichtbare", "ihm", "ihr", "was", "irgendeine", "irgendwelche", "jedenfalls", "zum gluck", "bislang", "ne",
})

SUBJECTS= frozenset({ "gast", "gaste", "kunde", "kunden", "kundin", "kind", "kinder", "mitarbeiter", "teilnehmer",
"mensch", "person", "personen"})

WORDS = Words(hazard=HAZARD, health=HEALTH, soft=SOFT, reassure=REASSURE, excuses=EXCUSES, denials=DENIALS,
              hypotheticals=HYPOTHETICALS, scope=SCOPE, subjects=SUBJECTS)
