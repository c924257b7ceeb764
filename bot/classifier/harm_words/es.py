"""Spanish harm vocabulary (Spain and Latin America), over accent-folded text: 'quemó' is 'quemo'.

Idioms that only sound like harm stay out: "me muero de hambre", "a fuego lento", "agua con
gas", "se cayó el sistema", "sangría", "devolvió el plato".
"""

from __future__ import annotations

from .words import Words

BODY = (
    r"(?:mano|manos|dedo|dedos|pulgar|brazo|brazos|pierna|piernas|pie|pies|rodilla|rodillas|tobillo|tobillos|"
    r"muneca|munecas|cabeza|espalda|cara|boca|lengua|labio|labios|garganta|ojo|ojos|ceja|diente|dientes|piel|"
    r"cadera|hombro|hombros|barbilla|menton|nariz|frente|mejilla|mejillas|mandibula|cuello|pecho|estomago|"
    r"barriga|tripa|vientre|espinilla|muslo|codo|palma|talon|empeine|encia|encias|cuero cabelludo|costilla|"
    r"costillas|coxis|culo|trasero|oreja|orejas|gemelo|nudillos?|paladar|pomulo|sien|cuerpo)"
)
PERSON = (
    r"(?:el|la|un|una|al|mi|su|nuestro|nuestra) (?:\w+ )?(?:cliente|clienta|huesped|senor|senora|sr|sra|nino|nina|"
    r"crio|cria|bebe|chaval|chavala|chico|chica|hijo|hija|peque|nene|nena|camarero|camarera|cocinero|cocinera|"
    r"repartidor|socio|socia|pasajero|pasajera|hombre|mujer|abuelo|abuela|viejito|viejita|companero|companera|"
    r"empleado|empleada|chofer|conductor|alumno|alumna|invitado|invitada|comensal|paciente|persona|senorita)"
)
_SELF = r"(?:se|me|te|nos|le|les)"
_INJURY = (
    r"(?:cort\w*|quem\w*|golpe\w*|dan\w*|lastim\w*|lesion\w*|torci\w*|dobl\w*|rompi\w*|roto|rota|fractur\w*|"
    r"abri\w*|raj\w*|rasp\w*|aranad\w*|aran\w*|escald\w*|pinch\w*|pill\w*|machac\w*|aplast\w*|atrap\w*|"
    r"disloc\w*|esguinc\w*|herid\w*|partido|partio|ampoll\w*|mord\w*|pic\w*)"
)

