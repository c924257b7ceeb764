"""English harm vocabulary: what staff type when someone is hurt, ill or in danger.

Each phrase needs a harm word in a harm context ("slipped on", not "slipped my mind"; "got sick",
not "sick of waiting"; "caught fire", not "the band was fire"), but stories told without the
word count too ("went grey and sat down on the floor", "crunchy like glass").
"""

from __future__ import annotations

from .words import Words

BODY = (
    r"(?:hand|hands|finger|fingers|thumb|thumbs|arm|arms|leg|legs|foot|feet|knee|knees|ankle|ankles|"
    r"wrist|wrists|head|back|face|mouth|tongue|lip|lips|throat|eye|eyes|eyebrow|brow|tooth|teeth|"
    r"skin|hip|hips|shoulder|shoulders|chin|nose|forehead|cheek|cheeks|jaw|neck|chest|stomach|belly|"
    r"tummy|shin|shins|calf|thigh|elbow|palm|heel|toe|toes|nail|gum|gums|scalp|ribs?|tailbone|"
    r"collarbone|temple|lap|bum)"
)
# After the noun, "head" and "back" are too often furniture ("shower head broken").
BODY_NOUN = BODY.replace("head|", "").replace("back|", "")
WHOSE = r"(?:his|her|their|my|your|our|a|the|its|one|both)"
PERSON = (
    r"(?:he|she|they|i|guest|gst|guests|customer|customers|cx|child|kid|kids|man|woman|lady|gentleman|"
    r"boy|girl|baby|toddler|member|dad|mum|mom|father|mother|son|daughter|wife|husband|diner|"
    r"passenger|patient|waiter|waitress|server|chef|cook|colleague|someone|somebody|person|bloke|"
    r"guy|lad|fella|grandma|grandad|nan|gran|little one|little boy|little girl|staff member|"
    r"driver|cashier|porter|cleaner|elderly|pensioner|teenager|student|player|swimmer|rider)"
)
_NOT_NEGATION = r"(?!no |not |never )"
_HOT = r"(?:hot|boiling|scalding|steaming|searing|piping hot)"
_SPILL = r"(?:spill\w*|spilt|tipped|dropped|knocked|poured|splash\w*|went over|sloshed|threw)"
_THING_FELL = (
    r"(?:ceiling|tile|tiles|sign|shelf|shelves|shelving|lamp|light fitting|mirror|panel|branch|display|"
    r"tv|gate|barrier|beam|plaster|board|frame|pole|rack|box|boxes|crate|stand|speaker|canopy|"
    r"umbrella|parasol|awning|curtain rail|blind|pipe)"
)

