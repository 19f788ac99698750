"""Resolving free-text job titles and skill phrases to occupations.

Two signals are combined. The first is the dictionary: names and aliases of occupations
found inside the cleaned title, the longer and the nearer its end (where Chinese puts
the head of a compound, 电焊**工**) the better. The second is a character n-gram TF-IDF
similarity between the title and each occupation's name, aliases and definition, which
ranks the dictionary's ties and carries titles no alias covers.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from matching.text import has_han, normalize
from matching.vocabulary import Occupation, parent_code

# How much a word naming a whole group counts for each occupation inside it, and how
# much a word's stem counts against the word itself.
GROUP_WEIGHT = 0.7
STEM_WEIGHT = 0.9
# How much a title counts once its rank words (经理, 学徒, 主管) are stripped.
CORE_WEIGHT = 0.9

# Official names carry L (green) and S (digital) markers; they are not words.
_MARKER = re.compile(r"(?<=[\u4e00-\u9fff])[ls](/[ls])?$")
_ALIAS_SPLIT = re.compile(r"[,/、，]")
# Salary figures, perks and recruiting words say nothing about the trade.
_SALARY = re.compile(
    r"\d+(\.\d+)?\s*[kw千万元]?\s*[-~至到]\s*\d+(\.\d+)?\s*[kw千万元]?(/月|每月)?"
    r"|(月薪|日薪|时薪|底薪|年薪|综合薪资|薪资|工资)\s*[:：]?\s*\d*(\.\d+)?\s*[kw千万元]?\+?"
    r"|\d+(\.\d+)?\s*(k|w|千|万|元)(/月|/天|一天|每天|/时)?"
    r"|\d+\s*(一天|/天|每天)"
)
_NOISE = re.compile(
    "|".join(
        (
            "包吃包住",
            "包食宿",
            "包吃住",
            "包住",
            "包吃",
            "五险一金",
            "六险一金",
            "双休",
            "单休",
            "周末双休",
            "高薪",
            "急聘",
            "急招",
            "诚聘",
            "直招",
            "热招",
            "招聘",
            "长期",
            "稳定",
            "日结",
            "周结",
            "月结",
            "无经验",
            "可实习",
            "无需经验",
            "轻松",
            "简单",
            "提成",
            "奖金",
            "年终奖",
            "免费培训",
            "带薪培训",
            "入职",
            "提供住宿",
            "多劳多得",
            "离家近",
            "大量",
            "若干",
            "全职",
            "兼职",
            "有补贴",
        )
    )
)
# Rank and seniority words around the trade: 资深焊工, 厨师学徒, 保安队长.
_RANK = re.compile(
    "高级|资深|初级|中级|实习生?|储备|见习|学徒|师傅|小工|大工|熟手|领班|组长|班长"
    "|队长|主管|专员|助理|总监|经理|主任|负责人|岗位?$|工作人员$"
)
# Generic endings of trade words: 分拣员 -> 分拣, 铲车司机 -> 铲车.
_SUFFIX = re.compile("(工作人员|人员|工人|司机|师傅|操作员|操作工|员|工|师)$")
_SEPARATORS = re.compile(r"[/+、,，;；|｜丨!！?？~\s]+")
_BRACKETS = re.compile(r"[(\[【{<《][^)\]】}>》]*[)\]】}>》]")
_RECRUITING = re.compile(r"招聘|诚聘|急聘|急招|直招|热招|直聘|招(?![商标生投待募])")


@dataclass(frozen=True, slots=True)
class Candidate:
    code: str
    name: str
    score: float


@dataclass(frozen=True, slots=True)
class Resolution:
    """The best occupation for a text, if any is confident enough, and the runners-up.

    ``code`` is None when nothing scores at least the resolver's threshold; ``reason``
    then says why.
    """

    code: str | None
    name: str | None
    score: float
    alternatives: tuple[Candidate, ...]
    reason: str | None = None


def terms_of(occupation: Occupation) -> list[str]:
    """Return the normalised words that name an occupation: name and aliases."""
    words = []
    for raw in (occupation.name, *occupation.aliases):
        word = _MARKER.sub("", normalize(raw))
        words.append(word)
        words.extend(part for part in _ALIAS_SPLIT.split(word) if part != word)
    return [w.strip() for w in dict.fromkeys(words) if len(w.strip()) >= 2]


def segments_of(title: str) -> list[str]:
    """Split a normalised title into the phrases that may name the trade, best first."""
    outside = _BRACKETS.sub(" ", title)
    inside = " ".join(m[1:-1] for m in _BRACKETS.findall(title))
    # In 「某某公司招聘电焊工」 the trade follows the recruiting word.
    parts = _RECRUITING.split(outside)
    pieces: list[str] = []
    for text in (*reversed(parts), inside):
        text = _NOISE.sub(" ", _SALARY.sub(" ", text))
        pieces.extend(p for p in _SEPARATORS.split(text) if has_han(p))
    return pieces


def _ngrams(text: str) -> list[str]:
    """Return the character 1- to 3-grams of each word of ``text``."""
    grams: list[str] = []
    for word in text.split():
        for size in (1, 2, 3):
            grams.extend(word[i : i + size] for i in range(len(word) - size + 1))
    return grams


def _top(scores: np.ndarray, limit: int) -> np.ndarray:
    """Return the positions of the ``limit`` best scores, ties broken by position."""
    if limit <= 0:
        return np.empty(0, dtype=np.int64)
    if limit < len(scores):
        # Everything tied with the last kept score stays in, so ties break by position.
        threshold = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        candidates = np.flatnonzero(scores >= threshold)
    else:
        candidates = np.arange(len(scores))
    order = np.lexsort((candidates, -scores[candidates]))
    return candidates[order][:limit]


def _members(leaves: Sequence[Occupation]) -> dict[str, list[int]]:
    """Map every code, leaf or group, to the positions of the leaves it holds."""
    members: dict[str, list[int]] = {}
    for i, leaf in enumerate(leaves):
        code: str | None = leaf.code
        while code is not None:
            members.setdefault(code, []).append(i)
            code = parent_code(code)
    return members


def _term_index(
    occupations: Sequence[Occupation],
    parents: set[str | None],
    members: dict[str, list[int]],
) -> dict[str, dict[int, float]]:
    """Map each word to the leaves it names and how strongly.

    A group's words name its members more weakly, and a word's stem (分拣 of 分拣员)
    a little more weakly than the word.
    """
    index: dict[str, dict[int, float]] = {}
    for occupation in occupations:
        weight = GROUP_WEIGHT if occupation.code in parents else 1.0
        for term in terms_of(occupation):
            stem = _SUFFIX.sub("", term)
            for word, strength in ((term, weight), (stem, STEM_WEIGHT * weight)):
                if len(word) < 2:
                    continue
                entry = index.setdefault(word, {})
                for i in members.get(occupation.code, ()):
                    entry[i] = max(entry.get(i, 0.0), strength)
    return index


def _containing_index(terms: dict[str, dict[int, float]]) -> dict[str, list[str]]:
    """Map every inner piece of two or more characters to the words holding it."""
    containing: dict[str, list[str]] = {}
    for term in terms:
        for size in range(2, len(term)):
            for start in range(len(term) - size + 1):
                containing.setdefault(term[start : start + size], []).append(term)
    return containing


class TitleResolver:
    """Find the occupation a job title or a phrase like 「会开铲车」 names.

    Parameters
    ----------
    occupations : sequence of Occupation
        The table to resolve against, usually the official codes merged with curated
        aliases.
    min_score : float
        Below this score the answer carries no code.

    Examples
    --------
    >>> resolver = TitleResolver([Occupation("4-07-05-01", "保安员", ("保安",))])
    >>> resolver.resolve("日结轻松保安+包吃住").code
    '4-07-05-01'
    """

    def __init__(self, occupations: Sequence[Occupation], *, min_score: float = 0.15):
        self.min_score = min_score
        parents = {o.parent_code for o in occupations}
        # Answers are occupations, never groups: a group's words count for its members.
        self._leaves = [o for o in occupations if o.code not in parents]
        self._terms = _term_index(occupations, parents, _members(self._leaves))
        self._containing = _containing_index(self._terms)
        # A word inside many others (司机, 服务员) says less than a specific one.
        self._specificity = {
            term: max(0.5, 1.0 - 0.1 * len(self._containing.get(term, ())))
            for term in self._terms
        }
        self._max_term = max((len(t) for t in self._terms), default=0)

        documents = [self._document(o) for o in self._leaves]
        vectorizer = TfidfVectorizer(
            analyzer=_ngrams, sublinear_tf=True, dtype=np.float32
        )
        self._matrix = vectorizer.fit_transform(documents).T.tocsr()
        self._ngram_index: dict[str, int] = vectorizer.vocabulary_
        self._idf = vectorizer.idf_.astype(np.float32)

    @staticmethod
    def _document(occupation: Occupation) -> str:
        names = " ".join(terms_of(occupation))
        return f"{names} {names} {normalize(occupation.definition)}"

    def resolve(self, text: str, limit: int = 5) -> Resolution:
        """Return the best occupation for ``text`` with up to ``limit`` alternatives."""
        title = normalize(text)
        segments = segments_of(title) if has_han(title) else []
        if not segments:
            return Resolution(None, None, 0.0, (), "no words that could name a trade")

        scores = 0.5 * self._dictionary_scores(segments) + 0.5 * self._similarity(
            segments
        )
        order = _top(scores, limit)
        candidates = tuple(
            Candidate(
                self._leaves[i].code,
                self._leaves[i].name,
                round(float(scores[i]), 4),
            )
            for i in order
            if scores[i] > 0
        )
        if not candidates or candidates[0].score < self.min_score:
            return Resolution(
                None, None, 0.0, candidates, "no occupation is close enough"
            )
        best = candidates[0]
        return Resolution(best.code, best.name, best.score, candidates[1:])

    def _dictionary_scores(self, segments: list[str]) -> np.ndarray:
        scores = np.zeros(len(self._leaves), dtype=np.float32)
        for rank, segment in enumerate(segments):
            # Segments after the first (other titles, bracketed notes) count less, and
            # so does a segment stripped of its rank words (销售经理 is not 销售).
            discount = 1.0 if rank == 0 else 0.9
            core = _RANK.sub("", segment)
            phrases = [(segment, discount)]
            if core != segment:
                phrases.append((core, CORE_WEIGHT * discount))
            for phrase, weight in phrases:
                if len(phrase) >= 2 and not self._words_in(phrase, scores, weight):
                    self._phrase_in_words(phrase, scores, weight)
        return scores

    def _words_in(self, phrase: str, scores: np.ndarray, discount: float) -> bool:
        """Score the known words inside ``phrase``; return whether any was found."""
        found = False
        for start in range(len(phrase)):
            for end in range(min(len(phrase), start + self._max_term), start + 1, -1):
                entry = self._terms.get(phrase[start:end])
                if entry is None:
                    continue
                coverage = (end - start) / len(phrase)
                at_end = 1.0 if end == len(phrase) else 0.0
                value = discount * (0.55 + 0.25 * coverage + 0.2 * at_end)
                value *= self._specificity[phrase[start:end]]
                for i, weight in entry.items():
                    scores[i] = max(scores[i], value * weight)
                found = True
                break
        return found

    def _phrase_in_words(
        self, phrase: str, scores: np.ndarray, discount: float
    ) -> None:
        """Score the known words holding all of ``phrase`` (安装工 in 设备安装工)."""
        for term in self._containing.get(phrase, ()):
            value = discount * (0.3 + 0.4 * len(phrase) / len(term))
            for i, weight in self._terms[term].items():
                scores[i] = max(scores[i], value * weight)

    def _similarity(self, segments: list[str]) -> np.ndarray:
        """Cosine similarity of the title's n-grams with each occupation's text."""
        counts: dict[int, int] = {}
        for gram in _ngrams(" ".join(segments)):
            index = self._ngram_index.get(gram)
            if index is not None:
                counts[index] = counts.get(index, 0) + 1
        if not counts:
            return np.zeros(len(self._leaves), dtype=np.float32)

        indices = np.fromiter(counts, dtype=np.int64)
        tf = 1.0 + np.log(np.fromiter(counts.values(), dtype=np.float32))
        weights = tf * self._idf[indices]
        weights /= np.linalg.norm(weights)

        # Sum the rows of the few n-grams by hand: sparse fancy indexing costs more.
        scores = np.zeros(len(self._leaves), dtype=np.float32)
        starts, ends = self._matrix.indptr[indices], self._matrix.indptr[indices + 1]
        for start, end, weight in zip(starts, ends, weights, strict=True):
            scores[self._matrix.indices[start:end]] += (
                weight * self._matrix.data[start:end]
            )
        return scores
