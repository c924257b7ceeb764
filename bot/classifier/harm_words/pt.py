"""Portuguese harm vocabulary (Brazil and Portugal), over folded text: 'reação' is 'reacao',
'engasgou-se' is 'engasgou se'.

Idioms that only sound like harm stay out: "tô morrendo de fome", "fogo de artifício", "em
fogo brando", "o sistema caiu", "queda de energia", "carne picada", "um tremendo atraso".
"""

from __future__ import annotations

from .words import Words

BODY = (
    r"(?:mao|maos|dedo|dedos|polegar|braco|bracos|antebraco|perna|pernas|pe|pes|joelho|joelhos|tornozelo|"
    r"tornozelos|pulso|pulsos|cabeca|costas|cara|rosto|boca|lingua|labio|labios|garganta|olho|olhos|sobrancelha|"
    r"dente|dentes|pele|anca|quadril|ombro|ombros|queixo|nariz|testa|bochecha|bochechas|maxilar|pescoco|peito|"
    r"barriga|estomago|canela|coxa|cotovelo|palma|calcanhar|unha|unhas|gengiva|gengivas|couro cabeludo|costela|"
    r"costelas|coccix|orelha|orelhas|nuca|ceu da boca|corpo)"
)
_SELF = r"(?:se|me|te|nos|lhe)"
_NOT_THESE = (
    r"(?! (?:o|a|os|as) (?:sistema|internet|rede|ligacao|chamada|sinal|pedido|preco|precos|luz|energia|wifi|site|"
    r"app|aplicativo|aplicacao|ficha|conexao|servidor|arroz|bolo|pao|bife|comida|pizza|carne|cabelo|unhas|conta)\b)"
)
_DOWN = (
    r"(?<!sistema )(?<!internet )(?<!rede )(?<!ligacao )(?<!chamada )(?<!sinal )(?<!pedido )(?<!preco )(?<!luz )"
    r"(?<!energia )(?<!wifi )(?<!site )(?<!app )(?<!ficha )(?<!conexao )(?<!servidor )"
)