# Illness and allergy: harm only if it happened, so counterfactuals cancel these.
HEALTH: tuple[str, ...] = (
    r"anaphyla\w*", r"epi ?pens?", r"adrenaline", r"auto ?injector\w*", r"antihistamines?",
    r"allergic reaction\w*", r"reactions?", r"reacting", r"hives", r"welts?", r"broke out in",
    r"breaking out", r"rash(?:es)?", r"blotch\w*", r"swell\w* up", r"swelling", r"puff(?:y|ing up|ed up)",
    r"(?:throat|lips?|face|tongue|mouth|eyes?|eyelids?|cheeks?|neck|skin|chest)s? (?:\w+ ){0,3}"
    r"(?:swell\w*|swollen|closing|clos\w* up|tight\w*|thick|tingl\w*|itch\w*|scratch\w*|fizz\w*|"
    r"numb|puff\w*|blotch\w*|red and|hot and)",
    r"(?:tingl\w*|itchy|swollen|numb|fizzy|puffy|scratchy|tight) (?:\w+ ){0,2}"
    r"(?:lips?|tongue|throat|mouth|face|eyes|chest)",
    r"scratch\w* (?:at )?(?:his|her|their|my) (?:neck|throat|skin|arms?|face|chest)",
    r"hoarse", r"wheez\w*", r"asthma attack",
    r"(?:used|using|needed|grabbed|took|reached for|gave (?:him|her|them)) (?:his |her |their |an |my |the )?inhaler",
    r"short of breath", r"breathless\w*", r"gasping", r"not breathing", r"stopped breathing",
    r"(?:cant|couldnt|cannot|can not|unable to|struggl\w* to|trouble|difficulty|hard to|hard time|"
    r"problems?|strugglin) (?:\w+ ){0,1}breath\w*",
    r"breathing (?:is |was )?(?:difficult|laboured|labored|heavy|funny|weird|strange|fast|shallow)",
    r"food poison\w*", r"poisoned", r"poisoning", r"salmonella", r"e ?coli", r"norovirus", r"listeria",
    r"gastro ?enteritis", r"gastro (?:bug|virus)", r"sickness bug", r"vomit\w*", r"threw up", r"throw(?:ing|s)? up",
    r"puk(?:e|ed|es|ing)",
    r"diarr?h?o?ea\w*", r"the runs", r"cant keep (?:anything|food|water|it) down",
    r"stomach (?:ache|aches|pain|pains|cramps?|bug|upset)", r"upset stomach", r"(?:tummy|belly) (?:ache|pain|bug)",
    r"cramps", r"nause\w*", r"fever\w*", r"(?:in|on|to) the (?:toilets?|loo|bathroom) (?:all night|since|ever since)",
    r"(?:got|get|gotten|getting|felt|feel|feeling|feels|fell|became|become|been|was|were|is|are|"
    r"went|being|(?:made|making|makes|make) (?:him|her|them|me|us|people|everyone)) "
    rf"{_NOT_NEGATION}(?!off )(?:\w+ )?(?:sick|ill(?= after| since| all| overnight| from| with| and| for| today|"
    rf" last| this| "
    r"again| now| the|$)|unwell|poorly)(?! of| and tired)", r"taken ill",
    r"(?:sick|ill) (?:after|since|overnight|all night|from eating|from the)",
    r"dizzy", r"dizziness", r"light ?headed", r"faint\w*(?! smell| smells| trace| hint| noise| sound| whiff)",
    r"passed out", r"blacked out", r"unconscious", r"unresponsive", r"lost consciousness",
    r"(?:went|gone|going|turned|turning) (?:very |really |all |a bit |bit |quite |so |completely )?"
    r"(?:grey|gray|pale|white|blue|faint|funny|clammy|limp|floppy|woozy|shaky|wobbly)",
    r"(?:looks?|looked|looking|felt|feel|feels|feeling) (?:very |really |all |a bit |bit |quite |so )?"
    r"(?:faint|funny|clammy|woozy|shaky|pale|light ?headed|weak|strange|weird|odd)",
    rf"{PERSON} (?:\w+ )?(?:collapsed|keeled over|slumped|went down|crumpled)",
    r"slid down the wall", r"keel(?:ed|s)? over", r"cpr", r"defib\w*", r"resuscitat\w*", r"recovery position",
    r"dazed", r"concussed", r"barely conscious", r"semi ?conscious", r"spiked",
    r"(?:went|fell|landed|ended up|lying) (?:flat |straight )?on (?:his|her|their|my) (?:back|face|bum|side|head|"
    r"front)",
    r"(?:hair|sleeve|scarf|tie|clothes|jacket|hand|finger|fingers|arm) (?:\w+ ){0,2}(?:caught|trapped|stuck|pulled|"
    r"dragged) in (?:the |a )?(?:mixer|machine|blender|slicer|mincer|door|escalator|fan|shredder|conveyor|roller|chain|"
    r"belt|lift)",
    r"(?:assault\w*|punched|stabbed|mugged|groped|glassed|headbutted|beaten up|beat him up|beat her up)",
    r"(?:fight|brawl|scuffle) (?:broke out|started|kicked off)",
    r"(?:pulled|with|had|waving) a (?:knife|gun|weapon|blade)",
    r"(?:broke|broken|break|breaking) into (?:his|her|their|my|the|a|our) (?:room|car|locker|house|cabin|flat|"
    r"apartment|"
    r"van|suite)", r"(?:tried to|trying to) break in", r"break ?in (?:at|to)", r"burglar\w*",
    r"threaten\w*(?! (?:to )?(?:leave|post|"
    r"write|sue|call|report|cancel|complain|go|take|review|never|chargeback|dispute|tell))", r"harass\w*",
    r"(?:hit|hitting|smacked) (?:the )?(?:floor|ground|mat|deck|pavement|tiles) (?:hard|head first|face first)",
    r"(?:lying|lay|slumped|collapsed) (?:down )?on the (?:floor|ground|pavement)",
    r"(?:hes|shes|he is|she is|he was|she was|he looks|she looks|he looked|she looked) "
    r"(?:\w+ )?(?:grey|gray|pale|ashen|clammy|shivering|shaking|sweating|trembling|confused|disoriented|drowsy|"
    r"floppy|limp|unwell|sick|ill)",
    r"(?:legs|knees) (?:gave way|buckled|went)", r"headaches?", r"migraine",
    r"(?:heart|chest) (?:attack|pains?|racing|pounding)", r"palpitations", r"seizure\w*",
    r"panic attack", r"went hypo", r"hypo\b", r"(?:eye|ear|skin|chest|stomach) infection", r"infect\w*",
    r"safe to (?:eat|drink)", r"raw (?:chicken|meat|pork|poultry) (?:\w+ ){0,3}(?:leak\w*|dripp\w*|juices?|touch\w*)",
)