HEALTH: tuple[str, ...] = (
    r"(?<=sin )reaccion\w*", r"(?<=ninguna )reaccion\w*",  # only ever denied
    r"reaccion(?:es)? alergica\w*", r"reaccion alergica", r"(?:le|les|me|te|nos) (?:ha )?(?:dio|dado|da|dara|hizo) "
    r"(?:una )?(?:reaccion|alergia)", r"(?:tuvo|tiene|tenia|hace|hizo|ha tenido|esta teniendo|sufre|sufrio) "
    r"(?:una )?(?:\w+ )?reaccion", r"reacciono", r"reacciona (?:mal|fatal)",
    r"anafila\w*", r"choque anafilactico", r"shock anafilactico", r"epi ?pen\w*", r"adrenalina", r"autoinyector\w*",
    r"inyector\w*", r"antihistaminico\w*", r"urticaria", r"ronchas?", r"habones?", r"sarpullido\w*", r"erupcion\w*",
    r"granos? rojos?", r"manchas? rojas?", r"placas? rojas?", r"ampollas?", r"picor\w*", r"picazon\w*", r"comezon",
    r"(?:le|me|te|les|nos) (?:pica|pican|picaba|picaban|arde|ardia|hormiguea\w*|cosquillea\w*|quema|quemaba)",
    r"hormigue\w*", r"cosquilleo", r"hinchazon", r"(?:se|le|me|les|te) (?:\w+ )?hinch\w*",
    r"hinchad[oa]s? (?:la|el|los|las) (?:cara|labios|ojos|lengua|garganta|boca|cuello|parpados)", r"inflamad\w*",
    r"(?:labios?|lengua|garganta|boca|cara|ojos|parpados|cuello|pecho|piel|boquita|carita|ojitos|labiecitos|lengüita|"
    r"manita|manitas) (?:\w+ ){0,3}(?:gord\w*|dormid\w*|"
    r"adormecid\w*|hinchad\w*|rar\w*|cerr\w*|apret\w*|irritad\w*|pica\w*|arde|entumecid\w*|roj\w*)",
    r"(?:se le|se me|se les) (?:\w+ )?(?:cierra|cerro|cerrando|hincha\w*|inflam\w*)",
    r"no (?:puede|podia|pudo|podian|consigue|conseguia|consiguio|podemos|puedo) (?:\w+ )?(?:respirar|tragar|hablar)",
    r"(?:cuesta|costaba|costando|dificultad|dificultades|problemas) (?:\w+ ){0,2}respirar", r"falta (?:de|el) aire",
    r"le falta el aire", r"ahog\w*", r"asfixi\w*", r"respira (?:con|mal|raro|fatal)", r"pitidos? al respirar",
    r"sibilancias?", r"silbidos?", r"ataque de asma", r"crisis (?:de )?asma\w*", r"inhalador", r"ventolin",
    r"ronc[oa] (?:de repente|desde)", r"voz (?:\w+ ){0,2}ronca",
    r"intoxica\w*", r"envenena\w*", r"salmonel\w*", r"gastroenteritis", r"vomit\w*", r"vomitos?",
    r"diarrea\w*", r"cagalera", r"descompost\w*", r"descompuest\w*", r"retortijones", r"colicos?", r"nauseas?",
    r"dolor(?:es)? de (?:tripa|barriga|estomago|vientre|pecho|cabeza fuerte)", r"fiebre", r"calentura", r"escalofrios",
    r"(?:se ha puesto|se puso|se pusieron|se han puesto|se pone|se ponen|ponerse|puesto) (?:muy )?mal[oa]?s?",
    r"(?:se ha sentido|se sintio|se siente|se sienten|se encuentra|se encontraba) (?:muy )?mal",
    r"enferm[oa]s?(?! de los nervios)", r"enfermaron", r"enfermado", r"enfermedad",
    r"(?:no ha salido|no sale|no salio|sin salir|no para de ir|no paran de ir) (?:\w+ )?(?:del|delivery|al) (?:bano|"
    r"wc|servicio|aseo|vater)",
    r"(?:pegad|abrazad)[oa]s? (?:al|a la) (?:vater|taza|inodoro|wc)",
    r"mare(?:o|os|ad[oa]s?|arse|aron|ando)", r"patatus", r"soponcio", r"jamacuco", r"lipotimia", r"vahido",
    r"(?:esta|estaba|quedo|sigue|quedó) (?:tirad[oa] |tendid[oa] )?en el suelo",
    r"(?:rascandose|se rasca\w*|rascarse)", r"se (?:\w+ )?mare[oa]", r"desmay\w*", r"desvanec\w*",
    r"perdio el conocimiento", r"perdio la consciencia", r"inconsciente\w*",
    r"sin (?:conocimiento|sentido)", r"(?:segundos|minutos|rato) sin (?:responder|reaccionar|moverse)",
    r"no (?:reacciona|responde)(?! a (?:las|los|mis|sus|nuestr\w*|correos|emails|mensajes|llamadas))",
    r"se (?:puso|ha puesto|quedo|queda|pone) (?:muy |toda |todo )?(?:blanc[oa]|palid[oa]|morad[oa]|gris|azul|"
    r"amarill[oa]|rig[io]d[oa])", r"palid\w*", r"se le fueron las piernas", r"se le doblaron las (?:piernas|rodillas)",
    r"se (?:desplom\w*|derrumb\w*)", r"(?:cayo|cae|se cayo) redond[oa]",
    r"(?:ataque|crisis) de (?:ansiedad|panico|epilepsia)", r"convulsi\w*", r"infarto", r"ictus",
    r"hipoglucemia", r"bajada de azucar", r"golpe de calor", r"insolacion", r"deshidrata\w*",
    r"infeccion", r"infectad\w*", r"conjuntivitis", r"otitis",
)

