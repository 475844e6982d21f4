"""NorNE (NDT layout) CoNLL-U -> spaCy training docs.

Keeps what the files hold: raw spacing (``SpaceAfter=No``), NDT part of speech (as ``tag_``), NDT features
(mapped to UD-style ``morph`` keys so spaCy's morphologizer can learn them), a coarse UPOS derived from them,
lemmas, NDT heads and labels, and NorNE entities (IOB2 in ``name=`` of column 10).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

# NDT feature value -> (UD-style key, value). Values not listed (punctuation markers and rare codes) are dropped.
NDT_FEATURES: dict[str, tuple[str, str]] = {
    "ent": ("Number", "Sing"), "fl": ("Number", "Plur"),
    "mask": ("Gender", "Masc"), "fem": ("Gender", "Fem"), "nøyt": ("Gender", "Neut"), "m/f": ("Gender", "Com"),
    "be": ("Definite", "Def"), "ub": ("Definite", "Ind"),
    "pres": ("Tense", "Pres"), "pret": ("Tense", "Past"),
    "inf": ("VerbForm", "Inf"), "perf-part": ("VerbForm", "Part"), "<perf-part>": ("VerbForm", "Part"),
    "<pres-part>": ("VerbForm", "PresPart"), "imp": ("Mood", "Imp"), "pass": ("Voice", "Pass"),
    "pos": ("Degree", "Pos"), "komp": ("Degree", "Cmp"), "sup": ("Degree", "Sup"),
    "1": ("Person", "1"), "2": ("Person", "2"), "3": ("Person", "3"),
    "nom": ("Case", "Nom"), "akk": ("Case", "Acc"), "gen": ("Case", "Gen"),
    "pers": ("PronType", "Prs"), "dem": ("PronType", "Dem"), "kvant": ("PronType", "Qnt"),
    "sp": ("PronType", "Int"), "poss": ("Poss", "Yes"), "refl": ("Reflex", "Yes"), "hum": ("Animacy", "Hum"),
    "samset": ("Compound", "Yes"), "fork": ("Abbr", "Yes"), "<ordenstall>": ("NumType", "Ord"),
}

NDT_TO_UPOS = {
    "subst": "NOUN", "verb": "VERB", "adj": "ADJ", "prep": "ADP", "det": "DET", "pron": "PRON", "adv": "ADV",
    "konj": "CCONJ", "sbu": "SCONJ", "inf-merke": "PART", "interj": "INTJ", "symb": "SYM", "ukjent": "X",
}


def upos(xpos: str, feats: list[str], form: str) -> str:
    """A coarse universal tag from the NDT tag: proper nouns and numbers matter to extraction."""
    if xpos == "subst" and "prop" in feats:
        return "PROPN"
    if xpos == "det" and "kvant" in feats and any(ch.isdigit() for ch in form):
        return "NUM"
    return NDT_TO_UPOS.get(xpos, "PUNCT")


def morph(ndt_feats: list[str]) -> str:
    values: dict[str, set[str]] = {}
    for feat in ndt_feats:
        if feat in NDT_FEATURES:
            key, value = NDT_FEATURES[feat]
            values.setdefault(key, set()).add(value)
    return "|".join(f"{k}={','.join(sorted(v))}" for k, v in sorted(values.items()))


@dataclass
class Token:
    form: str
    lemma: str
    xpos: str
    feats: list[str]
    head: int  # 0 = root, else 1-based index in the sentence
    deprel: str
    space_after: bool
    iob: str  # "O", "B-PER", "I-PER", ...


@dataclass
class Sentence:
    sent_id: str
    source: str
    new_paragraph: bool
    tokens: list[Token] = field(default_factory=list)
    text: str = ""  # the ``# text`` line: the sentence as written

    @property
    def is_subheading(self) -> bool:
        """A heading that quotes someone ("- Har jobbet hardt") sits inside an article, never starts one."""
        return self.is_heading and self.text.lstrip()[:1] in "-–«\""

    @property
    def is_heading(self) -> bool:
        """A short line with no closing punctuation: a heading, a subheading or a byline."""
        return len(self.tokens) <= HEADING_MAX_TOKENS and not self.text.rstrip().endswith(BODY_ENDINGS)


# what ends a sentence of running text (a heading has none of these at its end)
BODY_ENDINGS = (".", "!", "?", "…", ":", ";", "»", '"', "'", ")")
HEADING_MAX_TOKENS = 20


class CoNLLUError(ValueError):
    pass


def read_conllu(path: Path) -> Iterator[Sentence]:
    """Sentences of a NorNE CoNLL-U file (NDT or UD layout; FEATS may be empty)."""
    sentence: Sentence | None = None
    new_par = False
    source = ""
    sent_id = ""
    text = ""
    with open(path, encoding="utf-8") as handle:
        for line_no, raw in enumerate(handle, 1):
            line = raw.rstrip("\n")
            if not line:
                if sentence and sentence.tokens:
                    yield sentence
                sentence, new_par, source, sent_id, text = None, False, "", "", ""
                continue
            if line.startswith("#"):
                key, _, value = line[1:].partition("=")
                key, value = key.strip(), value.strip()
                if key == "newpar" or key.startswith("newpar"):
                    new_par = True
                elif key == "ndt_source":
                    source = value.split("#")[0]
                elif key == "sent_id":
                    sent_id = value
                elif key == "text":
                    text = value
                continue
            cols = line.split("\t")
            if len(cols) != 10:
                raise CoNLLUError(f"{path}:{line_no}: expected 10 tab-separated columns, got {len(cols)}")
            if "-" in cols[0] or "." in cols[0]:
                continue  # multi-word token ranges and empty nodes carry no annotation of their own
            if sentence is None:
                sentence = Sentence(sent_id=sent_id, source=source, new_paragraph=new_par, text=text)
            misc = dict(part.split("=", 1) for part in cols[9].split("|") if "=" in part)
            ndt_feats = misc.get("NdtFeats", "")
            feats = ndt_feats.split(",") if ndt_feats else []
            sentence.tokens.append(
                Token(
                    form=cols[1],
                    lemma=cols[2][1:] if cols[2].startswith("$") and len(cols[2]) > 1 else cols[2],
                    xpos=cols[4] if cols[4] != "_" else cols[3],
                    feats=feats,
                    head=int(cols[6]) if cols[6].isdigit() else 0,
                    deprel=cols[7],
                    space_after=misc.get("SpaceAfter") != "No",
                    iob=misc.get("name", "O"),
                )
            )
    if sentence and sentence.tokens:
        yield sentence


def entity_spans(tokens: list[Token]) -> list[tuple[int, int, str]]:
    """IOB2 tags -> (start, end, label) token spans; a stray I- starts a new entity."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tok in enumerate(tokens + [Token("", "", "", [], 0, "", True, "O")]):
        tag, _, tag_label = tok.iob.partition("-")
        if start >= 0 and (tag != "I" or tag_label != label):
            spans.append((start, i, label))
            start = -1
        if tag == "B" or (tag == "I" and start < 0):
            start, label = i, tag_label
    return spans


