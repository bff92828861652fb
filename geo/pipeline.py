"""The pipeline: small components run in turn over one ``Document`` (spaCy-style).

Each component is a callable ``Document -> Document``; the runner checks that
every component returns a ``Document`` so a broken stage fails loudly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from geo.errors import GeoError
from geo.memo import new_document
from geo.records import Document

Component = Callable[[Document], Document]
#: The one-line error when ``embeddings=True`` but the optional extra is not installed.
EMBEDDINGS_MISSING = "--embeddings needs the optional extra: pip install 'geo-conflict-mapper[embeddings]'"


@dataclass(frozen=True, slots=True)
class Pipeline:
    """An ordered tuple of named components over one gazetteer."""

    components: tuple[tuple[str, Component], ...]

    @classmethod
    def default(
        cls,
        gazetteer_path: Path | str | None = None,
        *,
        actors_path: Path | None = None,
        overrides_path: Path | None = None,
        embeddings: bool = False,
    ) -> Pipeline:
        """recognize -> resolve [-> user overrides] -> extract events -> link, over one gazetteer.

        ``overrides_path`` is a corrected places.csv (see ``geo.overrides``) whose choices replace the
        resolver's for the mentions it names. ``embeddings`` links events to places with the
        fine-tuned all-MiniLM-L6-v2 scorer as well (``geo.link_tuned``; the optional ``embeddings`` extra).
        """
        from geo.events import EventExtractor
        from geo.gazetteer import Gazetteer
        from geo.linking import EventLinker
        from geo.resolve import Resolver
        from geo.toponyms import ToponymRecognizer

        gazetteer = Gazetteer.open(gazetteer_path)
        components: list[tuple[str, Component]] = [
            ("toponyms", ToponymRecognizer(gazetteer)),
            ("resolve", Resolver(gazetteer)),
        ]
        if overrides_path is not None:
            from geo.overrides import Overrides

            components.append(("overrides", Overrides.load(overrides_path, gazetteer)))
        link_head = None
        if embeddings:
            from geo.event_types import embeddings_available
            from geo.link_tuned import packaged_tuned_scorer

            if not embeddings_available():
                raise GeoError(EMBEDDINGS_MISSING)
            link_head = packaged_tuned_scorer()
        components += [
            ("events", EventExtractor(actors_path=actors_path)),
            ("linking", EventLinker(gazetteer, link_head=link_head)),
        ]
        return cls(tuple(components))

    def __call__(self, doc: Document) -> Document:
        new_document()  # the memos of the previous document's sentences serve it no more (geo.memo)
        for name, component in self.components:
            out = component(doc)
            if not isinstance(out, Document):
                raise GeoError(f"pipeline component {name!r} returned {type(out).__name__}, not Document")
            doc = out
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Run the pipeline over many documents, lazily."""
        for doc in docs:
            yield self(doc)


_DEFAULT: dict[str, Pipeline] = {}


def parse(text: str, date: dt.date | str | None = None, *, title: str = "", doc_id: str = "doc") -> Document:
    """Geoparse one text with the default pipeline: places and events as typed records."""
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    pipeline = _DEFAULT.get("default")
    if pipeline is None:
        pipeline = _DEFAULT["default"] = Pipeline.default()
    return pipeline(Document(id=doc_id, text=text, title=title, date=date))


__all__: Sequence[str] = ["Component", "Pipeline", "parse"]
