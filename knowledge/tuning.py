"""The knobs of retrieval, in one place, so that a benchmark can switch each part off."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tuning:
    """Defaults are the shipped behaviour; bench/retrieval_ablation.py varies them."""

    kazakh_stemming: bool = True
    glossary: bool = True
    expansion_weight: float = 0.7  # a concept's other variants, relative to the asked one
    prefix_weight: float = 0.7  # an unknown word's index terms by shared prefix
    alternates: bool = True  # a Russian verb form also sought in its other forms (приостановить → приостановлено)
    cue_weight: float = 0.6  # answer-type cues (definition, year, number)
    language_idf: bool = True  # untranslated words weighed among passages of their language
    slot_idf: bool = True  # every variant of a concept scaled to the concept's idf
    rerank_weight: float = 0.3  # best-sentence strength added to the BM25 score
    rerank_depth: int = 20
    keyword_list_weight: float = 0.0  # score share of a "Keywords:" passage: it names every topic, answers none
    order_weight: float = 0.5  # score share of the order that approves a by-law's rules: it repeats their title
    summary_weight: float = 0.8  # score share of an abstract's passage: it names what the body states
    answerability: bool = True  # tiers from what the excerpt holds (answerability.py), not from the score
    answer_excerpt: bool = True  # the excerpt follows the asked kind of answer and announced lists
    spelling: bool = True  # chat spellings, decades and misspelled words (spelling.py)
    synonyms: bool = True  # the glossary's one-language synonym groups
    named_sections: bool = True  # "аннотация статьи", "ключевые слова": the named part of a document, whole
    foreign_weight: float = 0.5  # score share of a passage in neither the reader's language nor Kazakh
    russian_lemmas: bool = False  # Russian words as pymorphy3 lemmas instead of Snowball stems
    article_weight: float = 0.2  # share of a legal article's whole-article BM25 added to its passages
    chapter_weight: float = 0.1  # share of its chapter's (or section's) whole BM25
    long_title: int = 12  # an article title longer than this is indexed with its first passage only (0: all)
    title_weight: float = 0.15  # score share added to an article whose whole title the question names
    named_act_weight: float = 1.5  # score factor of the passages of an act the question names
    named_act_share: float = 0.5  # …which go first when the best of them scores this share of the top
    superseded_weight: float = 0.5  # score share of an older edition of an act whose newer edition is loaded
    lookup_definition: bool = True  # a bare term looked up asks for its definition (query.py)
    kazakh_predicates: bool = True  # an unknown Kazakh verb says how a question is put (answerability.py)
    permit_weight: float = 0.1  # score share added to a passage saying what one may do, for "может ли …"
    institution_weight: float = 0.3  # score share lost by a passage naming none of the bodies asked (some: a share)
    which_shown: bool = True  # the thing a "which" asks about ("қандай салықтар") must be in a ✅'s excerpt
    names_shown: bool = True  # a place or a person a Russian question names must be in the excerpt for a ✅
    everyday: bool = True  # a question whose known words are all everyday words is chatter (everyday.py)
    list_leads: bool = True  # a passage continuing a list is indexed and shown with its lead-in (passages.py)
    stated_share: float = 0.8  # a hit within this share of the top's score that states the asked fact goes first
    defining_candidates: bool = True  # passages defining the asked term are weighed however low they rank
    defined_share: float = 0.4  # …and one that defines exactly the asked term


DEFAULT = Tuning()
