"""Answer kinds: what kind of sentence answers a question, and where a passage holds one.

"Что такое …?", "… деген не?" want a definition; "когда …?", "қашан …?" a date; "сколько
…?", "қанша …?" a count; "на какой срок", "қанша жылға" a duration; "как часто", "қаншалықты
жиі" a frequency ("сколько раз в год" is a count, which "не более двух раз" answers); "кто", "кім" a person;
"где", "қай елде" a place; "какие виды", "қандай қағидалар" a list; "почему", "неге" a
reason; "какая статья", "қай бап" an article of a law. Such question words are stop words,
so on their own they would be lost. Instead, a passage gets one pseudo-term per place it
holds an answer of each kind (`=def`, `=year` …), a question of that kind asks for the
pseudo-term, and the answerability check (answerability.py) asks whether the shown
excerpt holds one. The tokenizer never produces "=", so a pseudo-term cannot collide with
a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from knowledge.translit import latin_to_cyrillic

DEFINITION = "=def"
YEAR = "=year"
NUMBER = "=num"
REASON = "=why"
DURATION = "=dur"
PERSON = "=who"
PLACE = "=where"
LIST = "=list"
ARTICLE = "=art"
WHEN = "=when"  # "когда созывается", "қашан заңды болады": a year, a date, a deadline or a condition
MONEY = "=money"  # "сколько стоит", "жалақысы қанша": an amount of money, not any number
FREQUENCY = "=freq"  # "как часто", "қаншалықты жиі": how often, as a law says it ("не реже …", "жыл сайын")
HOLDER = "=holder"  # "кто сейчас аким", "бірінші әкімі кім болды", "кто победил": a person by name, not an office
# "«үшінші сектор» деп аталатын …", "Жергілікті өзін-өзі басқару – халықтың …": a definition by a so-called or by
# a term and a dash, spotted at excerpt time only — as an index term it would lower the idf of DEFINITION
DEFINED = "=defined"
NAME = "=name"  # "как назывались", "қалай аталады", "аты қандай": what something is called («…», "… деп аталды")
AGE = "=age"  # "с какого возраста", "қай жастан": an age, as a law states it ("достигший двадцати лет", "жиырма жасқа")
PERMIT = "=may"  # "может ли", "бола ала ма": whether one may, as a law permits or forbids ("не вправе", "құқығы жоқ")
PARTS = "=parts"  # "из кого состоит", "неден тұрады", "кто входит в состав": what a whole is made of
ACT_NUMBER = "=no"  # "какой номер у закона", "заңның нөмірі": an act's number as a text writes it («№ 344», «N 148-II»)

# Kinds whose answer is a plain fact a sentence either states or does not: when the passage
# holds none, the sources do not answer (a person, a place or a list is too loosely spotted).
CRISP = frozenset({YEAR, NUMBER, DURATION, ARTICLE, MONEY, FREQUENCY, HOLDER, AGE, ACT_NUMBER})

# Numbers written as words, as laws write them ("не реже четырех раз", "кемінде бір рет",
# "не менее трех четвертей", "жартысынан астамы"): Russian in its cases, Kazakh with the endings a
# count takes (екеу, үштен, төрттен бірі). A bare «бір» is Kazakh's article, so only «бір рет».
_NUMBER_WORDS = (
    r"екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз|он|жиырма|отыз|қырық|елу|алпыс|жетпіс|сексен|тоқсан|жүз|мың"
    r"|миллион|миллиард|екеу\w*|үшеу\w*|төртеу\w*|бесеу\w*|алтау\w*|жетеу\w*|сегізеу\w*|онау\w*"
    r"|(?:екі|үш|төрт|бес|алты|жеті|сегіз|тоғыз|он|жиырма|отыз|қырық|елу|алпыс|жетпіс|сексен|тоқсан|жүз|мың)"
    r"(?:ден|тен|нан|дан|тан|нен)|бір\s+рет|біреу\w*|жарты\w*"
    r"|один|одн(?:а|о|ого|ой|ому|им|ими|их|у)|дв(?:а|е|ух|ум|умя)|тр(?:и|ех|ёх|ем|ём|емя|ёмя)"
    r"|четыр(?:е|ех|ёх|ем|ём|ьмя)|(?:пят|шест|девят|десят|двадцат|тридцат|\w{2,5}надцат)(?:ь|и|ью)"
    r"|сем(?:ь|и|ью)|вос(?:емь|ьми|емью)|сорок[а]?|пят(?:ьдесят|идесяти)|шест(?:ьдесят|идесяти)|девяност[оа]"
    r"|сто|ста|двест\w+|трист\w+|тысяч\w*|миллион\w*|половин\w*|трет(?:ь|и|ей|ью)|четверт(?:ь|и|ей)"
    r"|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|half"
)
# When something happens, as a law says it: a date, a deadline, a condition or an event
# ("до 20 мая", "не позднее одного месяца", "при условии", "аяқталғанда", "егер … қатысса").
_MONTHS = (
    r"январ\w*|феврал\w*|март\w*|апрел\w*|ма[яюй]|июн\w*|июл\w*|август\w*|сентябр\w*|октябр\w*|ноябр\w*"
    r"|декабр\w*|қаңтар\w*|ақпан\w*|наурыз\w*|сәуір\w*|мамыр\w*|маусым\w*|шілде\w*|тамыз\w*|қыркүйек\w*"
    r"|қазан\w*|қараша\w*|желтоқсан\w*"
)
# A name written with its initials: «А.Токвиль», «А.С. Автономов» (a person cue and a holder's name alike).
_INITIALS_NAME = r"(?<!\w)[А-ЯЁӘҒҚҢӨҰҮҺІA-Z]\.\s?(?:[А-ЯЁӘҒҚҢӨҰҮҺІA-Z]\.\s?)?[А-ЯЁӘҒҚҢӨҰҮҺІA-Z][\w-]{2,}"
# The question words that ask who: also who wrote a document (WHO below) and who holds an office (HOLDER).
_WHO_WORDS = (r"кто|кем|кого|чей|чья|чьи|чьё|кім|кімнің|кімдер\w*|кімде|кімдікі|ким|кимнин|кимдер\w*|кимде|кимдики"
              r"|who|whose|whom|kim|kimnin|kimder")

_PASSAGE_CUES = {
    DEFINITION: re.compile(
        r"\s[–—-]\s+(?:бұл|это)\s|дегеніміз|деп аталады|деп анықта|деп түсін|ұғымына\s+анықтама"
        r"|понимается|называется|определяется как|is defined as|refers to"
        # a law's list of terms: "1) аким - представитель …", "6-2) жергілікті қоғамдастық жиыны – …"
        r"|^\s*\d{1,2}(?:-\d{1,2})?\)\s+[^\n;:–—]{2,80}?\s[–—-]\s",
        re.I | re.M,
    ),
    # "1985ж", "1991 ж.", "2001-жылы": a year may be glued to its abbreviation
    YEAR: re.compile(r"(?<![\d\[,])\b(?:1[89]\d\d|20\d\d)(?!\d)(?=\b|ж|г|-)"),
    NUMBER: re.compile(
        r"\b\d{1,3}(?:[  ]\d{3})+\b|\b\d+\s*(?:-?\s?(?:нан|нен|ден|дан|тан|тен|ға|ге|қа|ке))?\s*"
        r"(?:мың|млн|миллион|млрд|тыс|пайыз|процент|%|thousand|million)"
        rf"|(?<!\w)(?:{_NUMBER_WORDS})(?!\w)|(?<![\d.\[,-])\b\d{{1,3}}\b(?!\s*[\].)])(?!-\d+\))(?!\s*-?\s*(?:{_MONTHS}))(?!(?:-\d+)*-?\s?(?:бап|баб|бөл|тарау|тармақ|тармағ|ст))(?!\s?(?:б\.|бет|с\.|стр|p\.))",
        re.I,
    ),
    REASON: re.compile(
        r"себеб|өйткені|сондықтан|байланысты|нәтижесінде|салдар|потому что|так как|поскольку|из-за"
        r"|причин|вследствие|поэтому|(?<!\w)ведь(?!\w)|благодаря|because|due to|therefore",
        re.I,
    ),
    DURATION: re.compile(
        r"(?<![\d.])\b\d{1,3}\s?-?\s?(?:(?:жұмыс|рабочих|календарных|күнтізбелік)\s+)?(?:жыл(?!ы\b|дар)\w*|ай(?:\b|ға|дан|лық)|апта\w*"
        r"|күн\w*|лет\b|год(?:а|ов)?\b|месяц\w*|дн(?:я|ей)\b|день|недел\w*|years?\b|months?\b|days?\b)"
        # "екі жұмыс күні ішінде", "в течение десяти дней": a deadline in days is a span of time too
        rf"|(?<!\w)(?:{_NUMBER_WORDS})\s+(?:(?:жұмыс|рабочих|календарных|күнтізбелік)\s+)?"
        r"(?:жыл\w*|ай\w*|лет|год\w*|месяц\w*|күн\w*|дн(?:я|ей)\b|день|недел\w*|апта\w*|years?|days?)"
        r"|мерзім\w*\s+\w*\s*(?:жыл|ай)|мерзімсіз|бессрочн|пожизненн"
        # "бір айдан кешіктірілмейтін мерзімде": one month (a bare «бір» is Kazakh's article, not a number)
        r"|(?<!\w)бір\s+(?:(?:жұмыс|күнтізбелік)\s+)?(?:жыл(?!ы\b)\w*|ай(?:\b|ға|дан|дың|ы\b)|апта\w*|күн(?:\b|нен|де))",
        re.I,
    ),
    FREQUENCY: re.compile(
        r"(?<!\w)(?:раза?\s+в\s+(?:течение\s+)?(?:\w+\s+)?(?:год\w*|лет|месяц\w*|квартал\w*|полугоди\w*|недел\w*)"
        r"|ежегодн\w*|ежемесячн\w*|ежеквартальн\w*|еженедельн\w*|ежедневн\w*|дважды\s+в|не\s+реже"
        r"|(?:жыл|ай|тоқсан|апта|күн)\s+сайын|жылына|айына|тоқсанына|жылда\s+(?:бір|екі)\s+рет"
        r"|annually|every\s+(?:\w+\s+)?(?:years?|months?)|once\s+a)(?!\w)",
        re.I,
    ),
    PERSON: re.compile(
        _INITIALS_NAME
        + r"|(?<!\w)[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]+(?:ов|ев|ёв|ин|ын|ий|ский|цкий|ұлы|улы|қызы|кызы|ова|ева|ина)\b"
        # a capital inside a sentence, unless inside «…»: «Америкадағы Демократия» is a title, not a person
        r"|(?<=[\w,»] )[А-ЯЁӘҒҚҢӨҰҮҺІA-Z][а-яёәғқңөұүһіa-z]{2,}(?![^«»\n]*»)",
    ),
    # a person's own name: initials and a surname, or inside a sentence a surname by its ending (Назарбаев,
    # Әбішұлы); not a sentence's first word («Гражданин …») nor an adjective («Казахстанский»)
    HOLDER: re.compile(
        _INITIALS_NAME
        + r"|(?<=[а-яёәғқңөұүһі,] )[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]{2,}(?:ов|ев|ёв|ин|ұлы|улы|қызы|кызы|ова|ева|ина)\b",
    ),
    PLACE: re.compile(
        r"(?<=[\w,»] )[А-ЯЁӘҒҚҢӨҰҮҺІA-Z][а-яёәғқңөұүһіa-z]{2,}|\bАҚШ\b|\bСША\b|\bКСРО\b|\bСССР\b|\bUSA\b",
    ),
    WHEN: re.compile(
        r"(?<![\d\[,])\b(?:1[89]\d\d|20\d\d)(?!\d)(?=\b|ж|г|-)"
        rf"|\b\d{{1,2}}\s*-?\s*(?:{_MONTHS})(?!\w)"
        r"|(?<!\w)(?:егер|жағдай\w*|кез(?:де|інде|ден)|дейін|кейін|бұрын|ішінде|сайын"
        r"|если|при\s+условии|в\s+случае|в\s+течение|не\s+позднее|не\s+ранее|по\s+истечении|после|до\s+\d"
        r"|when|if|until|before|after|within)(?!\w)"
        r"|\w{3,}(?:ған|ген|қан|кен)(?:да|де)(?!\w)|\w{2,}(?:са|се)(?!\w)",
        re.I,
    ),
    LIST: re.compile(r":\s*\S|^\s*(?:•|[-–—]\s|\d{1,2}[.)]\s)|;\s|(?:,[^,.]{2,60}){2,}", re.M),
    DEFINED: re.compile(
        r"деп\s+аталатын|деп\s+аталған|анықтама(?:лар)?\s+беріл\w*|так\s+называем\w*|so-called"
        r"|(?:^|(?<=[.!?]\s))[А-ЯЁӘҒҚҢӨҰҮҺІA-Z][^\n.;:–—\d]{2,60}?\s[–—]\s+[а-яёәғқңөұүһі]",
        re.M,
    ),
    # a name given: "… Кеңес деп өзгертілді", "деп аталатын", "называется", "под названием", or a title in «…»
    NAME: re.compile(
        r"деп\s+(?:атал\w*|аталын\w*|атады|атайды|өзгертіл\w*|қайта\s+аталды)|атау(?:ы|ын|мен)\b|назва\w*|называ\w*"
        r"|именова\w*|именуе\w*|переименова\w*|«[^»\n]{2,80}»|\bcalled\b|\bnamed\b|\brenamed\b",
        re.I,
    ),
    MONEY: re.compile(
        r"\d[\d  ,.]*\s*(?:млн\.?\s*|млрд\.?\s*|миллион\w*\s*|миллиард\w*\s*|мың\s*|тыс\.?\s*)?"
        r"(?:тенге|теңге|тг\b|₸|руб\w*|доллар\w*|\$|евро|мрп|аек|месячн\w+\s+расчетн\w+|айлық\s+есептік)"
        r"|(?:тенге|теңге|₸|\$)\s*\d|(?:денежн\w+\s+содержани|оплат\w+\s+труда|жалақы\w*\s+мөлшер)",
        re.I,
    ),
    # a law's "may" and "may not": "вправе", "не может быть", "не допускается", "құқығы жоқ", "бола алмайды"
    PERMIT: re.compile(
        r"(?<!\w)(?:вправе|имеет\s+право|имеют\s+право|не\s+может|не\s+могут|не\s+допуска\w*|запреща\w*|разреша\w*"
        r"|құқылы|құқы(?:ғы)?\s+(?:жоқ|бар)|алмайды|болмайды|тыйым\s+салын\w*|жол\s+берілмейді|рұқсат\s+етіл\w*)(?!\w)",
        re.I,
    ),
    # "состоит из", "в состав … входят", "Структуру … образуют", "… мүшелерінен тұрады", "құрамына … кіреді"
    PARTS: re.compile(
        r"(?<!\w)(?:состо(?:ит|ят)\s+из|в\s+состав\w*|входя?т\s+в|образуют|включа(?:ет|ют)\s+в\s+себя"
        r"|\w+(?:нан|нен|дан|ден|тан|тен)\s+(?:тұрады|құралады|құрады)|құрамына\s+(?:\S+\s+){0,8}?кіреді|consists?\s+of)",
        re.I,
    ),
    ARTICLE: re.compile(r"\b\d+(?:-\d+)?\s?-?\s?(?:бап|баб)\w*|\bстат\w*\s+\d+|\bст\.\s?\d+|\barticle\s+\d+", re.I),
    ACT_NUMBER: re.compile(r"(?:№|(?<![\w.])N)\s?\d{1,5}(?:-[IVXА-Я]{1,5})?(?![\d-])"),
    # an age, not any number of years: "достигший двадцати лет", "не моложе сорока лет", "жиырма жасқа толған"
    AGE: re.compile(
        rf"(?:достигш\w*|достижени\w*|не\s+моложе|не\s+старше|старше|моложе|в\s+возрасте(?:\s+(?:от|до|не\s+менее))?)\s+"
        rf"(?:\d{{1,3}}|(?:{_NUMBER_WORDS}))(?:\s+(?:\w+\s+)?)?(?:лет|года?)\b"
        rf"|(?<!\w)(?:\d{{1,3}}|(?:{_NUMBER_WORDS}))\s*-?\s*жас(?:қа|тан|та|ы|ына|ында)?(?!\w)"
        r"|\b\d{1,3}-?\s?летн\w*|\bage\s+of\s+\d+|\b\d+\s+years\s+of\s+age"
        r"|\b\w{4,}летн\w*\s+возраст\w*",  # «по достижении восемнадцатилетнего возраста»
        re.I,
    ),
}
_QUESTION_CUES = {
    # the number an act is known by, not an article's ("номер статьи") nor a telephone's
    ACT_NUMBER: re.compile(r"(?<!\w)(?:номер|нөмір|нөмер|номир)\w*(?!\s+(?:стать|бап|баб|телефон))", re.I),
    DEFINITION: re.compile(
        r"что\s+(?:такое|значит|означает|понимается)|что\s+это|\bэто\s+что\b|определени|определя|понятие|деген(?:іміз)?\s+не"
        r"|дегенимиз\s+не|не\s+деген|анықтама|аныктама|нені\s+білдіреді|нени\s+билдиреди"
        r"|ұғымы|угымы|\bdefin|\bmeaning of\b|\bwhat is an?\b"
        # "әкім деген кім", "аким это кто", "кто такой аким": who an office or a body is, by definition
        r"|деген(?:іміз|имиз)?\s+(?:кім|ким)(?!\w)|\bэто\s+кто\b|кто\s+так(?:ой|ая|ие)(?!\w)"
        # "азаматтық қоғам деген", "маслихат это": the question left unsaid
        r"|(?<=\w\s)(?<!кто\s)(?<!кім\s)(?<!ким\s)(?:деген|дегеніміз|дегенимиз|это)\s*\??\s*$",
        re.I,
    ),
    YEAR: re.compile(
        r"когда|в\s+каком\s+году|какого\s+года|каком\s+году|қашан|кашан|қай\s+жыл|кай\s+жыл"
        r"|қай\s+уақыт|кай\s+уакыт|\bwhen\b|what\s+year|which\s+year",
        re.I,
    ),
    NUMBER: re.compile(
        r"сколько|скольки|количеств|(?<!какого\s)числ[оа]|қанша|канша|неше(?!сінде|синде)|\bhow\s+many\b"
        r"|\bhow\s+much\b|\bnumber\s+of\b",
        re.I,
    ),
    REASON: re.compile(
        r"почему|зачем|отчего|из-за\s+(?:чего|что)(?!\w)|по\s+какой\s+причине|причин|неге|неліктен|нелiктен|неликтен|не\s+себепті"
        r"|себебі\s+(?:не|неде)|себеби\s+(?:не|неде)|себептері|\bwhy\b",
        re.I,
    ),
    DURATION: re.compile(
        r"на\s+какой\s+срок|на\s+сколько\s+(?:лет|год)|сколько\s+(?:лет|год)|как\s+долго|какой\s+срок|срок\w*\s+полномоч"
        r"|[қк]анша\s+(?:жыл|уа[қк][ыи]т|мерз[іи]м|к[үу]н|ай\b|апта)|неше\s+(?:жыл|к[үу]н|ай\b|апта)"
        r"|мерзімі(?!нен)|мерзими(?!нен)|өкілеттік\s+мерзім(?!інен)"
        r"|сколько\s+(?:времени|дней|месяцев|недель)|за\s+сколько\s+(?:дней|месяцев)|в\s+течение\s+какого"
        r"|\bhow\s+long\b|\bterm\s+of\s+office\b|for\s+how\s+many\s+years",
        re.I,
    ),
    FREQUENCY: re.compile(
        r"как\s+часто|как\s+регулярно|периодичност|қаншалықты\s+жиі|каншалыкты\s+жии?|қалай\s+жиі"
        r"|жиілігі|жиилиги|\bhow\s+often\b",
        re.I,
    ),
    PERSON: re.compile(
        rf"(?<!\w)(?:{_WHO_WORDS}|автор\w*"
        # "какие казахстанские учёные", "қандай ғалымдар": people, named
        r"|уч[её]н(?:ые|ых|ыми|ым)|исследовател(?:и|ей|ями)|мыслител(?:и|ей)|ғалымдар\w*|галымдар\w*"
        r"|зерттеушілер\w*|зерттеушилер\w*|ойшылдар\w*)(?!\w)",
        re.I,
    ),
    # a particular holder of an office: the first, the current one, the winner, or asked by name
    HOLDER: re.compile(
        r"(?<!\w)(?:(?:кто|кім|ким|who)(?:\s+\w+){0,4}\s+(?:был\w*\s+)?(?:перв\w+|бірінші\w*|биринши\w*|қазіргі|казирги"
        r"|сейчас|щас|нынешн\w*|текущ\w*|победил\w*|выиграл\w*|жеңді|женди|жеңіп|first|current)"
        r"|(?:перв\w+|бірінші\w*|биринши\w*|қазіргі|казирги|сейчас|щас|нынешн\w*|текущ\w*|first|current)(?:\s+\w+){0,4}\s+"
        r"(?:кто|кім|ким|who)|как\s+зовут|аты[-\s]жөні|аты[-\s]жони|фамили\w*|(?:кто|кім|ким)\s+(?:победил|жеңді|женди)"
        r"|who\s+won)(?!\w)",
        re.I,
    ),
    PLACE: re.compile(
        r"(?<!\w)(?:где|куда|откуда|в\s+как(?:ой|их)\s+стран\w*|как(?:ие|их)\s+стран\w*|қайда|кайда|қай\s+ел\w*"
        r"|кай\s+ел\w*|қандай\s+ел\w*|кандай\s+ел\w*|where|which\s+countr\w*)(?!\w)",
        re.I,
    ),
    LIST: re.compile(
        r"перечисл|назови|назовите|как(?:ие|ие\s+есть|ими)\s+(?:\w+\s+)?(?:виды|типы|формы|принципы|функции|признаки"
        r"|задачи|этапы|модели|теории|уровни|черты|элементы|направления|особенности|меры)"
        r"|\b(?:виды|типы|принципы|функции|признаки|этапы|модели|теории|черты|направления)\b"
        r"|түрлері|турлери|қағидалары|кагидалары|принциптері|принциптери|белгілері|белгилери|міндеттері|миндеттери"
        r"|функциялары|кезеңдері|кезендери|теориялары|бағыттары|багыттары|ерекшеліктері|тізіп|атап\s+бер"
        r"|тізім|тизим|список|списк|перечень|перечн"
        r"|\blist\b|\btypes\s+of\b|\bkinds\s+of\b|\bprinciples\b|\bfeatures\b",
        re.I,
    ),
    MONEY: re.compile(
        r"сколько\s+(?:стоит|стоят|стоило|денег|получает|получают|платят|зарабатыва)|стоимост|какая\s+сумма"
        r"|(?:сколько|как(?:ая|ой|ов)|размер\w*)\s+(?:\w+\s+)?(?:зарплат|заработн|жалован|оклад)"
        r"|(?:зарплат|оклад)\w*\s+(?:\w+\s+){0,3}сколько|(?:жала[қк]ы|айлы[ғг])\w*\s+(?:\w+\s+){0,2}[қк]анша"
        r"|[қк]анша\s+(?:\w+\s+)?жала[қк]ы|[қк]анша\s+(?:т[ұу]рады|а[қк]ша|т[ұу]рған|т[ұу]рган|те[ңн]ге)"
        r"|(?:[қк][ұу]ны|ба[ғг]асы)\s+[қк]анша"
        r"|\bhow\s+much\s+(?:does|is|do)\b|\bsalary\b|\bcost\b",
        re.I,
    ),
    AGE: re.compile(
        r"какого\s+возраста|каких\s+лет|скольки\s+лет|сколько\s+лет\s+(?:должно|нужно|надо)\s+быть"
        r"|возрастн\w*\s+(?:ценз|огранич|требован)|(?:қай|кай|неше)\s+жас(?:тан|та|қа|ка|ында)?(?!\w)"
        r"|жас\s+(?:шегі|шеги|шектеуі|шектеуи|талабы)|\bfrom\s+what\s+age\b|\bhow\s+old\b|\bminimum\s+age\b|\bage\s+limit\b",
        re.I,
    ),
    NAME: re.compile(
        r"(?:қалай|калай)\s+атал\w*|(?<!\w)(?:аты|атауы|аттары|атаулары)\s+(?:қандай|кандай|кім|ким|не)(?!\w)"
        r"|қандай\s+атау\w*|кандай\s+атау\w*|не\s+деп\s+атал\w*|как\s+(?:\w+\s+)?назыв\w*"
        r"|(?<!\w)(?:как\w*|какое)\s+(?:было\s+)?названи\w*"
        r"|под\s+каким\s+названием|what\s+(?:\w+\s+)?(?:is|was|were|are)\s+(?:\w+\s+)?called|what\s+name",
        re.I,
    ),
    PERMIT: re.compile(
        r"(?<!\w)(?:может|могут|можно|вправе|имеет|имеют|разрешено|разрешается|запрещено|допускается)\s+ли(?!\w)"
        r"|(?<!\w)(?:ала|алады|бола|болады|құқылы|құкылы|рұқсат|руксат)\s+(?:ма|ме|ба|бе|па|пе)(?!\w)"
        # "заң рұқсат ете ме", "это разрешено или нет": whether the law allows it
        r"|(?<!\w)(?:рұқсат|руксат)\s+(?:ет|бер)\w*\s+(?:ма|ме|ба|бе|па|пе)(?!\w)|(?<!\w)разрешено\s+или(?!\w)"
        r"|(?<!\w)(?:это|он|она|они)\s+(?:разрешено|запрещено|допускается)(?!\w)"
        r"|\bcan\s+(?:a|an|the)\b|\bis\s+\w+\s+allowed\b|\bmay\s+(?:a|an|the)\b",
        re.I,
    ),
    PARTS: re.compile(
        r"из\s+(?:чего|кого|каких\s+\w+)\s+(?:\w+\s+){0,4}?состо|состо(?:ит|ят)\s+(?:\w+\s+){0,4}?из\s+(?:чего|кого|каких)"
        r"|(?:кто|что)\s+входит\s+в|каков\w*\s+(?:\w+\s+)?состав|как(?:ой|ов)\s+состав|состав\w*\s+(?:\w+\s+){0,3}?(?:какой|каков)"
        r"|(?:неден|кімдерден|кимдерден|нелерден|кімнен|кимнен|(?:қандай|кандай)\s+\w+(?:дан|ден|тан|тен|нан|нен))"
        r"\s+(?:тұр|тур|құрал|курал)\w*"
        r"|(?:құрам|курам)\w*\s+(?:\w+\s+)?(?:қандай|кандай|кім|ким|не)(?!\w)|(?:кім|ким|не)\w*\s+(?:кіреді|киреди)"
        r"|what\s+(?:\w+\s+)?consists?\s+of|\bcomposition\s+of\b",
        re.I,
    ),
    ARTICLE: re.compile(
        r"как(?:ая|ой|ую)\s+стать|в\s+какой\s+статье|какой\s+статьей|номер\s+статьи|қай\s+бап|кай\s+бап|қандай\s+бап"
        r"|кандай\s+бап|қай\s+баб|кай\s+баб|нешінші\s+бап|нешинши\s+бап|which\s+article|what\s+article",
        re.I,
    ),
}


# The nouns a definition question names itself by ("… анықтамасы", "понятие …"): they say what kind of
# answer is asked, like «что такое», not what it is about.
DEFINITION_WORDS = re.compile(
    r"(?:анықтама|аныктама|ұғым|угым|мағына|магына|определени|понятие|поняти|значени|definition|meaning)\w*", re.I)
# The words a kind of answer is asked by, beside the question word: a definition's nouns, a span of time's
# ("қанша уақытта", "сколько времени", "в какой срок") and a frequency's ("қаншалықты жиі", "как часто"). They say
# what kind of answer is wanted, which the kind checks, not what the answer is about.
ASKED_BY = {
    DEFINITION: DEFINITION_WORDS,
    DURATION: re.compile(r"(?:уақыт|уакыт|мерзім|мерзим|время|времен|срок)\w*", re.I),
    FREQUENCY: re.compile(r"жиі|жии|часто|регулярно", re.I),
}


# "кто автор статьи", "дипломды кім жазды", "в каком году написана работа": who wrote a document or when,
# which its record says (or does not), not a scholar cited in it.
AUTHORSHIP = re.compile(
    r"(?<!\w)(?:автор\w*|написал\w*|написан\w*|опубликова\w*|жазған\w*|жазды|жазылған\w*|жазылды"
    r"|жарияланған\w*|жарияланды|wrote|written|author\w*|published)(?!\w)", re.I)
# …asked as "who", not "what does the author think" (PERSON is asked by the word «автор» too)
WHO = re.compile(rf"(?<!\w)(?:{_WHO_WORDS})(?!\w)", re.I)


# "әкім деген кім", "кто такой аким", "әкім кім": who a role is, answered by its definition; a name
# ("Кто такой Токвиль?") asks about a person instead.
_ROLE = re.compile(r"(?<!\S)[а-яёәғқңөұүһі][\w-]*\s+деген\s+кім|кто\s+так(?:ой|ая|ие|ое)\s+[а-яёәғқңөұүһі]"
                   # the whole question a role and "who": "әкім кім", "аким это кто", "кто это аким"
                   r"|^\s*(?:[а-яёәғқңөұүһі][\w-]*(?:\s+[\w-]+)?\s+(?:кім|кто\s+это|это\s+кто)|кто\s+это\s+[а-яёәғқңөұүһі][\w-]*)\s*\??\s*$")


# Kinds indexed as pseudo-terms. A person, a place or a list is spotted in most sentences: as
# index terms they would only lengthen every passage and shift BM25's length normalisation,
# so they are found at excerpt time only (LOOSE).
INDEXED = (DEFINITION, YEAR, NUMBER, REASON, DURATION, ARTICLE, PARTS)
LOOSE = (PERSON, PLACE, LIST, WHEN, MONEY, FREQUENCY, NAME, HOLDER, DEFINED, AGE, PERMIT, ACT_NUMBER)


# A number that names an article, a пункт or an act ("статьями 165, 300 и 387 Кодекса", "№ 148",
# "5-тармағында") refers to the law; it counts nothing.
_REFERENCE_BEFORE = re.compile(
    r"(?:(?<!\w)(?:стать\w*|ст\.|пункт\w*|подпункт\w*|част\w*|глав\w*|раздел\w*|N|бап\w*|тармақ\w*|тарау\w*)|№)"
    r"\s*(?:[\d\-–]+\)?\s*(?:,|и|және|мен)?\s*)*$",
    re.I,
)


def passage_cues(text: str, kinds: tuple[str, ...] = INDEXED) -> Iterator[tuple[str, int, int]]:
    """(cue, start, end) for every place in a passage that answers one of the kinds."""
    for cue in kinds:
        for match in _PASSAGE_CUES[cue].finditer(text):
            if cue == NUMBER and match[0][:1].isdigit() and _REFERENCE_BEFORE.search(text, max(0, match.start() - 60),
                                                                                     match.start()):
                continue
            yield cue, match.start(), match.end()


def question_cues(text: str) -> list[str]:
    """The kinds of answer a question asks for.

    A duration is a number too, but the answer must be a span of time: "на какой срок"
    asks for years, not for any number. "Когда был принят закон", "қашан қабылданды" ask for a
    year; "когда созывается сессия", "қашан заңды болады" ask when something happens as a rule,
    which a date, a deadline or a condition answers (WHEN, beside YEAR).
    """
    if _LATIN.search(text):
        # Kazakh typed in Latin letters ("qanşa jylğa", "kai zhyly"): its words as a Russian keyboard types them,
        # which every pattern reads (a past verb says a year is asked, «жылға» a span of time); an English
        # question, which reads as nothing so, keeps its own
        return _cues(latin_to_cyrillic(text)) or _cues(text)
    return _cues(text)


_LATIN = re.compile(r"[a-zA-Z]")


def _cues(text: str) -> list[str]:
    # "за дни, когда он сидит на сессии", "что будет с депутатами, когда вступит Конституция": a "when"
    # that joins a clause asks nothing
    text = _RELATIVE_WHEN.sub(r"\1", text)
    if (clause := _CLAUSE_WHEN.search(text)) is not None:
        text = text[:clause.start("when")] + text[clause.end("when"):]
    kinds = [cue for cue, pattern in _QUESTION_CUES.items() if pattern.search(text)]
    if NUMBER in kinds and _NUMBER_CHANGE.search(text) and not _COUNT.search(_NUMBER_CHANGE.sub(" ", text)):
        kinds.remove(NUMBER)  # "о чем говорит рост числа НПО": what a change means, not a count
    if LIST not in kinds and PERSON not in kinds and _WHICH_ONES.search(text):
        kinds.append(LIST)  # "какие взыскания …": which ones of a plural asks for them all (people: PERSON)
    if DEFINITION not in kinds and _ROLE.search(text):
        kinds.insert(0, DEFINITION)
    if PARTS in kinds and PERSON in kinds:  # "из кого состоит комиссия": offices, not people by name
        kinds.remove(PERSON)
    if AGE in kinds:  # "сколько лет нужно, чтобы стать депутатом": an age, not a span of time
        kinds = [kind for kind in kinds if kind not in (NUMBER, DURATION)]
    if (DURATION in kinds or MONEY in kinds or FREQUENCY in kinds) and NUMBER in kinds:
        kinds.remove(NUMBER)
    if YEAR in kinds and not _WHICH_YEAR.search(text) and not _past(text):
        kinds.insert(kinds.index(YEAR) + 1, WHEN)
    if _WHICH_DAY.search(text) or (YEAR in kinds and NUMBER in kinds and _DATE_NUMBER.search(text)
                                   and not _COUNT.search(text)):
        # a date: a year of history ("1991 жылы 15 ақпанда") or a day of a rule ("до 1 мая")
        kinds = [kind for kind in kinds if kind != NUMBER]
        kinds += [kind for kind in (YEAR, WHEN) if kind not in kinds]
    return kinds


# "какие взыскания", "қандай шаралар": a plural asked for by which ones ("какие из них" is a choice)
_WHICH_ONES = re.compile(
    r"(?<!\w)какие\s+(?!из\b)\w{4,}"
    r"|(?<!\w)(?:қандай|кандай)\s+\w{2,}(?:лар|лер|дар|дер|тар|тер)(?:ды|ді|ди|ы|і|и|ға|га|ге)?(?!\w)", re.I)
# the year asked for by name ("в каком году", "қай жылы"), not a word that holds it ("жылдық есеп", annual)
_WHICH_YEAR = re.compile(r"(?<!\w)(?:год\w{0,2}|жыл(?:ы|ғы|гы|дары|да|дан)?|years?)(?!\w)", re.I)
_RELATIVE_WHEN = re.compile(
    r"(?<!\w)(дн(?:и|ей|ям|ях)|день|время|времени|период\w*|случа\w*|момент\w*|тогда|годы)\s*,?\s+когда(?!\w)", re.I)
# What a question asks is required ("должно присутствовать", "нужно", "қатысуы керек")
REQUIREMENT = re.compile(r"(?<!\w)(?:долж\w*|нужн\w*|необходим\w*|требует\w*|керек|тиіс\w*|қажет\w*)(?!\w)", re.I)
# The Kazakh question particle of a yes-or-no question ("ратификациялады ма", "bola ma"), a word of its own
KAZAKH_YES_NO = re.compile(r"(?<!\w)(?:ма|ме|ба|бе|па|пе|ma|me|ba|be|pa|pe)(?!\w)", re.I)
# "when" after the question's own question word, not joined to it by «и» ("кто и когда"), starts a clause
_CLAUSE_WHEN = re.compile(
    r"(?<!\w)(?:что|как|кто|почему|зачем|где|как(?:ой|ая|ое|ие|ого|ую|ова?)|сколько|ли)(?!\w)[^?]*?"
    r"(?<![\s,]и)(?<![\s,]а)\s*,?\s+(?P<when>когда)(?!\w)", re.I)
_NUMBER_CHANGE = re.compile(
    r"(?:рост\w*|увеличени\w*|сокращени\w*|снижени\w*|уменьшени\w*|изменени\w*)\s+(?:\w+\s+)?числ\w*"
    # "оценивать по их количеству", "саны бойынша бағалау": judged by a number, not asked for one
    r"|(?<!\w)по\s+(?:их\s+)?(?:количеств|числ)\w*|(?:саны|сандары)\s+бойынша", re.I)
# "какого числа", "қай күні", "нешесінде": a day of a month, which a date answers, not a count
_DATE_NUMBER = re.compile(r"(?<!\w)числ[оа](?!\w)", re.I)  # "когда … число": the day
_COUNT = re.compile(r"сколько|количеств|қанша|канша|неше", re.I)
# The words that ask for a span of time ("на какой срок", "сколько лет", "қанша жылға"), not for what lasts it
DURATION_ASKED = re.compile(r"срок\w*|мерзім\w*|мерзим\w*|лет|год\w*|жыл\w*|сколько|қанша|канша|неше", re.I)
# The words a list is asked by ("жөб принциптері тізімі", "список функций маслихата"): the kind of answer, not
# an idea of the question, as «саны» is for a count
LIST_WORD = re.compile(r"(?:тізім|тизим|список|списк|перечень|перечн|tizim)\w*", re.I)
# The verb a composition is asked by ("из кого состоит", "неден тұрады"), and the parts it names ("қандай
# бөліктерден", "из каких частей"): the cue asks it, the text says it otherwise
CONSISTS_WORD = re.compile(r"состоит|состоят|тұрады|турады|құралады|куралады|кіреді|киреди|входит|входят"
                           r"|(?:бөлік|болик|элемент|компонент|құрамдас|курамдас|bolik)\w*|част(?:ей|и|ям)"
                           r"|turady|quralady|kuralady", re.I)
# The words a count is named by: a question asks with them ("ҮЕҰ саны қанша", "количество НПО", "число
# депутатов": COUNT_WORD), and a text gives the count of what it just named by them ("Их число не должно
# превышать семи", «Олардың саны 50 000-нан асты»: COUNT_OF).
_COUNT_NOUNS = r"сан(?:ы|ын|ына|ында)|количеств[оа]|числ[оа]|численност[ьи]|number"
COUNT_WORD = re.compile(_COUNT_NOUNS, re.I)
COUNT_OF = re.compile(rf"(?<!\w)(?:их|олардың|оның)\s+(?:общее\s+)?(?:{_COUNT_NOUNS})(?!\w)", re.I)
# What a count asks to be counted: the word after "сколько", "қанша", "неше" ("сколько депутатов", "неше аудан").
# …past the words that only stress the count: "сколько всего областей", "сколько примерно депутатов",
# "қанша шамамен", "сколько у нас" (the counted word is the first one after them)
COUNTED = re.compile(r"(?<!\w)(?:сколько|скольких|қанша|канша|неше|qansha|kansha|neshe)\s+"
                     r"(?:(?:всего|вообще|примерно|приблизительно|же|именно|ещё|еще|было|будет|там|тут|у\s+нас"
                     r"|шамамен|барлығы|барлыгы|жалпы|жалпы\s+алғанда)\s+)*(\w+)", re.I)
# "қандай салықтар", "какие налоги": the thing a "which" asks about (the word after it)
WHICH_THING = re.compile(r"(?<!\w)(?:қандай|кандай|какие|какой|какая|какое|каких|каким)\s+(\w{4,})", re.I)
# the kinds of answer a "which" may ask for, which the answer need not name: a kind of list («какие принципы»),
# a class of things it names («каких стран», «қандай мекемелермен»), a conclusion, a date, an article
LIST_NAMES = re.compile(
    r"(?:вид|тип|форм|принцип|функци|признак|задач|этап|модел|теори|уров|черт|элемент|направлени|особенност|мер"
    r"|түр|қағида|кагида|белгі|белги|міндет|миндет|кезең|кезен|бағыт|багыт|ерекшелі|шара"
    r"|жағдай|жагдай|случа|услови|срок|мерзім|мерзим|жыл|год|орган|роль|рөл"
    r"|стран|ел|елдер|мекеме|учрежд|институт|структур|вывод|қорытынд|корытынд|результат|нәтиже|нэтиже|дат|числ"
    r"|стат|бап|баб|закон|заң|зан|документ|құжат|кужат|цел|мақсат|максат|иде|причин|себеп|значени|маңыз|маныз"
    r"|имя|им[её]н|назван|атау|аты)\w*", re.I)
_WHICH_DAY = re.compile(r"какого\s+числа|қай\s+күн|кай\s+кун|нешесінде|нешесинде|what\s+date", re.I)
# A Russian past form ("был принят", "появилось", "создали"); a Kazakh question ends in its verb,
# past ("қабылданды", "құрылған") unless it is the present-future "-ады/-еді" ("тоқтатылады").
_RUSSIAN_PAST = re.compile(r"(?<!\w)(?:был[аои]?|\w{2,}(?:а|я|и|е|у|ы)л(?:а|о|и|ся|ась|ось|ись)?)(?!\w)", re.I)
_KAZAKH_PAST = re.compile(r"(?:ды|ді|ты|ті|ған|ген|қан|кен|ган|кан)$", re.I)
_KAZAKH_PRESENT = re.compile(r"(?:а|е|й|я)(?:ды|ді)$", re.I)


def _past(text: str) -> bool:
    words = re.findall(r"\w+", text)
    if not words:
        return False
    if re.search(r"[а-яё]", text, re.I) and not re.search(r"[әғқңөұүһі]", text, re.I) and _RUSSIAN_PAST.search(text):
        return True
    last = words[-1]
    return bool(_KAZAKH_PAST.search(last)) and not _KAZAKH_PRESENT.search(last)


# What a definition sentence defines: the words before "X – бұл …", "X дегеніміз …", "X — это …" (at
# most 80 characters back, to the nearest punctuation). The marker is found first and the words looked
# for behind it: a lazy pattern for the words, tried at every position, cost a millisecond a call.
_DEFINES = re.compile(r"»?\s*(?:[–—-]\s+(?:бұл|это)\s|дегеніміз|[–—]\s)", re.I)
# …or to the postposition of a source before it: «"Саяси партиялар туралы" заңға сәйкес саяси партия дегеніміз …»
# defines «саяси партия», not «заңға сәйкес саяси партия»
_DEFINED_STOP = re.compile(r"[.:;,«»\"()]|(?<!\w)(?:сәйкес|бойынша)\s", re.I)
_NUMBERED = re.compile(r"(?:^|\n)\s*\d{1,2}\.\s*$")
_ALIAS = re.compile(r"^(.+?)\s*\(([^()]{2,40})\)$")


def _with_alias(term: str) -> list[str]:
    """"местный исполнительный орган (акимат)" → the term, and each of its two names alone."""
    match = _ALIAS.match(term)
    return [term, match.group(1), match.group(2)] if match else [term]


_LISTED = re.compile(r"^\s*\d{1,2}(?:-\d{1,2})?\)\s+([^\n;:–—]{2,80}?)\s[–—-]\s", re.M)


def defined_terms(text: str) -> list[str]:
    """The phrases a text defines: "Жергілікті өзін-өзі басқару – бұл …" → "Жергілікті өзін-өзі басқару"; a law's
    term with its short name in brackets defines both ("7) местный исполнительный орган (акимат) – …")."""
    listed = [term for match in _LISTED.finditer(text) for term in _with_alias(match.group(1).strip(" «\""))]
    if listed:
        return listed
    found: list[str] = []
    done = 0  # where the last definition's marker ended: words are not shared between two
    for marker in _DEFINES.finditer(text):
        end = marker.start()
        start = max(done, end - 80)
        stops = [m.end() for m in _DEFINED_STOP.finditer(text, start, end)]
        start = stops[-1] if stops else start
        # "2. жергілікті өзін-өзі басқару – қоғам мен мемлекетті басқарудың … нысаны" is one feature in a
        # numbered list of them, not what the term is
        if end - start >= 3 and not _NUMBERED.search(text, 0, start):
            found.append(text[start:end].strip(" «\""))
            done = marker.end()
    return found