HEALTH: tuple[str, ...] = (
    r"(?<=sem )reac(?:ao|oes)", r"(?<=nenhuma )reac(?:ao|oes)",  # only ever denied
    r"reac(?:ao|oes) alergica\w*", r"(?:teve|tem|tinha|fez|faz|esta a ter|esta tendo|deu|deu lhe|dar) (?:uma )?"
    r"(?:\w+ )?reac(?:ao|oes)", r"reagiu mal", r"anafila\w*", r"choque anafilatico", r"epi ?pen\w*", r"adrenalina",
    r"caneta (?:de )?adrenalina", r"auto ?injetor\w*", r"anti ?histaminico\w*", r"urticaria",
    r"brotoeja\w*", r"vergo(?:es|ao)", r"vergao", r"calombos?", r"empipocad[oa]s?", r"placas? vermelhas?",
    r"manchas? vermelhas?", r"bolinhas? vermelhas?", r"coceira\w*", r"comichao", r"cocando", r"a cocar",
    r"(?:boca|pele|garganta|corpo|olhos|labios|lingua|pescoco|bracos|cara|rosto|boquinha|carinha|olhinhos|labiozinho|"
    r"maozinha|bracinho) (?:\w+ ){0,3}(?:coca|cocava|"
    r"cocando|a picar|picando|pica|picava|inchad[oa]s?|inchou|inchar|a inchar|inchando|dormente|formigando|a formigar|"
    r"ardendo|a arder|fechando|a fechar|fechou|arranhando|a arranhar|apertad[oa]|estranh[oa]|gross[oa]s?|"
    r"vermelh[oa]s?)",
    r"inchad[oa]s? (?:\w+ )?(?:cara|rosto|labios|olhos|lingua|garganta|boca|pescoco)", r"inchaco", r"incho(?:u|ou)",
    r"formigamento", r"boca (?:\w+ ){0,2}(?:a picar|picando|dormente)", r"labios grossos", r"orelhas quentes",
    r"(?:nao|sem) (?:consegue|conseguia|conseguiu|consigo|conseguir|conseguimos|pode|podia) (?:\w+ )?(?:respirar|"
    r"engolir|falar|tossir)", r"falta de ar", r"(?:dificuldade|dificuldades|custa|custava) (?:\w+ ){0,2}respirar",
    r"respira(?:r|ndo|va)? (?:mal|com dificuldade|com chiado)", r"chiado no peito", r"pieira", r"sufoc(?!o\b)\w*",
    r"afog\w*",
    r"(?:crise|ataque) de (?:asma|ansiedade|panico|epilepsia)", r"bombinha", r"inalador", r"rouc[oa]\b",
    r"intoxic\w*", r"envenen\w*", r"salmonel\w*", r"gastroenterite", r"virose", r"vomit\w*", r"a vomitar",
    r"diarreia\w*", r"caganeira", r"dor(?:es)? de (?:barriga|estomago)", r"colica\w*", r"nausea\w*",
    r"enjo(?:o|ad[oa]s?)\b", r"febre", r"calafrios", r"passou mal", r"passaram mal", r"passar mal", r"passando mal",
    r"a passar mal", r"(?:se sentiu|sentiu se|se sente|se sentindo|a sentir se) (?:muito )?mal", r"mal estar",
    r"indispost[oa]s?", r"(?:abracad|agarrad)[oa]s? (?:a|à) (?:sanita|privada|vaso)",
    r"(?:noite|dia|madrugada) (?:\w+ ){0,5}(?:no|na|a|ao|e a|e o) (?:banheiro|casa de banho|wc|sanita|privada)",
    r"doentes?\b", r"empolad[oa]s?", r"(?:BODY) (?:\w+ ){0,3}inchad[oa]s?".replace("BODY", BODY),
    r"adoec\w*", r"desmai\w*", r"piripaque", r"chilique", r"fanico", r"faniquito",
    r"(?:esta|ficou|estava|continua|ficaram) (?:caid[oa] |estendid[oa] |deitad[oa] )?no chao",
    r"abriu (?:o|a|um|uma) (?:\w+ )?(?:sobrolho|sobrancelha|cabeca|queixo|testa|labio|joelho|supercilio)",
    r"(?:ela|ele|senhora|senhor|cliente|moca|rapaz|crianca|menino|menina|mae|pai|idoso|"
    r"idosa|aluna|aluno|funcionaria|funcionario|hospede|miudo|miuda) (?:\w+ )?apagou", r"apagou por (?:uns|alguns)",
    r"perdeu (?:os )?sentidos", r"perdeu a consciencia", r"inconsciente\w*", r"desacordad[oa]s?", r"nao reage",
    r"(?:ficou|esta|ta|estava|ficaram) (?:tod[oa] |muito |meio )?(?:palid[oa]|branc[oa]|rox[oa]|azul|cinzent[oa]|"
    r"amarel[oa]|tremendo|a tremer)", r"palid[oa]s?", r"branc[oa] como (?:cal|papel|a cal)", r"tontura\w*",
    r"(?:ficou|esta|ta|estava|saiu|sentiu se|sente se|ficaram) (?:\w+ )?tont[oa]s?\b", r"vertigem", r"zonz[oa]s?",
    r"a tremer", r"convuls\w*", r"infarto", r"enfarte", r"avc",
    r"hipoglicemia", r"insolacao", r"desidrat\w*", r"infeccao", r"infectad[oa]s?", r"conjuntivite",
)