def sentences_to_doc(vocab: Vocab, sentences: list[Sentence]) -> Doc:
    """One Doc from consecutive sentences, keeping sentence boundaries, trees and entities."""
    words, spaces, tags, morphs, poses, lemmas, heads, deps, sent_starts = ([] for _ in range(9))
    ents: list[tuple[int, int, str]] = []
    offset = 0
    for sentence in sentences:
        toks = sentence.tokens
        for i, tok in enumerate(toks):
            words.append(tok.form)
            spaces.append(tok.space_after or i == len(toks) - 1)
            tags.append(tok.xpos)
            morphs.append(morph(tok.feats))
            poses.append(upos(tok.xpos, tok.feats, tok.form))
            lemmas.append(tok.lemma)
            heads.append(offset + (tok.head - 1 if tok.head else i))
            deps.append(tok.deprel)
            sent_starts.append(i == 0)
        ents.extend((offset + s, offset + e, label) for s, e, label in entity_spans(toks))
        offset += len(toks)
    spaces[-1] = False
    doc = Doc(
        vocab, words=words, spaces=spaces, tags=tags, morphs=morphs, pos=poses, lemmas=lemmas,
        heads=heads, deps=deps, sent_starts=sent_starts,
    )
    doc.ents = [Span(doc, s, e, label=label) for s, e, label in ents]
    return doc