HAZARD: tuple[str, ...] = (
    r"(?:al|en el|el|un|del|delivery|otro|llevad[oa]s? al) hospital", r"hospitaliz\w*", r"urgencias",
    r"ambulancia\w*", r"paramedicos?", r"sanitarios", r"samur", r"centro de salud",
    r"primeros auxilios", r"botiquin",
    r"(?<!certificado )(?<!atestado )(?<!seguro )(?<!informe )(?<!parte )(?<!receta )medico", r"doctor(?:a)?",
    r"enfermer[oa]", r"emergencias",
    r"(?:llam\w*|marc\w*) (?:al |a )?NUM(?! (?:veces|vez|minutos|horas|dias|NUM|x|de)\b)",
    r"herid[oa]s?", r"herida\w*", r"lesion\w*", r"lesionad\w*", r"lastimad\w*", r"se (?:ha )?lastim\w*",
    r"(?:se|me|te|nos) (?:ha |han |he |hizo |hace |hicieron |hecho )*(?:mucho )?dano", r"hacerse dano",
    r"(?:le|les|me) (?:duele|dolia|duelen)(?! que| mucho que)", r"con (?:mucho )?dolor", r"dolorid\w*",
    r"(?:se fue|se va|se fueron|fue a parar|acabo|termino|cayo|se desplomo|tirad[oa]) (?:\w+ )?(?:al|en el|"
    r"por el) suelo",
    r"(?:le|les) (?:cayo|cae|ha caido|cayeron) (?:\w+ ){0,3}(?:en|sobre) (?:el|la|los|las|su|sus) " + BODY,
    r"no (?:podia|puede|pudo|podemos|consigue|conseguia) (?:\w+ )?(?:apoyar|andar|caminar|levantarse|moverse|"
    r"ponerse de pie|mover (?:el|la))", r"no se (?:puede|podia|pudo) (?:levantar|mover)",
    r"(?:le|les) (?:ha )?(?:cayo|caido|cayeron) (?:\w+ ){0,2}encima", r"cay\w* encima de (?:el|ella|un|una|la|los)",
    r"caida\w*(?! (?:del|delivery) (?:sistema|servidor|wifi|internet|red|precio))",
    r"(?:casi|por poco) se (?:cae|cayo|mata|la pega)",
    r"tropez\w*", r"tropiez\w*", r"resbal\w*", r"se (?:la )?(?:pega|pego|pegaron|ha pegado) (?:\w+ )?(?:un )?"
    r"(?:golpe|leche|hostia|ostia|piña|trompazo|porrazo|tortazo|castanazo)?", r"se la pega",
    r"(?:se ha dado|se dio|se dieron|se pego|se ha pegado|recibio|darse|se golpeo|se ha golpeado) (?:\w+ ){0,2}"
    r"(?:golpe\w*|porrazo|trompazo|leche|castanazo|contra|con la cabeza|en la cabeza)",
    r"golpe en (?:el|la|los|las) \w+", r"golpead[oa]s? en", r"se golpe\w*", r"chichon\w*", r"moraton\w*",
    r"hematoma\w*",
    r"brecha en", r"contusion\w*", r"esguince\w*", r"fractur\w*", r"torcedura", r"(?:se|me) (?:ha )?torci\w*",
    rf"{_SELF} (?:ha |han |he )?{_INJURY} (?:\w+ ){{0,2}}{BODY}",
    r"(?<!conexion )(?<!llamada )(?<!luz )(?<!linea )(?<!agua )(?<!wifi )(?<!internet )(?<!senal )(?<!video )"
    rf"{_SELF} (?:ha |han |he )?(?:cortado|cortaron|corto|quemo|quemado|"
    r"quemaron|escaldo|raspado|raspo|pinch\w*|electrocut\w*|abierto|partido|roto)\b(?! (?:el|la) (?:arroz|pan|tostada|"
    r"comida|pizza|carne|filete|sistema|luz|pedido|llamada|agua|conexion|linea|comunicacion|internet|wifi|pelicula|"
    r"musica|video|emision|sesion|transmision|imagen|sonido|senal))",
    rf"{BODY} (?:\w+ ){{0,3}}(?:cortad[oa]|quemad[oa]|sangr\w*|rot[oa]|partid[oa]|hinchad[oa]|abiert[oa]|"
    r"pillad[oa]s?|atrapad[oa]s?|aplastad[oa]s?|amoratad[oa]|raspad[oa])",
    rf"(?:corte|cortes|corte profundo|quemadura|quemaduras|herida|golpe|brecha|chichon|moraton|raspon|arañazo|aranazo)"
    rf"s? (?:en|sobre) (?:el|la|los|las|su)? ?{BODY}", r"cortadura\w*", r"corte (?:profundo|feo|grande)", r"raspon\w*",
    r"aranazo\w*", r"rasguno\w*", r"quemadura\w*(?! de (?:plancha|cigarr\w*))", r"escald\w*", r"hirviendo",
    r"piel levantada",
    r"hemorragia", r"puntos de sutura", r"puntos en la",
    r"le (?:dieron|pusieron|tuvieron que dar) puntos",
    r"(?:se ha partido|se partio|se rompio|se ha roto|partido|roto) (?:un|el|una|los) dientes?",
    r"dientes? (?:rot|partid)\w*",
    r"(?:pillado|pillo|atrapado|atrapo|metio|machaco|aplasto) (?:\w+ ){0,3}(?:dedo|dedos|mano|manos|pie|pies|brazo)",
    r"(?:se|le) (?:\w+ )?(?:atraganto|atraganta|atragantado|atragantando)", r"atragant\w*", r"atorad[oa]s?",
    r"se (?:\w+ )?atoro", r"atorando", r"atoraba",
    r"(?:le|les) (?:hizo|hicieron|hicimos|hice|hace|hacen) la maniobra",
    r"(?:cafe|te|agua|sopa|aceite|caldo|leche|chocolate|cafe con leche)s? (?:\w+ )?(?:caliente|hirviendo|ardiendo|"
    r"quemando) (?:\w+ ){0,3}(?:en|sobre|encima|por)",
    r"(?:tiro|echo|derramo|volco|cayo|tiraron|echaron|derramaron|volcaron|vacio) (?:\w+ ){0,3}(?:caliente|hirviendo|"
    r"ardiendo)", r"(?:en|sobre) (?:el|su) regazo",
    r"(?:maniobra de |la )heimlich",
    r"golpes en la espalda", r"se le fue por (?:otro lado|mal sitio)", r"se (?:\w+ )?ahog\w*", r"ahogad\w*",
    r"(?:casi|por poco) se (?:la )?(?:traga|trago|ahoga|ahogo)",
    r"(?:trozo|trocito|pedazo|pedacito|astilla|esquirla|resto|restos|fragmento|fragmentos|cacho|trozos|pedazos|"
    r"trocitos|lasca|esquirlas|astillas) de (?:\w+ ){0,2}(?:cristal|vidrio|metal|alambre|plastico|hierro|acero|"
    r"hueso|piedra|madera|loza|porcelana)",
    r"(?:cristal|vidrio|cristales|vidrios|cristalitos)(?! (?:de la|del|delivery) (?:ventana|puerta|mesa|escaparate|"
    r"marco|"
    r"cuadro|pantalla|movil|telefono|vitrina|coche)) (?:en|dentro de) (?:el|la|los|las|mi|su|sus|un|una) ",
    r"(?:cristal|vidrio|cristales|vidrios) (?:rot[oa]s?|partid[oa]s?) (?:en|por) (?:el|la) (?:suelo|piso|arena|piscina|"
    r"cama|zona|parque|mesa|barra)",
    r"(?:se|le) (?:ha |han )?(?:clavado|clavo) (?:\w+ ){0,2}(?:cristal|vidrio|clavo|astilla|aguja)",
    r"alambre\w*", r"grapa\w*", r"tornillo\w* (?:en|dentro)", r"cuchilla\w*", r"hoja de afeitar", r"cuter",
    r"estropajo (?:metalico|de (?:acero|aluminio))", r"algo (?:duro|metalico|cortante|afilado|crujiente)",
    r"jeringa\w*", r"jeringuilla\w*", r"pinchazo\w*", r"objetos? punzantes?",
    r"(?:le|me|les|te|nos) (?:da|dio|daba|ha dado|dan|dieron|pega|pego|paso|pasa) (?:un |una |la )?(?:calambre|"
    r"calambrazo|corriente|descarga|chispazo)\w*",
    r"(?:recibio|recibido|le dio|le ha dado|dio|le pego|le paso|llevo|llevado|sintio|notaba|dando) (?:una |la |un )?"
    r"(?:\w+ )?(?:descarga|calambr\w*|corriente|chispazo)", r"descarga\w* electric\w*", r"electrocut\w*", r"calambrazo",
    r"(?<!echa )(?<!echan )(?<!echando )(?<!echaba )(?<!echaban )chispa\w*", r"cortocircuito",
    r"cables? (?:\w+ )?(?:pelad[oa]s?|al aire|sueltos?|a la vista|colgando|"
    r"expuestos?|desnudos?)",
    r"(?:enchufe|enchufes|toma|cable|cables|regleta|cargador|secador|estufa|radiador|tostadora|freidora|horno|"
    r"microondas|cuadro electrico|cuadro|motor|lampara|plancha|bombilla|termo|caldera|televisor|tele|nevera|"
    r"ventilador|aparato|maquina|capo|enchufe) (?:\w+ ){0,3}(?:quemad[oa]|negr[oa]|derretid[oa]|chispas|"
    r"humo|humeando|echando humo|ardiendo|chisporrote\w*|fundid[oa])",
    r"agua (?:\w+ ){0,3}(?:cae|caia|gotea|goteaba|sale|salia|entra) (?:\w+ ){0,3}(?:lampara|enchufe|luz|luces|cuadro|"
    r"interruptor|cables?)",
    r"incendi\w*", r"(?<!a )fuego(?! (?:lento|medio|vivo|alto|bajo|suave|artificial\w*)\b)", r"fogonazo",
    r"llamarada\w*",
    r"(?:en|las|unas|con|salen|salian|salieron|hay|habia|salia|sale) llamas", r"llamas (?:\w+ ){0,2}(?:salian|hasta|"
    r"subian|por|de)", r"ardiendo", r"arde (?:algo|la|el)", r"se (?:esta )?quemando (?:algo|la|el)",
    r"(?:se ha prendido|se prendio|prendio|prendido|prende|prendiendo) (?:\w+ )?fuego", r"se prendio",
    r"humo", r"humareda", r"humeando", r"humea", r"bomberos?", r"extintor\w*", r"manta ignifuga",
    r"(?:olor|olia|huele|oler|huelen|olian) (?:\w+ ){0,2}(?:a|de) (?:quemado|gas|humo|plastico|goma|cable\w*|"
    r"electrico|huevos? podridos?|azufre|chamusquina|quimico)", r"olor a quemado", r"huele a quemado",
    r"(?:plastico|goma|cables?) (?:quemad[oa]s?|derretid[oa]s?)", r"chamusca\w*", r"huevos? podridos?",
    r"(?:fuga|escape|perdida) de gas", r"(?<!con )(?<!sin )gas (?:\w+ ){0,3}(?:huele|se escapa|fuga|abierto sin)",
    r"monoxido",
    r"alarma\w* (?:de )?(?:incendios?|humo|fuego|gas)", r"alarma (?:\w+ ){0,4}(?:son\w*|salt\w*|dispar\w*|pit\w*|"
    r"suen\w*|son[oa]ndo)", r"(?:salto|salta|sono|suena|se disparo|se dispara|disparo) la alarma",
    r"detector\w* (?:\w+ ){0,10}(?:pitando|sonando|pita|suena|salto|son\w*)", r"detector de (?:humo|incendios|gas)",
    r"evacu\w*", r"desalo\w*",
    r"(?:salida|salidas|puerta|puertas|escalera|escaleras|via|vias) (?:\w+ )?de (?:emergencia|incendios?|socorro|"
    r"evacuacion)", r"puerta\w* cortafuegos", r"salida\w* de emergencia",
    r"(?:salida|salidas|paso|pasillo|escalera|escaleras) (?:\w+ ){0,6}(?:bloquead[oa]|tapad[oa]|"
    r"cerrad[oa] con (?:llave|candado|cadena)|"
    r"candado|obstruid[oa]|atrancad[oa])",
    r"(?:palets|pales|cajas|barriles|barricas|carros|mercancia) (?:\w+ ){0,4}(?:delante de|frente a|bloqueando|"
    r"tapando) "
    r"(?:la |las |una )?(?:puerta|salida)",
    r"ratas?", r"raton(?:es|cito|citos)?", r"cucaracha\w*", r"chinche\w*", r"pulgas?", r"piojos?", r"plaga\w*",
    r"excrementos?", r"cagarrutas?", r"avispa\w*", r"abejas?", r"picadura\w*", r"picotazo\w*", r"mordedura\w*",
    r"(?:picad[oa]|acribillad[oa]) (?:\w+ )?(?:por|a) (?:todo|toda|los|las|bichos|algo|mosquitos|chinches)",
    r"comid[oa]s? (?:viv[oa]s?|por (?:los|las) (?:bichos|chinches|mosquitos|pulgas))",
    r"(?:bich\w*|insectos?) (?:\w+ ){0,4}(?:colchon|cama|sabanas|almohada|costuras|colchones)",
    r"algo (?:le|me|les) (?:ha )?(?:comido|picado|mordido)", r"(?:perro|gato) (?:\w+ ){0,3}(?:mord\w*|arano|ataco)",
    r"moho\w*", r"enmohecid\w*", r"hongos? en (?:la|el|las|los) (?:pared|techo|ducha|bano|ventana|paredes)",
    r"mancha\w* (?:negra|negras|verde|verdes) (?:\w+ ){0,5}(?:pared|techo|humedad|esquina)", r"verdin",
    r"frenos? (?:\w+ ){0,3}(?:fallaron|fallan|fallo|fallaba|no (?:frenaba|frenan|funcionaban|respondian|iban)|"
    r"se fueron|blandos?|chirri\w*|hasta el fondo)", r"sin frenos", r"(?:reventon|revento)",
    r"(?:rueda|neumatico|ruedas|neumaticos) (?:\w+ ){0,2}(?:revent\w*|lis[oa]s?|se solto|suelta)",
    r"(?:casi|por poco) (?:choca|chocamos|choco|chocan|atropella|atropello|se estrella|tiene un accidente)",
    r"accidente", r"atropell\w*", r"choque (?:frontal|contra|con)", r"se estrell\w*",
    r"(?:se trago|se ha tragado|tragado|trago|se metio en la boca|se ha metido en la boca|chupando|chupaba|ingirio|"
    r"ingerido|bebio|se bebio|comiendo|mordiendo) (?:\w+ ){0,4}(?:pastillas?|pilas?|lejia|detergente|productos? de "
    r"limpieza|quimicos?|lavavajillas|veneno|capsulas?|amoniaco|desatascador|medicamentos?)",
    r"pila de boton", r"pilas? de boton", r"lejia (?:en|dentro)", r"productos? quimicos?",
    r"(?:ascensor) (?:\w+ ){0,3}(?:cayo|desplomo|bajo de golpe)", r"(?:barandilla|barandal|baranda|pasamanos) "
    r"(?:\w+ ){0,3}(?:suelt[oa]|rot[oa]|se solto|cedio|se movia|flojo|floja|tambalea\w*)",
    r"(?:suelo|piso) (?:\w+ ){0,3}(?:mojado|resbaladizo|encharcado) (?:\w+ ){0,2}sin (?:cartel|senal|aviso)",
    r"(?:cable|cables|cuerda|correa|cadena|polea|barra|cinta)s? (?:\w+ ){0,4}(?:deshilachad\w*|se solto|se rompio|"
    r"revento|se partio|cedio)", r"(?:se solto|se rompio|cedio|se cayo|se movio|se partio|se vino abajo) (?:la |el )?"
    r"(?:barandilla|barandal|baranda|pasamanos)",
    r"(?:se (?:ha |lo |la )?trag\w*|se ha tragado|tragado) (?:un|una|unos|unas|el|la|los|las) (?:\w+ )?(?:pieza\w*|"
    r"juguete\w*|moneda\w*|canica\w*|iman\w*|boton\w*|tapon\w*|tornillo\w*|clip\w*|chincheta\w*|pila\w*|"
    r"piedra\w*|hueso\w*|espina\w*|cristal\w*|trozo\w*)",
    r"(?:toda la noche|todo el dia|toda la tarde|toda la manana|la noche) (?:\w+ ){0,3}(?:en el|metid[oa] en el|del) "
    r"(?:bano|wc|servicio|aseo|vater|retrete)",
    r"(?:en el|del) (?:bano|wc|servicio|aseo|vater) (?:\w+ ){0,2}toda la noche",
    r"(?:borde|canto|esquina|punta|arista)s? (?:\w+ )?(?:afilad|cortante|puntiagud)\w*",
    r"(?:atrapad|encerrad)[oa]s? en el ascensor", r"socorrista (?:\w+ ){0,4}(?:saco|sacar|saca|tiro|se tiro|rescato)",
    r"(?<!vino )(?<!veio )(?<!vem )(?<!venia )(?<!llego )(?<!estaba )(?<!servido )(?<!servida )sangr(?!ia)\w*",
    r"punetazo\w*", r"agredi\w*", r"agresion\w*", r"atracad[oa]s?", r"paliza", r"navaja\w*",
    r"(?:saco|sacaron|con) (?:un|una) (?:cuchillo|navaja|pistola|arma)",
    r"amenaz\w* con (?:un|una) (?:cuchillo|navaja|arma|"
    r"pistola|botella)", r"(?:le|les) (?:pego|pegaron|pegó)\b", r"acos(?:o|ad[oa]|aba|aron)\b", r"manose\w*",
    r"(?:hubo|se armo|empezo|se lio|tuvieron|una) (?:una )?(?:pelea|trifulca|reyerta|bronca fisica)",
    r"se (?:pelearon|liaron a golpes|pegaron)", r"le echaron algo en (?:la|el|su) (?:copa|bebida|vaso)", r"drogad[oa]",
    r"(?:se le engancho|se engancho|enganchad[oa]|atrapad[oa]|pillad[oa]) (?:\w+ ){0,3}(?:en|con) (?:la|el) (?:\w+ )?"
    r"(?:maquina|amasadora|picadora|cortadora|batidora|escalera mecanica|puerta|cinta|rodillo)",
    r"peligro\w*", r"inseguro", r"riesgo (?:de|para) (?:incendio|caida|electrocucion|la salud|los clientes|los ninos)",
)