HAZARD: tuple[str, ...] = (
    r"(?:ao|no|para o|pro|do|num|um|ao|levad[oa]s? ao|levou (?:a|o|ela|ele) ao) hospital", r"hospitaliz\w*",
    r"urgencias", r"pronto socorro", r"(?:a|na|para a|pra) (?:upa|emergencia)\b", r"ambulancia\w*", r"inem",
    r"samu", r"bombeiros?", r"primeiros socorros", r"socorrista\w*", r"socorr(?:eu|er|ido|ida|eram)\b",
    r"(?:chamar|chamou|chamamos|chamaram|pedir|pediu|pedimos|gritou|gritava|a gritar|gritando) (?:por )?socorro",
    r"posto de saude", r"centro de saude",
    r"(?<!atestado )(?<!certificado )(?<!receita )(?<!seguro )(?<!plano )(?<!exame )medic[oa]s?\b", r"enfermeir\w*",
    r"curativo\w*", r"(?:ligou|ligamos|liguei|ligar|chamou|chamamos|chamar|chamaram|chamado) (?:o |a |para o |pro |"
    r"para )?(?:NUM|inem|samu|ambulancia|bombeiros|socorro)(?! (?:vezes|minutos|horas|dias|NUM|x|de)\b)",
    r"ferid[oa]s?", r"feriu(?: se)?", r"se feriu", r"lesao", r"lesoes", r"lesionad[oa]s?", r"machuc\w*",
    r"(?:se )?magoou se", r"se magoou", r"se magoaram", r"magoad[oa]s? (?:no|na|nos|nas) ",
    r"(?:com|sentindo|a sentir|sente|sentia|muita|muitas) dor(?:es)?", r"doi (?:muito|o|a|os|as)",
    r"ficou (?:\w+ ){0,2}no chao", r"(?:nao|sem) (?:consegue|conseguia|conseguiu|conseguir) (?:se )?levantar",
    r"caiu em cima", r"(?:levou|levar|apanhou|deu) (?:\w+ ){0,2}(?:tombo|queda|trambolhao|pancada)", r"tombo\b",
    r"(?:uma|a|na|da|sofreu|teve|levou|grande|feia) queda\b(?! de (?:energia|luz|sistema|internet|rede|preco|precos|"
    r"sinal|"
    r"temperatura|pressao|qualidade|vendas))", r"quedas\b(?! de (?:energia|luz|precos))",
    r"escorreg\w*", r"tropec\w*", r"estatel\w*", r"desequilibr\w*", r"perdeu o equilibrio",
    rf"bat(?:eu|eram|i|er|endo|ia|e) (?:com )?(?:a|o|as|os|na|no|nas|nos|com a|com o)? ?{BODY}",
    rf"{_SELF} (?:\w+ )?(?:bateu|cortou|cortei|"
    r"queimou|queimei|feriu|machucou|magoou|espetou|picou|arranhou|esfolou|aleijou|partiu|torceu)\b" + _NOT_THESE,
    r"galo (?:na|no|em)", r"hematoma\w*", r"nodoa negra", r"roxo (?:na|no|nas|nos)", r"galo na testa",
    r"torc\w* (?:o|a|os|as) (?:pe|tornozelo|joelho|pulso|dedo|mao|braco|pescoco)", r"entorse\w*", r"fratur\w*",
    rf"(?:partiu|partiram|quebrou|quebraram|fraturou|deslocou|parti) (?:o|a|um|uma|os|as) (?:\w+ )?{BODY}",
    r"desloc(?:ou|ado) (?:o|a) " + BODY,
    rf"(?:corte|cortes|golpe|ferida|queimadura|arranhao|esfoladela|esfolao|bolha|bolhas|hematoma|galo) (?:\w+ ){{0,2}}"
    rf"(?:na|no|nas|nos|em) (?:\w+ )?{BODY}", r"(?:corte|golpe|ferida) (?:fundo|feio|profundo|grande)",
    r"fez um corte", r"abriu um corte",
    r"cortou (?:a|o|os|as|um|uma) (?:\w+ )?" + BODY, r"cortou se", r"se cortou", r"cortei (?:o|a) " + BODY,
    r"queimadura\w*(?! de (?:ferro|cigarro))", r"queimou (?:o|a|os|as|um|uma) (?:\w+ )?" + BODY, r"queimou se",
    r"se queimou", r"queimou (?:o|a)\b" + _NOT_THESE, r"escald\w*", r"fervendo", r"a ferver (?:em cima|na|no)",
    rf"(?:{BODY}) (?:\w+ ){{0,3}}(?:bolhas|em carne viva|vermelh[oa] e)", r"cheia de bolhas", r"cheio de bolhas",
    r"(?<!veio )(?<!vem )(?<!estava )(?<!chegou )(?<!servido )sangr(?!ia)\w*", r"sangue", r"hemorragia",
    r"pontos (?:na|no|nas|nos)", r"levou pontos",
    r"(?:partiu|quebrou|parti|lascou|lascado) (?:\w+ ){0,2}dentes?", r"dentes? (?:partido|quebrado|lascado|rachado)s?",
    r"ental\w*", r"esmag\w*", r"prendeu (?:o|a|os|as) (?:dedo|dedos|mao|pe)",
    r"engasg\w*", r"(?:manobra de |a )heimlich", r"engol\w* (?:mal|de lado|atravessado)", r"atravessad[oa] na garganta",
    r"quase (?:\w+ )?(?:engoliu|engolia|se afogou|afogou|engasgou|caiu|cai|bateu|atropel\w*|capotou|se estatelou|"
    r"teve um acidente)",
    r"(?:pedaco|pedacinho|caco|lasca|estilhaco|fragmento|bocado|bocadinho|pedacos|cacos|lascas|estilhacos|bocados|"
    r"fragmentos)s? de (?:\w+ ){0,2}(?:vidro|metal|ferro|plastico|arame|aco|osso|pedra|madeira|loica|porcelana)",
    r"cac(?:o|os) (?:no|na|de)", r"estilhac\w*",
    r"vidros? (?:no|na|nos|nas|dentro d[oa]) (?!(?:\w+ )?(?:janela|janelas|porta|"
    r"portas|mesa|carro|quadro|moldura|montra|vitrine|ecra|tela|telemovel|celular|espelho|caixa|embalagem|box)\b)\w+",
    r"vidro partido (?:no|na|pelo)", r"arame\w*", r"palha de aco", r"agrafo\w*",
    r"grampo\w* (?:no|na|dentro)", r"parafuso (?:no|na|dentro|em)", r"(?:tinha|havia|veio|achou|encontrou|tirou) "
    r"(?:\w+ ){0,2}(?:parafuso|prego|grampo|agrafo|lamina|pedaco de metal)", r"laminas?\b(?! de (?:madeira|vidro))",
    r"gilete",
    r"algo (?:duro|afiado|cortante|metalico)", r"coisa (?:dura|afiada|a espetar)",
    r"seringa\w*", r"(?:se )?(?:picou|espetou) (?:se|a|o|na|no)", r"quase se picou",
    r"(?<!para )choq(?:ue|ues|uinho|uezinho)\b", r"eletrocut\w*", r"electrocut\w*",
    r"descarga (?:eletrica|electrica)", r"esticao",
    r"curto circuito", r"faisca\w*", r"fios? (?:\w+ ){0,2}(?:descascad\w*|expost\w*|solt\w*|a mostra|"
    r"desencapad\w*|pendurad\w*|descarnad\w*)",
    r"(?:tomada|tomadas|cabo|fio|fios|carregador|secador|aquecedor|torradeira|fritadeira|forno|microondas|quadro|"
    r"quadro eletrico|motor|lampada|candeeiro|chaleira|esquentador|caldeira|televisao|tv|frigorifico|geladeira|"
    r"ventoinha|ventilador|aparelho|maquina|capo) (?:\w+ ){0,4}(?:pret[oa]|queimad[oa]|derretid[oa]|estal\w*|faisc\w*|"
    r"fumo|fumaca|a deitar fumo|fumegando|soltando fumaca|chiando|em chamas)",
    r"agua (?:\w+ ){0,4}(?:lampada|tomada|quadro|interruptor|luz|candeeiro|fios)",
    r"fogo(?! de artificio| brando| baixo| alto| lento| medio)", r"incendi\w*", r"chamas\b", r"labareda\w*",
    r"(?:em|as|umas) chamas", r"a chama (?:piloto|do fogao|do esquentador) (?:\w+ )?apag\w*", r"chama piloto",
    r"fumaca\w*", r"(?:deitar|deitando|sai|saia|saiu|sair|cheio de|cheia de|de|muito|o|com|a sair) fumo",
    r"fumo (?:a sair|preto|negro|branco|no|na|por|em|pela|pelo)", r"fumeg\w*", r"extintor\w*",
    r"(?:cheiro|cheira|cheirava|cheirar|cheirando) (?:\w+ ){0,2}(?:a |de )?(?:queimado|gas|fumo|fumaca|borracha|"
    r"plastico|"
    r"ovo podre|ovos podres|enxofre|fio|eletrico|electrico|quimico)", r"ovos? podres?",
    r"(?:fuga|vazamento|cheiro) de gas", r"gas (?:\w+ ){0,2}(?:vazando|a sair|aberto|a vazar)", r"monoxido",
    r"alarme\w* (?:de )?(?:incendio|fumo|fumaca|gas|fogo)", r"alarme (?:\w+ ){0,4}(?:disparou|dispara|tocou|toca|"
    r"tocando|apitando|apita|soou|a tocar|a apitar|disparado)", r"(?:disparou|tocou|soou|dispara) o alarme",
    r"detector\w* (?:de )?(?:fumo|fumaca|incendio|gas)", r"evacu\w*",
    r"(?:saida|saidas|porta|portas) (?:\w+ )?de (?:emergencia|incendio|socorro|evacuacao)", r"porta corta fogo",
    r"porta de incendio", r"(?:saida|saidas|passagem|escada|escadas|corredor|porta lateral|saida lateral) (?:\w+ ){0,6}"
    r"(?:bloquead\w*|trancad\w*|fechad\w* (?:com|a) (?:corrente|cadeado|chave)|obstruid\w*|com corrente|cadeado)",
    r"ratazana\w*", r"(?:um|o|uns|os|dois|tres|de) ratos?\b", r"ratos (?:na|no|nas|nos|a|pela|pelo|em|por)",
    r"ratinho\w*", r"(?:uma|umas|as|a|de) baratas?\b",
    r"baratas (?:no|na|nos|nas|em|a|andando|mortas?|por|saindo|correndo)", r"percevej\w*", r"pulgas?\b", r"piolhos?\b",
    r"infesta\w*", r"praga\b", r"pragas\b", r"fezes de rat\w*", r"coco de rat\w*", r"vespa\w*", r"abelha\w*",
    r"marimbondo\w*", r"(?:picadas|picadelas) (?:de|no|na|nos|nas|por)", r"cheio de picadas", r"tod[oa] picad[oa]",
    r"tod[oa] mordid[oa]", r"mordidas?\b", r"mordedura\w*", r"(?:bichos?|insetos?|bicharada) (?:\w+ ){0,3}(?:colchao|"
    r"cama|lencois|costura|costuras|travesseiro|almofada)", r"(?:cao|cachorro|gato) (?:\w+ ){0,3}mord\w*",
    r"mofo\w*", r"bolor\w*", r"mancha\w* pret\w* (?:\w+ ){0,4}(?:parede|teto|tecto|humidade|umidade)",
    r"fungos? (?:na|no|nas|nos) (?:parede|teto|tecto|banheiro|casa de banho)",
    r"(?:trav(?:ao|oes)|freio|freios) (?:\w+ ){0,3}(?:falhou|falharam|falhando|foi ao fundo|afundou|nao (?:funcion|"
    r"respond|trav|fre)\w*|cederam|cedeu|sem forca)", r"pedal do (?:travao|freio)",
    r"sem (?:travao|travoes|freio|freios)",
    r"pneus? (?:\w+ ){0,2}(?:rebentou|estourou|careca|rasgou)", r"acidente\w*", r"atropel\w*",
    r"capot(?:ou|ar|ado)", r"quase (?:bateu|bati|batemos|batia)",
    r"(?:engoliu|engolido|engolir|mastigando|mastigou|chupando|na boca|a boca|bebeu|comeu) (?:\w+ ){0,4}(?:pastilha\w*|"
    r"pilha\w*|bateria\w*|lixivia|detergente|produtos? de limpeza|quimic\w*|veneno|capsula\w*|comprimido\w*|remedio\w*|"
    r"agua sanitaria)", r"pilha de botao", r"bateria de botao", r"pilha botao",
    r"(?:corrimao|guarda corpo|grade|parapeito|varanda) (?:\w+ ){0,3}(?:solt[oa]|partid[oa]|quebrad[oa]|cedeu|a abanar|"
    r"bamb\w*)", r"sem corrimao",
    r"(?:chao|piso) (?:\w+ ){0,3}(?:molhado|encharcado|escorregadio) (?:\w+ ){0,2}sem (?:placa|aviso|sinal)",
    r"(?:cabo|corda|correia|corrente|polia|cinta)s? (?:\w+ ){0,6}(?:desfiad\w*|a desfiar|rebentou|arrebentou|partiu|"
    r"soltou|cedeu)",
    r"(?:soltou se|se soltou|cedeu|partiu se|caiu) (?:o |a )?(?:corrimao|guarda corpo|grade|parapeito)",
    r"(?:engoliu|engolido|engolir|engole) (?:um|uma|uns|umas|o|a) (?:\w+ )?(?:peca\w*|brinquedo\w*|moeda\w*|"
    r"berlinde\w*|ima\w*|botao\w*|tampa\w*|parafuso\w*|clip\w*|pilha\w*|pedra\w*|osso\w*|espinha\w*|vidro\w*|"
    r"pedaco\w*)", r"(?:foi|vai|foram|caiu) ao chao", r"(?:esta|ficou|estava) (?:\w+ )?(?:estendid[oa]|deitad[oa]|"
    r"caid[oa]|sentad[oa]) no chao",
    r"(?:borda|quina|ponta|canto|aresta)s? (?:\w+ )?(?:afiad|cortante|pontiagud)\w*",
    r"(?:pres[oa]s?|fechad[oa]s?) no elevador", r"salva ?vidas (?:\w+ ){0,4}(?:tirou|puxou|mergulhou|chamou|tirar)",
    r"soco\w*", r"murro\w*", r"agredi\w*", r"agressao", r"porrada", r"pancadaria", r"espancad\w*", r"assaltad[oa]s?",
    r"assalto", r"(?:puxou|sacou|com) (?:de )?(?:uma|um) (?:faca|arma|pistola|navalha)", r"ameac\w* com (?:uma|um) "
    r"(?:faca|arma|pistola|garrafa|navalha)", r"assedi\w*", r"drogad[oa]s?\b", r"boa noite cinderela",
    r"(?:houve|teve|rebentou|comecou|uma) (?:uma )?(?:briga|luta|rixa) (?:\w+ ){0,6}(?:ferid|sangr|partiu|soco|murro|"
    r"garrafa|faca|nariz|policia)", r"(?:manga|cabelo|mao|dedo|cachecol|roupa|gravata) (?:\w+ ){0,3}(?:pres[oa]|"
    r"entalad[oa]|puxad[oa]) (?:na|no|pela|pelo) (?:\w+ )?(?:maquina|amassadeira|batedeira|picadora|fatiador\w*|"
    r"cortador\w*|escada rolante|porta|cilindro)",
    r"(?:cafe|cha|agua|sopa|oleo|caldo|leite|azeite)s? (?:\w+ )?(?:quente|fervendo|a ferver|escaldante|a escaldar) "
    r"(?:\w+ ){0,3}(?:no|na|em cima|pelo|pela|sobre|nas|nos)",
    r"(?:derrubou|entornou|virou|derramou|caiu|despejou|entornaram|derrubaram) (?:\w+ ){0,3}(?:quente|fervendo|"
    r"a ferver|escaldante)", r"(?:no|em cima do) colo d[aoe]",
    r"perig\w*", r"insegur[oa]",
)

