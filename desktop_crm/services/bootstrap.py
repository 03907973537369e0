"""What a new database gets before the user's first record: a default sales pipeline."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop_crm.models import Pipeline, PipelineStage
from desktop_crm.models.journal import operation

LANGUAGES = ("en", "fr")


@dataclass(frozen=True)
class StageTemplate:
    name_en: str
    name_fr: str
    probability: int
    kind: str
    idle_days_limit: int | None


#: A classic B2B sales process; every stage is renamable and reorderable later.
DEFAULT_STAGES = (
    StageTemplate("Prospecting", "Prospection", 10, "open", 14),
    StageTemplate("Qualification", "Qualification", 20, "open", 14),
    StageTemplate("Needs analysis", "Analyse des besoins", 35, "open", 21),
    StageTemplate("Proposal", "Proposition", 50, "open", 21),
    StageTemplate("Negotiation", "Négociation", 75, "open", 14),
    StageTemplate("Won", "Gagné", 100, "won", None),
    StageTemplate("Lost", "Perdu", 0, "lost", None),
)

DEFAULT_PIPELINE_NAME = {"en": "Sales", "fr": "Ventes"}


def ensure_default_pipeline(session: Session, language: str = "en") -> Pipeline:
    """Return the default pipeline, creating it (in `language`) when the database has none."""
    if language not in LANGUAGES:
        raise ValueError(f"language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    existing = session.scalars(
        select(Pipeline).where(Pipeline.deleted_at.is_(None)).order_by(Pipeline.is_default.desc())
    ).first()
    if existing is not None:
        return existing
    with operation(session, "Create the default pipeline", "setup"):
        pipeline = Pipeline(name=DEFAULT_PIPELINE_NAME[language], is_default=True)
        session.add(pipeline)
        session.flush()
        for position, stage in enumerate(DEFAULT_STAGES):
            session.add(
                PipelineStage(
                    pipeline_id=pipeline.id,
                    name=stage.name_fr if language == "fr" else stage.name_en,
                    position=position,
                    probability=stage.probability,
                    kind=stage.kind,
                    idle_days_limit=stage.idle_days_limit,
                )
            )
    return pipeline
