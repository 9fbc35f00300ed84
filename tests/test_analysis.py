"""Stemming, folding, stop words and numbers: the same analysis for passages and queries."""

from __future__ import annotations

import pytest

from knowledge.analysis import Analyzer, converb, russian_alternates, russian_stem, tokenize
from knowledge.index import Index
from knowledge.kazakh_stem import KazakhStemmer, kazakh_verb_roots
from knowledge.morphology import is_verbal
from knowledge.translit import keyboard_fold, skeleton


@pytest.fixture(scope="module")
def kk() -> KazakhStemmer:
    return KazakhStemmer()


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


def stem(stemmer: KazakhStemmer, word: str) -> str:
    return stemmer.stem(skeleton(word.lower()))


@pytest.mark.parametrize("forms", [
    ["басқару", "басқарудың", "басқаруға", "басқаруды", "басқаруын"],
    ["орган", "органдар", "органдары", "органдарының", "органдарына"],
    ["мәселе", "мәселелер", "мәселелерді", "мәселесі"],
    ["еңбек", "еңбегі", "еңбегінде"],  # к → г before a vowel
    ["бап", "бабы", "бабында"],  # п → б before a vowel
    ["заң", "заңы", "заңның", "заңдары"],
    ["Қазақстан", "Қазақстандағы", "Қазақстанның"],  # the root ends like the ablative -тан
    ["халық", "халқы", "халқының"],  # the vowel of the root drops
    ["кеңес", "кеңестер", "кеңестерді"],
    ["мемлекет", "мемлекеттің", "мемлекеттік"],
    ["акт", "актісі", "актілері", "актiлерiн"],  # a linking і before a consonant ending
    ["субъект", "субъектісі", "субъектілерінің"],
])
def test_kazakh_forms_of_one_word_share_a_stem(kk: KazakhStemmer, forms: list[str]) -> None:
    assert len({stem(kk, form) for form in forms}) == 1, {f: stem(kk, f) for f in forms}


@pytest.mark.parametrize(("a", "b"), [
    ("адам", "ада"), ("заң", "за"), ("ұғым", "ұғ"), ("саны", "сана"), ("орын", "ор"),
])
def test_kazakh_stems_do_not_eat_roots(kk: KazakhStemmer, a: str, b: str) -> None:
    assert stem(kk, a) != b


@pytest.mark.parametrize("forms", [
    ["бекіту", "бекітіледі", "бекiтiледi"],  # the acts' passive "is approved", and the verbal noun
    ["тарату", "таратылады"],
    ["тағайындау", "тағайындалады", "тағайындайды"],  # a root ending in a vowel: passive -л
    ["сайлау", "сайланады", "сайлайды"],  # …and -н
    ["құру", "құрылады"],
    ["күтілген", "күтіледі"],  # a short root left by the passive of a participle and of the present
])
def test_a_passive_present_shares_the_verbs_stem(kk: KazakhStemmer, forms: list[str]) -> None:
    assert len({stem(kk, form) for form in forms}) == 1, {f: stem(kk, f) for f in forms}


@pytest.mark.parametrize(("word", "not_stem"), [("болады", "бо"), ("келеді", "ке"), ("алады", "а")])
def test_an_active_present_is_not_read_as_a_passive(kk: KazakhStemmer, word: str, not_stem: str) -> None:
    assert stem(kk, word) != skeleton(not_stem)


def test_glossary_words_are_protected_roots() -> None:
    assert KazakhStemmer().stem("birlestikti") == "birles"  # бірлес- + -тік + -ті
    assert KazakhStemmer(["бірлестік"]).stem("birlestikti") == "birlestik"
    # a verbal noun is never a root: its forms share the verb's stem
    assert KazakhStemmer(["қабылдау"]).stem("kabyldau") == KazakhStemmer().stem("kabyldangan")


def test_a_root_keeps_its_letters_and_a_case_form_of_a_root_is_not_one() -> None:
    roots = KazakhStemmer(["ЖӨБ", "мақсат", "мақсатты", "жақ", "жақын"])
    # "ЖӨБ-нің" is the acronym with an ending: its б is not devoiced as in бабы → бап
    assert stem(roots, "жөбнің") == stem(roots, "ЖӨБ") == skeleton("жөб")
    # «мақсатты» (a glossary word of its own) is first the accusative of «мақсат»
    assert stem(roots, "мақсатты") == stem(roots, "мақсат")
    assert stem(roots, "жақын") != stem(roots, "жақ")  # -ын is no plain case here


