"""Stop words of the three languages, compared in skeleton form (see translit.py).

Kazakh question words (қандай, қашан, кім …) are stop words: they say what kind of answer
is wanted, not which passage holds it. Words that carry the domain (өз in өзін-өзі басқару,
жыл in dates) are deliberately absent.
"""

from __future__ import annotations

from knowledge.language import KAZAKH_LETTERS
from knowledge.translit import skeleton

KAZAKH = """
және мен бен пен да де та те ма ме ба бе па пе ғой қой ғана қана тек бұл осы сол ол олар
оның олардың оны оларды оған оларға онда мұнда сонда мына мынаны біз біздің сіз сен
үшін туралы арқылы бойынша сияқты ретінде кейін бірге бері дейін шейін қарай сонымен
сондықтан себебі өйткені бірақ алайда немесе әлде яғни егер ал әрі не неге неліктен
кім кімнің кімге кімді қандай қандай қалай қашан қайда қайдан неше қанша қай қайсы нені
неден нешінші деген дегеніміз деп дейді болып болды болады болған болса болатын
бола болу болуы табылады табылды бар жоқ еді екен екенін екендігі т.б т.с.с ж б бет
әр әрбір барлық бүкіл кез келген басқа тағы ең өте аса тым енді етеді ету етуі етіп
етілген етеді ие сайын соң кезде кезінде жөнінде жайлы туралы айтыңызшы айтшы айт
түсіндір түсіндіріңіз ата атаңыз атаңдар атап тізіп тізіңіз сипатта сипаттаңыз
көрсет көрсетіңіз жаз жазыңыз бер беріңіз рет неде немен кімдер кімге кімнен қайсысы
кімде кімдерде кімдерден кімдерге кімдердің кімдерді қашаннан қаншалықты ненің несі нешеу кіммен кімдермен
маған саған менің сенің сізге сіздің неғұрлым соғұрлым
қалайсың қалайсыз қалайсыңдар қалайсыздар
істейді істейтін
нөмір нөмірі нөмірін нөмірлері
"""
RUSSIAN = """
и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только
ее её мне было вот от меня еще ещё нет о об из ему теперь когда даже ну вдруг ли если уже
или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они
тут где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под
будет ж тогда кто этот того потому этого какой какая какое какие каких каким совсем ним
здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при
наконец об другой хоть после над больше тот через эти нас про всего них какая много
разве эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой им
более всегда конечно всю между такое такая такие это эта сколько скольки почему расскажи
расскажите объясни объясните скажи скажите назови назовите является являются
перечисли перечислите опиши опишите приведи приведите существует существуют существовал
существовала существовали существовало какого какому каком какую каково кого кому чему кем
чей чья чье чьи ли либо
стать станет станут становится становятся
скольких скольким сколькими откуда отчего каков какова каковы
свой своя своё свое свои своего своей своему своим своими своих своём своем
сама само сами самого самой самому самим самими самих саму самом собой собою
весь вся всей всему всем всеми этому этим этими этих той тому теми тех
такого таких таким такими такую такому таком
который которая которое которые которого которой которому которым которыми которых которую котором
наш наша наше наши нашего нашей нашему нашим нашими наших нашу нашем
ваш ваша ваше ваши вашего вашей вашему вашим вашими ваших вашу вашем
моё мое моего моей моему моим моими моих мою моём моем оно ими нём нем
номер номера номером фамилия фамилии фамилий фамилию фамилиями
"""
ENGLISH = """
a about above after again against all am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for
from further had has have having he her here hers herself him himself his how i if in
into is it its itself just me more most my myself no nor not now of off on once only or
other our ours ourselves out over own same she should so some such than that the their
theirs them themselves then there these they this those through to too under until up
very was we were what when where which while who whom why will with you your yours
yourself yourselves tell explain please
"""


def _skeleton_set(words: str) -> frozenset[str]:
    return frozenset(skeleton(word) for word in words.split())


STOP_SKELETONS = _skeleton_set(KAZAKH) | _skeleton_set(RUSSIAN) | _skeleton_set(ENGLISH)
KAZAKH_STOPS = frozenset(KAZAKH.split())
# Kazakh has no one-letter words but abbreviations (ж., б.); Russian has в, и, с, к.
KAZAKH_CUES = frozenset(w for w in _skeleton_set(KAZAKH) if len(w) > 1)
RUSSIAN_CUES = _skeleton_set(RUSSIAN)
ENGLISH_CUES = _skeleton_set(ENGLISH)


def is_stop(word: str) -> bool:
    """True for a lower-case word of any of the three stop lists.

    A word written with Kazakh letters is compared as written: folded, бөлу (divide)
    would be болу (be).
    """
    if any(ch in KAZAKH_LETTERS for ch in word):
        return word in KAZAKH_STOPS
    return skeleton(word) in STOP_SKELETONS