# Injuries and hazards: a near miss is still a hazard to report ("could have fallen through"),
# so only a plain denial ("nobody was hurt") cancels these.
HAZARD: tuple[str, ...] = (
    r"(?:taken|went|go|going|rushed|sent|ended up|admitted|trip|straight|way) (?:to |in |into )?"
    r"(?:the )?hospital", r"in hospital", r"hospital (?:visit|overnight|trip)", r"hospitali[sz]ed",
    r"ambulance", r"paramedics?", r"first aid\w*", r"urgent care", r"a&e", r"a and e", r"emergency room",
    r"(?:called|calling|call|rang|ring|dialled|dialed|dial|phoned) (?:NUM|an ambulance|the paramedics)"
    r"(?! (?:times|x|mins|minutes|hours|hrs|days|NUM))",
    r"stitches", r"concussion\w*", r"injur\w*", r"wound\w*",
    r"(?:got|get|was|were|been|is|badly|seriously|getting|are|be) hurt",
    r"hurt (?:his|her|their|my|him|herself|himself|themselves|myself|your)", rf"hurt {BODY}",
    r"in (?:a lot of |so much |severe |real |terrible )?(?:pain|agony)", r"(?:crying|screaming) (?:in|with) pain",
    r"(?<!gears )(?<!gears still )(?<!gear )(?<!clutch )(?<!clutch still )(?<!chain )(?:slipped|slipping|slipd|"
    r"sliped|slipt)(?! (?:my|his|her|their|your|our|a|an|it|the note|into|under|through|"
    r"away|out|past|by|off the)\b)", r"slips? (?:on|over)", r"slippery",
    r"(?:tripped|tripping|trips)(?! (?:the )?(?:fuse|breaker|switch|circuit|power))"
    r" (?:on|over|up|and)", r"tripped(?! (?:the )?(?:fuse|breaker|switch|circuit|power))",
    r"(?:fell|fallen|falling|falls) (?:down the|down some|down (?:\w+ )?(?:stairs|steps)|backwards|forwards|forward|"
    r"badly|hard|heavily|face|flat on)",
    rf"{PERSON} (?:\w+ )?(?:fell|has fallen|had fallen)(?! asleep| in love| for| behind| silent| quiet| apart|"
    rf" through| short| flat| off the "
    r"wagon)",
    r"(?:took|had) a (?:bad |nasty |heavy )?fall",
    r"went (?:over|flying|headfirst|head first|backwards|down (?:\w+ ){0,2}(?:steps|stairs))",
    r"(?:gone|went|going) over on (?:his|her|their|my) ankle", r"face (?:first|down)",
    r"landed (?:hard |heavily |badly )?on",
    r"came down (?:hard|on (?:his|her|their|the edge))", r"rolled (?:out|off)",
    r"lost (?:his|her|their|my) (?:balance|footing)", r"caught (?:his|her|their|my) (?:foot|heel|toe|leg|shoe)",
    r"knocked (?:him|her|them|me|over|down|out|unconscious)",
    r"(?:cut|cuts|burn|burnt|burned|burns|scald\w*|sliced|bruised|broke|broken|sprained|twisted|hit|scraped|skinned|"
    r"scratched|gouged|"
    rf"bumped|banged|trapped|crushed|jammed|caught|grazed|gashed|split|stubbed|fractured|"
    rf"dislocated) (?:{WHOSE} )?{BODY}",
    rf"{BODY_NOUN} (?:\w+ )?(?:was |is |got |has |been )?(?:cut|burnt|burned|scalded|bleeding|bruised|broken|"
    r"trapped|crushed|jammed|blistering|blistered|fractured|swollen|grazed)",
    r"nail (?:\w+ )?(?:torn|ripped|pulled|came) off",
    r"(?:cut|gash|graze|lump|bump|bruise|wound|burn|blister|welt|scratch|sprain|swelling|laceration)s? "
    rf"(?:on|to|above|below|in|across|over|under) (?:{WHOSE} )?(?:\w+ )?{BODY}",
    r"(?:deep|nasty|bad|big|huge|open) (?:cut|gash|graze|wound|burn|lump|bump|bruise)", r"egg sized lump",
    r"cut (?:himself|herself|themselves|myself|yourself|open)", r"grazes?", r"gash\w*", r"blister\w*(?! packs?)",
    r"(?:burnt|burned|scalded|bitten|stung|cut|hit|struck|knocked|thrown) by", r"scald(?:ed|s)", r"bites",
    r"(?<!practically )(?<!basically )(?<!came out )(?<!still )bleed\w*", r"bled",
    r"blood(?! pressure| sugar| test| orange| type| donor| bank| moon| mary)", r"bloody nose",
    r"nosebleed", r"(?:chipped|cracked|broke|broken|lost) (?:a |his |her |their |my )?(?:front )?tooth",
    r"tooth (?:chipped|cracked|broke|broken|came out)", r"fractur\w*", r"sprain\w*", r"dislocat\w*", r"whiplash",
    rf"(?:holding|clutching|gripping|rubbing) (?:his|her|their|my) {BODY}",
    rf"(?:pressing|holding) (?:a |an )?(?:napkin|cloth|towel|tissue|ice pack)\w* (?:to|on|against) (?:{WHOSE} )?{BODY}",
    r"(?:cant|couldnt|cannot|unable to|can not) (?:put (?:any )?weight|stand up|get up|walk|move (?:his|her|their))",
    rf"(?:hit|struck|caught|clipped|smacked|whacked|punched|bashed) (?:\w+ ){{0,3}}(?:on|in) (?:the|{WHOSE}) {BODY}",
    rf"(?:hit|struck|caught|clipped|smacked|whacked) (?:a |an |the |his |her )?(?:\w+ )?{BODY_NOUN}",
    r"(?:nearly|almost|narrowly) (?:hit|crushed|fell|fallen|ran over|run over|knocked|landed on|drowned|"
    r"choked|electrocuted|crashed)",
    rf"(?:fell|dropped|came down|landed|toppled|crashed) (?:\w+ ){{0,3}}(?:on|onto) (?:a |the |her |his |their |my )?"
    rf"(?:{PERSON}|{BODY}|head|foot|feet|lap|chest)",
    rf"dropped (?:\w+ ){{0,3}}on (?:{WHOSE} )?(?:\w+ )?{BODY}",
    r"(?:chok(?:ed|ing|es|e)|heimlich (?:maneuver|manoeuvre|manouver)|did the heimlich|the heimlich|back blows|"
    r"went down the wrong way|stuck in (?:his|her|their|my) throat|"
    r"bone (?:\w+ ){0,2}stuck)", r"swallowed", r"drown\w*", r"went under",
    r"pulled (?:out )?(?:of|from) the (?:water|pool)",
    r"lifeguard (?:\w+ ){0,3}(?:pulled|jumped|rescued|dragged|not watching|not paying|wasnt watching|dived)",
    r"electric\w* (?:shock|shocked)", r"electrocut\w*", r"shock (?:from|off|when|touching)", r"shocked by",
    r"zapped", r"(?:fork|knife|finger|fingers|key|pin) (?:\w+ ){0,2}(?:in|into) (?:the |a )?(?:socket|plug|outlet)",
    r"(?:shards?|pieces?|bits?|fragments?|slivers?|splinters?|chunks?|flecks?) of (?:\w+ ){0,2}(?:glass|metal|wire|"
    r"plastic|steel)",
    r"glass shards?", r"glass in (?:this|it|mine|here|there)",
    r"glass (?:in|inside) (?:the |his |her |their |my |a |an )?(?:\w+ )?(?:food|dish|meal|salad|soup|"
    r"drink|pint|burger|sandwich|bread|pizza|dessert|cake|rice|pasta|curry|risotto|starter|main|sauce|stew|fish|"
    r"chips|fries|plate|bowl|mouth|gums?|ice|cocktail|coffee|juice|smoothie|cereal|yogh?urt|order|portion|cup|"
    r"water|wine|beer|mash|veg|gravy|omelette|eggs|breakfast|lunch|dinner|starter)",
    r"metal (?:shavings?|shards?|wire|staple|bristle|piece|bit)s?",
    r"(?:sliver|shard|splinter)s?", r"crunch\w* like glass", r"something (?:sharp|hard|clear and sharp|crunchy|metal)",
    r"(?:staple|screw|bolt|wire|bristle|blade|razor|pin|stone|plastic|metal)s? (?:in|inside) (?:the |his |her |my |"
    r"their |a |an )?"
    r"(?:\w+ )?(?:food|dish|meal|salad|soup|drink|burger|sandwich|bread|pizza|dessert|cake|rice|pasta|curry|risotto|"
    r"starter|main|sauce|stew|fish|chips|fries|mouth|cereal|yogh?urt|portion|wrap|pie|roll|smoothie|coffee|shower|bed)",
    r"(?:bit|bite|bitten|biting|crunched) (?:into|on) (?:something|a piece|a bit|some)",
    r"spat out (?:a|an|some|something)", r"razor blades?", r"blade", r"sharps",
    r"stepped on (?:a |some )?(?:\w+ )?(?:nail|glass|needle|syringe|blade|razor)",
    r"(?:used|dirty|hypodermic|drug|sharp) needles?", r"needles? (?:in|on|under|behind|found|left)", r"syringes?",
    r"bed ?bugs?", r"cockroach\w*", r"roach(?:es)?", r"rats?", r"rodents?", r"mice", r"mouse", r"maggots?",
    r"weevils?", r"flies(?! by)", r"wasps?", r"hornets?", r"bees? (?:sting|stung|nest)", r"stung", r"stings?",
    r"(?:something|bugs?|insects?|things?) (?:\w+ )?(?:biting|bit)", r"bite marks", r"teeth marks",
    r"(?:dog|cat|animal|parrot|horse) (?:\w+ ){0,3}(?:bit|bite|bitten|attacked|scratched|went for)",
    r"droppings", r"pest control", r"infest\w*", r"mou?ld(?:y|s)?", r"mildew",
    r"(?:black|green|grey|white) (?:and )?(?:fuzzy|furry|fluffy)",
    r"(?:fuzzy|furry) (?:\w+ )?(?:patch|patches|growth|spots)",
    r"gas leak\w*", r"gas (?:smell|odou?r|stink|whiff)\w*",
    r"gas (?:bottle|cylinder|canister|pipe|line|tap|valve|hob|heater)s? (?:\w+ ){0,4}(?:hiss\w*|leak\w*|smell\w*)",
    r"hiss\w* (?:\w+ ){0,4}gas", r"burning (?!dust)(?:\w+ )?(?:smell|odou?r|stink)",
    r"(?:socket|plug|outlet|switch|cable|wire|charger|adapter|adaptor|extension|lead|fusebox|fuse box) (?:\w+ ){0,4}"
    r"(?:hot|warm) to (?:the )?touch", r"(?:wire|cable|socket|switch|light|fitting|rail|handle|metal|tap) (?:\w+ ){0,3}"
    r"(?:was|is|were|still) live",
    r"(?:smell|smelt|smelled|smells|smelling|stinks?|stank|reeks?|reeked) (?:\w+ ){0,2}(?:of |like )?"
    r"(?:gas|burning(?! dust)|rotten eggs?|sulph?ur|melting|melted|electrical|scorched|chemicals?|fumes)",
    r"(?:smell|whiff|stench|stink|odou?r) of (?:burn+i?n+g?(?! dust)|gas|melting|rotten eggs|sulph?ur|scorching)",
    r"gas (?:hob|ring|cooker|oven|heater|fire|boiler|tap) (?:\w+ ){0,2}(?:left on|on|unlit|leak\w*)", r"pilot light",
    r"carbon monoxide", r"co alarm", r"fumes",
    r"(?:exposed|bare|live|loose|frayed|hanging|naked) (?:\w+ )?(?:wire|wires|wiring|cable|cables)",
    r"spark(?:s|ed|ing)", r"short circuit\w*", r"scorch\w*(?! marks?)", r"burning smell", r"haze",
    r"(?:plug|socket|sockets|cable|wire|wires|strip|charger|outlet|adapter|adaptor|switch|lead|extension|heater|"
    r"toaster|fryer|oven|microwave|kettle|dryer|hairdryer|lamp|motor|fan|tv|fridge|battery|laptop|phone|"
    r"appliance|hob|stove|grill|engine|bonnet|hood|boiler|vent|light|fitting|bulb|projector|unit|machine|"
    r"dishwasher) (?:\w+ ){0,3}(?:smok\w*|spark\w*|melt\w*|scorch\w*|caught fire|on fire|burning|overheat\w*|"
    r"sizzl\w*|crackl\w*|fizz\w*|(?:burnt|burned)(?! out)|(?:gone|turned|went|all) black)",
    r"water (?:\w+ ){0,3}(?:dripp\w*|leak\w*|pour\w*|coming) (?:\w+ ){0,3}(?:light|lights|socket|sockets|plug|fitting|"
    r"fittings|fuse|fusebox|electrics|electrical|switch|outlet)",
    r"smoke (?:filled|filling|coming|pouring|billowing|rising|everywhere|from|out|on the|in the|inside|all over|"
    r"alarm|alarms|detector|detectors)",
    r"(?:see|saw|seen|smell|smelt|smelled|smelling|smells|full of|filled with|there is|theres|there was|a lot of|"
    r"lots of|thick|black|billowing|plume of|cloud of|clouds of|grey|gray) smoke", r"smok(?:y|ey)",
    r"(?:started|start|starts|is|was|were|began|keeps|kept|began) smoking(?! again| outside| on| in the| area| room)",
    r"(?:small |kitchen |grease |chip pan |electrical |bin |oil |car |pan )?fire (?:in|broke|started|on)",
    r"(?:caught|catch|catches|catching|set|sets|setting|lit) (?:\w+ )?(?:on )?fire",
    r"(?:a|small|kitchen|grease|chip pan|electrical|bin|oil|pan) fire", r"(?:in|into|burst into|up in) flames",
    r"flames? (?:coming|shooting|from|everywhere|up|out)", r"flare up", r"fireball",
    r"fire (?:brigade|department|service|crew|engine|truck|fighters?|marshal)s?", r"firefighters?",
    r"evacuat\w*", r"fire extinguishers?", r"extinguisher\w*", r"fire blanket",
    r"(?:smoke|fire|co|gas) (?:alarm|alarms|detector|detectors)",
    r"(?<!minibar door )(?<!minibar )(?<!car )(?<!fridge )(?<!freezer )alarm\w*(?! clock)(?: (?!didnt|did|never|not|"
    r"wont|doesnt|dont)\w+){0,3} "
    r"(?:going off|went off|goes off|gone off|sounding|sounded|ringing|rang|beeping|blaring|wailing|went|goes)",
    r"(?:fire|emergency) (?:exit|exits|door|doors|escape|escapes|route|routes|stairs)(?: \w+){0,10} "
    r"(?:blocked|locked|chained|obstructed|propped|wedged|padlock\w*|pallets|boxes|crates|stacked|stack|piled|"
    r"in front|jammed|wont open|doesnt open|cant open|cant be opened|barred)",
    r"(?:blocked|locked|obstructed|chained|padlocked) (?:\w+ ){0,2}(?:fire|emergency) (?:exit|exits|door|doors|escape)",
    r"(?:fire|emergency) (?:exit|exits|door|doors|escape)(?: \w+){0,8} (?:tied|strapped|screwed|nailed|taped|zip ?tied|"
    r"wired|roped) (?:shut|closed|up)",
    r"(?:crack|cracked|loose|broken|missing|wobbly) (?:\w+ ){0,3}(?:balcony|balustrade|railing|railings|handrail|"
    r"banister)",
    r"(?:in front of|against|blocking) (?:the |a |our )?(?:fire|emergency) (?:exit|exits|door|doors|escape)",
    r"wet floor (?:with )?(?:no|without)", r"asbestos", r"legionella", r"fire hazard",
    r"(?:safety|health|trip|tripping|choking|electrical|fall) hazard",
    r"(?:lift|elevator) (?:\w+ )?(?:dropped|plunged|fell)",
    r"(?:railing|railings|handrail|banister|balustrade|balcony) (?:\w+ )?(?:loose|broken|wobbl\w*|gave way|came off|"
    r"came away|collapsed)",
    r"brakes? (?:\w+ ){0,3}(?:failed|failing|gave out|went|spongy|soft|not working|didnt work|dont work|"
    r"light|warning|faulty|gone)", r"(?:tyre|tire)s? (?:\w+ ){0,3}(?:blew|blown|burst|blowout|bald|exploded|light|"
    r"shredded)", r"blow ?out", r"steering (?:\w+ ){0,3}(?:pulled|failed|locked|went|pulls)",
    r"(?:rear ended|crash(?:ed)? into|collision|car accident|road accident|accident on the)",
    r"(?:hit|knocked down|run over|ran over|reversed into|drove into) (?:by )?(?:a |the |our )?"
    r"(?:car|van|bus|truck|lorry|bike|scooter|cyclist|driver|gate|him|her)",
    r"chemicals? (?:left|spill\w*|burn\w*|smell|sprayed)",
    r"(?:bleach|detergent|chemicals?|cleaner|cleaning fluid|degreaser|saniti[sz]er|descaler|caustic|oven cleaner) "
    r"(?:\w+ ){0,8}(?:sip|sipped|drank|drunk|swallowed|mouthful|gulp\w*|tasted)",
    r"(?:bleach|detergent|chemicals?|cleaner|degreaser|saniti[sz]er) in (?:a |the |his |her )?(?:water )?(?:bottle|"
    r"glass|"
    r"jug|cup|drink)",
    r"(?:sprayed|spraying) (?:\w+ ){0,3}(?:chemical|cleaning|cleaner|"
    r"bleach|degreaser|product)",
    r"(?:chewing|chewed|swallowed|swallowing|drank|drunk|ate|eaten|licked|licking|sucking|sucked|mouthing|"
    r"in (?:his|her|their) mouth) (?:\w+ ){0,4}(?:tablets?|detergent|capsules?|pods?|battery|batteries|pills?|"
    r"medicine|poison|cleaner|cleaning|sanitiser|sanitizer|chemicals?)", r"button batter\w*",
    rf"{_SPILL} (?:\w+ ){{0,3}}{_HOT} \w+", rf"{_HOT} (?:\w+ ){{0,2}}(?:spill|splash|spilled|splashed|all over|"
    rf"over (?:him|her|them))",
    rf"{_HOT} (?:\w+ ){{0,3}}(?:on|onto|over|down|across|all over) (?:{WHOSE} )?(?:\w+ )?{BODY}",
    r"(?:red|raw|bright red) and (?:bubbling|blistering|blistered|raw|swollen|weeping)",
    r"skin (?:\w+ ){0,2}(?:peeling|bubbling|blistering|raw|came off|coming off)", r"red marks?",
    r"(?:threw|thrown|flung|came|fell|falling) off (?:the |a |his |her |their )?(?:\w+ )?"
    r"(?:bike|treadmill|machine|horse|scooter|ladder|stage|chair|stool|bed|high ?chair|cot|table|slide|swing|"
    r"trampoline|balcony|bus|step|steps|bench|bunk)",
    r"(?:came|coming|fell|falling|swung|crashed) down (?:on|onto) (?:him|her|them)",
    r"fell (?:on|onto) (?:him|her|them)",
    rf"{_THING_FELL} (?:\w+ ){{0,2}}(?:fell|came down|collapsed|gave way|toppled|dropped|crashed) (?:\w+ ){{0,3}}"
    rf"(?:(?:on|onto) (?:the |a |her |his |their )?(?:{PERSON}|{BODY}|table|tables|diners|bed|pram|buggy)|and hit|"
    rf"hitting|"
    r"nearly|narrowly|just missed)",
    r"(?:cable|wire|rope|chain|strap|belt|bar|spring) (?:\w+ ){0,3}snapped (?:\w+ ){0,3}(?:hit|into)",
    r"(?:caught|trapped|stuck|dragged) (?:\w+ )?in (?:the |a )?(?:escalator|lift doors?|revolving door|machine|gate|"
    r"automatic doors?|shutter|conveyor)",
    r"(?:could|might|would) have (?:\w+ )?(?:fallen|fell|been (?:hurt|injured|killed|electrocuted|burnt|burned|"
    r"crushed)|"
    r"died|choked|drowned)",
    r"(?:panel|railing|balustrade|balcony|glass|handrail|banister) (?:\w+ ){0,3}wobbl\w*",
    r"(?:threw|throws|thrown|flung) (?:\w+ ){1,2}off",
    r"emergency stop (?:\w+ )?(?:broken|not working|doesnt work|failed)",
    r"sharp (?:edge|corner|point|metal)s?", r"(?:stuck|trapped) in (?:the |a )?(?:lift|elevator)",
    r"(?:ended up|ending up|wound up|found (?:him|her|them)) (?:\w+ )?on the (?:floor|ground)",
    r"danger\w*(?! (?:good|tasty|delicious|addictive|moreish|comfy|comfortable|easy|cheap|close to)\b)", r"unsafe",
    r"not safe", r"death trap", r"accident waiting to happen",
)