# Told as a story: a head "spinning" and short of air after hours in the sun.
HEALTH += (
    r"cabeca (?:anda|a andar|esta|ta) (?:a )?roda", r"(?:lhe|me|nos) falta o ar", r"falta(?:va)? de ar",
)

# Round 4: an engine pouring steam on the motorway, the temperature needle at the top.
HAZARD += (
    r"(?:motor|capo|carro) (?:\w+ ){0,4}(?:vapor|fumo|fumaca|fumegava|deitava fumo)",
    r"(?:deitava|saia|sai|soltava|solta) (?:\w+ )?(?:vapor|fumo|fumaca)",
    r"ponteiro da temperatura (?:\w+ ){0,3}(?:maximo|vermelho|topo)",
)

SOFT: tuple[str, ...] = (
    r"agulha\w*",
    r"(?:copo|caneca|vidro|garrafa|jarra) (?:\w+ ){0,2}(?:partiu se|partiu|estourou|rebentou|explodiu|estilhacou) "
    r"(?:\w+ ){0,2}(?:na mao|nas maos|em cima d)",
    r"quase (?:\w+ )?(?:caiu|cai|escorregou|tropecou)", r"tombou",
    rf"{_DOWN}(?:caiu|cairam|caindo|caido|caida)(?! bem| mal| na conversa| a ficha| o sistema| a internet| a rede|"
    rf" a ligacao|"
    r" a chamada| o sinal| a luz| a energia| o pedido| o preco| o site| a app| o wifi| a conexao| o servidor|"
    r" por terra|"
    r" em si| na real| no golpe| na armadilha| de (?:preco|qualidade|nivel))",
)