# Told as a story: gone pale and sitting on the floor, the toilet again and again after a
# dish, an awning hanging loose over people.
HEALTH += (
    r"(?:se ha quedado|se quedo|esta|estaba|se puso|se ha puesto) (?:\w+ )?(?:blanc[oa]|palid[oa]) "
    r"(?:\w+ ){0,8}(?:suda\w*|sentar\w*|suelo|mare\w*|fue(?:ron|ran)? (?:las|los|el|la))",
    r"(?:ido|va|fue|ha ido) al bano (?:\w+ ){0,2}veces",
)
HAZARD += (
    r"(?:cuelga|colgando|se balancea) (?:\w+ ){0,2}encima de (?:las mesas|la gente|los clientes|la terraza)",
)

# Round 4: sparks and a blackened socket; a door closing on an arm and leaving it bruised.
HAZARD += (
    r"chispa\w*", r"(?:negr[oa]|quemad[oa]|chamuscad[oa]) (?:\w+ ){0,3}(?:enchufe|toma|cable)\w*",
    r"(?:enchufe|toma de corriente|cable) (?:\w+ ){0,4}(?:negr[oa]|quemad[oa]|humo|chispa\w*)",
    rf"(?:se )?cerr\w* (?:sobre|en|contra) (?:el|la|los|las|su|sus) {BODY}",
    r"(?:se lo|se la|lo|la) (?:\w+ )?dej\w* morad[oa]", r"morat[oó]n\w*", r"moret[oó]n\w*",
)