# Round 4, told as a story: a tongue that "feels huge", swallowing that got hard.
HEALTH += (
    r"tongue (?:\w+ ){0,2}(?:feels? |felt |is |was |went )?(?:huge|massive|big|thick|fat|swollen|heavy)",
    r"(?:hard|difficult|struggling|trouble|can ?t|cannot|couldn ?t) (?:\w+ ){0,1}(?:to )?swallow\w*",
)

# Dangerous only if someone was there: cancelled when the report says nobody was harmed.
SOFT: tuple[str, ...] = (
    r"(?:fell|fallen|falling|falls) (?:down|over|off|from|on|onto|into|in|out|again|against|and|through the|through a)"
    r"(?! love| asleep| apart)",
    r"needles?",
    r"(?:broken|smashed|shattered|cracked|chipped) glass (?:\w+ ){0,3}(?:on|all over|in|everywhere|across|under) "
    r"(?:the |a )?(?:\w+ )?(?:floor|ground|carpet|play|pool|bed|table|bar|sand|grass|beach|area|bath|shower|sink)",
    r"glass (?:\w+ )?(?:broke|shattered|smashed|exploded|splintered) (?:in|on|over|into) (?:his|her|their|my|the|a) "
    r"(?:\w+ )?(?:hand|hands|face|lap|head|guest|customer|child|kid|table)",
    r"(?:nearly|almost) (?:\w+ )?(?:fell|fall|slipped|tripped)",
    r"(?:gave way|collapsed|snapped|broke) (?:under|beneath) (?:him|her|them|a|the)",
)