@pytest.mark.parametrize(("typed", "proper"), [
    ("токвильдин енбеги", "Токвильдің еңбегі"),
    ("ушинши сектор", "үшінші сектор"),
    ("Qazaqstan Respublikasy", "Қазақстан Республикасы"),
    ("Konstitusiiasy", "Конституциясы"),
    ("özin-özi basqaru", "өзін-өзі басқару"),
    ("ozin ozi baskaru", "өзін-өзі басқару"),
    ("mäslihat", "мәслихат"),
    ("qoğamdyq birlestik", "қоғамдық бірлестік"),
    ("zhergilikti", "жергілікті"),
    ("sheshim", "шешім"),
    ("budzhetti", "бюджетті"),
    ("byudzhetti", "бюджетті"),
    ("partiyasy", "партиясы"),
])
def test_keyboard_and_latin_spellings_match_kazakh(analyzer: Analyzer, typed: str, proper: str) -> None:
    assert analyzer.terms(typed, "kk") == analyzer.terms(proper, "kk")


def test_keyboard_fold() -> None:
    assert keyboard_fold("әғқңөұүһі") == "агкноуухи"


def test_russian_and_english_use_snowball(analyzer: Analyzer) -> None:
    assert analyzer.terms("местного самоуправления", "ru") == analyzer.terms("местное самоуправление", "ru")
    assert analyzer.terms("governments", "en") == analyzer.terms("government", "en")
    assert analyzer.terms("NGOs", "en") == analyzer.terms("NGO", "en")
    assert russian_stem("цель") != russian_stem("село")


@pytest.mark.parametrize(("word", "other"), [("аким", "акимов"), ("опыт", "опыта"), ("идеи", "идея")])
def test_a_russian_stem_keeps_a_short_root(word: str, other: str) -> None:
    """Snowball reads «аким» as the adjective ending -им (ак); its other forms keep «аким»."""
    assert russian_stem(word) == russian_stem(other)
    assert len(russian_stem(word)) >= 3


@pytest.mark.parametrize(("verb", "other"), [
    ("приостановить", "приостановлено"), ("утвердить", "утверждение"), ("прекратить", "прекращение"),
    ("выразить", "выражение"), ("назначение", "назначить"), ("утверждение", "утвердить"),
])
def test_a_russian_verb_form_knows_its_other_forms_stems(verb: str, other: str) -> None:
    """The root's last consonant changes before a participle's or a noun of action's ending."""
    assert is_verbal(verb)
    assert russian_stem(other) in russian_alternates(russian_stem(verb))


@pytest.mark.parametrize(("verb", "roots"), [
    ("тоқтатады", ["тоқтат"]), ("бекітеді", ["бекіт"]), ("жояды", ["жой"]), ("құрылмайды", ["құрыл"]),
    ("берілмейді", ["беріл"]), ("қала", []), ("келмесе", []), ("сайлайды", []),  # a vowel root is read whole
])
def test_a_kazakh_present_or_negative_verb_gives_its_root(verb: str, roots: list[str]) -> None:
    assert kazakh_verb_roots(verb) == roots


def test_a_kazakh_verb_of_a_question_is_sought_as_the_act_s_verbal_noun_too(analyzer: Analyzer,
                                                                           shipped_index: Index) -> None:
    """«бекітеді» is read «бекіте», the law's «бекіту» and «бекітіледі» «бекіт»: the question finds both."""
    parsed = shipped_index.parser.parse("бюджетті кім бекітеді")
    slot = next(slot for slot in parsed.content() if slot.words == "бекітеді")
    assert (analyzer.terms("бекіту", "kk")[0],) in slot.variants
    assert analyzer.terms("бекітеді", "kk") != analyzer.terms("бекіту", "kk")


def test_a_noun_that_is_no_action_is_not_verbal() -> None:
    """«совет» would meet «совещание» (т → щ): only a verb or a noun of action is sought in other forms."""
    assert not is_verbal("совет") and not is_verbal("маслихат")


def test_normalisation_nfc_lowercase_yo(analyzer: Analyzer) -> None:
    decomposed = "е\u0308лка"  # "ёлка" with a combining diaeresis
    assert analyzer.terms(decomposed, "ru") == analyzer.terms("Елка", "ru")
    assert [t.text for t in tokenize("ЁЖИК Ёж")] == ["ежик", "еж"]


def test_stop_words_of_three_languages_are_dropped(analyzer: Analyzer) -> None:
    assert analyzer.terms("және бұл үшін туралы", "kk") == []
    assert analyzer.terms("что такое это и в на", "ru") == []
    assert analyzer.terms("what is the of and", "en") == []
    assert analyzer.terms("деген не", "kk") == []


def test_every_form_of_a_russian_pronoun_is_a_stop_word(analyzer: Analyzer) -> None:
    """The stop list names «свою» and «сам»; «своих полномочий», «самим людям» are the same words."""
    assert analyzer.terms("своих самим всем этих тех таких которых наших вашего моих", "ru") == []
    assert analyzer.terms("передать своих полномочий", "ru") == analyzer.terms("передать полномочий", "ru")