SOFT: tuple[str, ...] = (
    r"agujas?",
    r"se (?:ha |han )?(?:caido|cayo|cayeron|cae|caen|caia)(?! (?:el|la|los|las) (?:sistema|web|pagina|app|conexion|"
    r"wifi|red|internet|servidor|llamada|reserva|pedido|datafono|tpv|luz|plato|vaso|copa|botella|bandeja)\b)",
    r"(?:cristal|vidrio|copa|vaso|jarra|botella) (?:\w+ ){0,2}(?:se rompio|se partio|estallo|reventro|exploto|"
    r"se hizo anicos) (?:en|sobre|encima) (?:la|el|su) (?:mano|cara|cliente|clienta|mesa)",
    r"(?:casi|por poco) (?:\w+ )?(?:cae|cayo|resbala|resbalo|tropieza|tropezo)",
)

REASSURE: tuple[str, ...] = (
    r"nadie (?:\w+ ){0,3}(?:herid[oa]|dano|lastim\w*|cort\w*|quem\w*|paso nada)",
    r"no (?:le |les )?(?:paso|ha pasado) nada",
    r"no (?:le |les )?(?:dio|golpeo|alcanzo|toco|pillo) a nadie", r"iles[oa]s?",
    r"sin (?:heridos|lesiones|danos personales|un rasguno)", r"ni un rasguno", r"nada grave",
)