REASSURE: tuple[str, ...] = (
    r"(?:nobody|no one|noone|none of them|neither of them) (?:\w+ ){0,3}(?:hurt|injured|harmed|cut|burnt|burned|"
    r"sick|ill)", r"unhurt", r"unharmed", r"uninjured", r"no harm done", r"no injur\w*",
    r"(?:hes|shes|theyre|everyones|everyone is|everyone was|he was|she was|they were) (?:totally |completely )?"
    r"(?:fine|ok|okay|alright|all right)(?! but| now but)", r"not hurt",
)

EXCUSES: tuple[str, ...] = (
    r"sewing", r"thread", r"knitting", r"arrived", r"in the (?:box|post|packaging|parcel)", r"delivered",
    r"packaging", r"non ?smoking",
    r"cigarettes?", r"smokers?", r"vap(?:e|ing)",
)

DENIALS = frozenset({
    "no", "not", "never", "without", "nobody", "none", "noone", "neither", "nor",
    "didnt", "wasnt", "werent", "isnt", "arent", "dont", "doesnt", "hasnt", "havent", "hadnt",
    "wont", "cant", "couldnt",
})
HYPOTHETICALS = frozenset({"avoid", "avoided", "prevent", "prevented", "risk", "could", "would", "might", "if"})
SCOPE = frozenset({
    "one", "was", "were", "is", "are", "be", "been", "being", "got", "get", "getting", "have",
    "has", "had", "having", "a", "an", "any", "the", "sign", "signs", "of", "real", "serious",
    "major", "actual", "allergic", "cause", "caused", "causing", "suffer", "suffered", "show",
    "showed", "showing", "further", "apparent", "obvious", "visible", "reported", "seem",
    "seemed", "to", "evidence", "it", "lead", "led", "result", "resulted", "in", "experience",
    "experienced", "medical", "proper", "anyone", "anybody", "people", "guests", "customers",
    "actually", "thankfully", "luckily", "fortunately", "thank", "god", "there", "sort", "kind",
    "need", "needed", "ones", "harmed",
})

SUBJECTS= frozenset({ "guest", "guests", "customer", "customers", "child", "kid", "kids", "member", "members",
"diner", "diners", "staff", "person", "passenger", "passengers", "patron", "client", "clients", "one"})

WORDS = Words(hazard=HAZARD, health=HEALTH, soft=SOFT, reassure=REASSURE, excuses=EXCUSES, denials=DENIALS,
              hypotheticals=HYPOTHETICALS, scope=SCOPE, subjects=SUBJECTS)