REASSURE: tuple[str, ...] = (
    r"ninguem (?:\w+ ){0,3}(?:feriu|ferido|machucou|magoou|cortou|queimou|aconteceu)",
    r"nao (?:acertou|atingiu|magoou|feriu|apanhou|bateu) (?:em )?ninguem", r"ilesos?", r"ilesas?",
    r"sem feridos", r"nao (?:lhe |lhes )?aconteceu nada", r"nada (?:de )?grave", r"nem um arranhao",
)

EXCUSES: tuple[str, ...] = (
    r"(?:nao|sem) (?:fumante|fumadores)", r"maquina de costura", r"costura", r"linha", r"wifi", r"internet",
    r"conexao", r"sistema", r"rede", r"site", r"app", r"aplicativo", r"servidor", r"ligacao",
    r"chamada", r"sinal", r"pix", r"estorno", r"vale", r"salario", r"dinheiro", r"deposito", r"beneficio",
    r"pagamento", r"transferencia", r"pedido", r"reserva", r"precos?",
)

DENIALS = frozenset({"nao", "nem", "ninguem", "nenhum", "nenhuma", "nunca", "sem", "jamais", "nada"})
HYPOTHETICALS = frozenset({"poderia", "poderiam", "podia", "teria", "teriam", "risco", "evitar", "evitamos",
                           "evitado", "prevenir", "caso"})
SCOPE = frozenset({
    "foi", "foram", "ficou", "ficaram", "se", "houve", "ha", "teve", "tiveram", "tem", "tinha", "um", "uma", "o",
    "a", "os", "as", "de", "do", "da", "dos", "das", "sinal", "sinais", "felizmente", "gracas", "deus", "ainda",
    "ter", "causado", "provocado", "causar", "provocar", "qualquer", "tipo", "apresentou", "sofreu", "sofrido",
    "chegou", "chegar", "algum", "alguma", "grave", "graves", "real", "verdadeira", "aparente", "sintoma",
    "sintomas", "me", "lhe", "nos", "ao", "por", "sorte", "mesmo", "sequer", "nenhum", "nenhuma",
})

SUBJECTS= frozenset({ "cliente", "clientes", "hospede", "hospedes", "crianca", "criancas", "convidado", "convidados",
"pessoa", "pessoas", "aluno", "alunos", "passageiro", "passageiros", "funcionario", "funcionarios"})

WORDS = Words(hazard=HAZARD, health=HEALTH, soft=SOFT, reassure=REASSURE, excuses=EXCUSES, denials=DENIALS,
              hypotheticals=HYPOTHETICALS, scope=SCOPE, subjects=SUBJECTS)