EXCUSES: tuple[str, ...] = (
    r"wifi", r"maquina de coser", r"coser", r"costura", r"hilo", r"internet", r"conexion", r"sistema", r"red", r"web",
    r"app", r"pagina", r"servidor", r"llamada",
    r"linea", r"senal", r"datafono", r"tpv", r"pedido", r"reserva", r"pago", r"precio\w*", r"cobertura",
)

DENIALS = frozenset({"no", "ni", "nadie", "ningun", "ninguno", "ninguna", "nunca", "sin", "tampoco", "jamas",
                     "nada"})
HYPOTHETICALS = frozenset({"podria", "podrian", "pudo", "podia", "hubiera", "hubiese", "habria", "riesgo", "evitar",
                           "evitamos", "evitado", "prevenir", "si"})
SCOPE = frozenset({
    "se", "le", "les", "lo", "la", "el", "los", "las", "un", "una", "uno", "de", "del", "ha", "han", "he", "hubo",
    "hay", "habia", "fue", "fueron", "sido", "ser", "estado", "esta", "estaba", "tuvo", "tuvieron", "tiene", "tenia",
    "sufrio", "sufrido", "presento", "presenta", "mostro", "signo", "signos", "senal", "senales", "sintoma",
    "sintomas", "tipo", "gracias", "a", "dios", "por", "suerte", "afortunadamente", "siquiera", "causar", "causado",
    "provocar", "provocado", "dado", "haber", "podido", "llego", "llegar", "realmente", "grave", "graves",
    "alguna", "alguno", "aparente", "aparentemente", "nos", "me", "te", "al", "hizo", "hecho", "mayor",
    "ninguna", "ningun", "tener", "tenido", "hacer", "notado", "visto", "ahora", "mas",
})

SUBJECTS= frozenset({ "cliente", "clientes", "huesped", "huespedes", "comensal", "comensales", "nino", "ninos",
"invitado", "invitados", "persona", "personas", "socio", "socios", "pasajero", "pasajeros", "empleado", "empleados"})

WORDS = Words(hazard=HAZARD, health=HEALTH, soft=SOFT, reassure=REASSURE, excuses=EXCUSES, denials=DENIALS,
              hypotheticals=HYPOTHETICALS, scope=SCOPE, subjects=SUBJECTS)