def group_sentences(sentences: Iterable[Sentence], max_sents: int = 10) -> Iterator[list[Sentence]]:
    """Consecutive sentences of one source file, cut at paragraph breaks or after ``max_sents``."""
    group: list[Sentence] = []
    for sentence in sentences:
        if group and (
            len(group) >= max_sents or sentence.source != group[-1].source or sentence.new_paragraph
        ):
            yield group
            group = []
        group.append(sentence)
    if group:
        yield group


def conllu_to_docs(path: Path, vocab: Vocab, max_sents: int = 10) -> list[Doc]:
    return [sentences_to_doc(vocab, group) for group in group_sentences(read_conllu(path), max_sents)]


# ---- whole documents ----------------------------------------------------------------------------------------
# NDT keeps no article boundaries: its files (``ap013_0001.conll``) are 100-sentence slices of a text collection
# (``ap013``). An article starts at a run of headings after running text; a caption ("Foto:") is no boundary.


@dataclass
class Document:
    id: str  # collection and number within one file of sentences: "ap013-02"
    sentences: list[Sentence]

    @property
    def collection(self) -> str:
        return collection_of(self.sentences[0].source)


def collection_of(source: str) -> str:
    """``ndt/nob/ap013_0001.conll`` -> ``ap013``."""
    name = source.rsplit("/", 1)[-1]
    return name.split("_", 1)[0].removesuffix(".conll")


def split_documents(sentences: Iterable[Sentence], min_sentences: int = 3) -> list[Document]:
    """Whole articles, in file order; a piece shorter than ``min_sentences`` stays with the article before it."""
    pieces: list[list[Sentence]] = []
    for sentence in sentences:
        previous = pieces[-1][-1] if pieces else None
        starts = (
            previous is None
            or collection_of(sentence.source) != collection_of(previous.source)
            or (
                sentence.is_heading
                and not sentence.is_subheading
                and not previous.is_heading
                and not previous.text.rstrip().endswith(":")
            )
        )
        if starts:
            pieces.append([sentence])
        else:
            pieces[-1].append(sentence)
    merged: list[list[Sentence]] = []
    for piece in pieces:
        same = merged and collection_of(merged[-1][0].source) == collection_of(piece[0].source)
        if same and len(piece) < min_sentences:
            merged[-1].extend(piece)
        else:
            merged.append(piece)
    documents, counts = [], {}
    for piece in merged:
        name = collection_of(piece[0].source)
        counts[name] = counts.get(name, 0) + 1
        documents.append(Document(f"{name}-{counts[name]:02d}", piece))
    return documents


def document_text(document: Document) -> tuple[str, list[int]]:
    """The article as text: a heading on a line of its own, running text as paragraphs; each sentence's offset."""
    parts: list[str] = []
    offsets: list[int] = []
    length = 0
    for i, sentence in enumerate(document.sentences):
        if i:
            before = document.sentences[i - 1]
            sep = "\n" if before.is_heading or sentence.is_heading else " "
            parts.append(sep)
            length += len(sep)
        offsets.append(length)
        parts.append(sentence.text)
        length += len(sentence.text)
    return "".join(parts), offsets