def test_numbers_and_articles_stay_tokens(analyzer: Analyzer) -> None:
    assert "1991" in analyzer.terms("1991 жылы 15 ақпанда", "kk")
    terms = analyzer.terms("Конституцияның 89-бабында", "kk")
    assert {"89", "bap", "89-bap"} <= set(terms)
    assert "89-bap" in analyzer.terms("89-bap", "kk")
    assert analyzer.terms("1985ж", "kk")[0] == "1985"


def test_offsets_point_at_the_words(analyzer: Analyzer) -> None:
    text = "Жергілікті кеңестер ең көп санды."
    for term, start, end in analyzer.positioned_terms(text, "kk"):
        assert text[start:end].strip() and term
    assert next(text[s:e] for _, s, e in analyzer.positioned_terms(text, "kk")) == "Жергілікті"


def test_russian_state_compounds_are_split() -> None:
    words = [t.text for t in tokenize("госорганы и госаппарат государства, гостиница")]
    assert words == ["государственный", "органы", "и", "государственный", "аппарат", "государства", "гостиница"]


def test_number_words_reach_digits(shipped_index) -> None:  # through the glossary: үш ↔ 3
    weights = shipped_index.parser.parse("үш мақсат").weights
    assert "3" in weights


@pytest.mark.parametrize(("written", "words"), [
    ("ҮЕҰ-ға", ["үеұ"]), ("ЖӨБ-нің", ["жөб"]), ("ҚР-дағы", ["қр"]), ("5-ке", ["5"]),
    ("өзін-өзі", ["өзін", "өзі"]), ("2001-жылы", ["2001", "жылы"]), ("ғылыми-практикалық", ["ғылыми", "практикалық"]),
    # typed in a chat: in lower case, or set apart by a space; «мен» (and), «не» (what) are words of their own
    ("жоб-тин субъектиси", ["жоб", "субъектиси"]), ("жөб ті кімдер", ["жөб", "кімдер"]), ("уеу-дан", ["уеу"]),
    ("ЖӨБ мен ҮЕҰ", ["жөб", "мен", "үеұ"]), ("жөб не", ["жөб", "не"]), ("кез-келген", ["кез", "келген"]),
])
def test_an_ending_hyphened_to_an_acronym_or_a_number_is_not_a_word(written: str, words: list[str]) -> None:
    assert [token.text for token in tokenize(written)] == words


@pytest.mark.parametrize(("text", "lang", "terms"), [
    ("СССР-ң 1936 ж Конституциясын", "kk", ["sssr", "1936", "konstitusiia"]),
    ("1936 жылғы конституциядан", "kk", ["1936", "konstitusiia"]),
    ("Конституция 1936 года", "ru", ["konstituts", "1936"]),
    ("бес жыл", "kk", ["bes", "jil"]),  # a span of years keeps its word
    ("20 жыл", "kk", ["20", "jil"]),
])
def test_a_year_is_its_number_however_it_is_written(analyzer: Analyzer, text: str, lang: str,
                                                     terms: list[str]) -> None:
    """«1936 ж», «1936 жылғы», «1936 года» name one year: the word for "year" after it is no term of its own."""
    assert analyzer.terms(text, lang) == terms


def test_which_year_asks_for_a_year_without_naming_one(shipped_index: Index) -> None:
    """"қай жылы", "какого года": the question word asks for the year (cues.py); «жылы» is no idea to find."""
    assert [slot.words for slot in shipped_index.parser.parse("кооперативтер қай жылы құрылды").content()] \
        == ["кооперативтер", "құрылды"]
    assert "1991" in {phrase[0] for slot in shipped_index.parser.parse("закон 91 года").content()
                      for phrase in slot.variants}
    assert "года" not in [slot.words for slot in shipped_index.parser.parse("закон 91 года").content()]


@pytest.mark.parametrize(("question", "verbal_noun"), [
    ("мәслихатты кім тарата алады", "тарату"),
    ("сайлай ала ма", "сайлау"),
    ("шетелдік азамат қатыса ала ма", "қатысу"),
    ("ауылдық округте әкімдік құрыла ма", "құрылу"),  # a passive stem before the question particle
    ("уақытша комиссияда ақы төлене ме", "төлену"),
])
def test_a_converb_before_the_modal_ala_is_read_as_its_verbal_noun(question: str, verbal_noun: str) -> None:
    """«тарата алады» (can dissolve): «тарата» would stem to «тара»; the act and the glossary say «тарату»."""
    tokens = tokenize(question)
    read = [found.text for i in range(len(tokens)) if (found := converb(tokens, i)) is not None]
    assert read == [verbal_noun]


@pytest.mark.parametrize("question", ["аудан әкімдігі заңды тұлға ма", "бұл мәселе ме", "депутат бола ма"])
def test_a_noun_or_a_short_verb_before_the_question_particle_is_left_as_it_is(question: str) -> None:
    tokens = tokenize(question)
    assert all(converb(tokens, i) is None for i in range(len(tokens)))
