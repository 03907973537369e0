"""Data layer, free of Qt: SQLAlchemy entities, the database, the change journal."""

from desktop_crm.models.account import Account
from desktop_crm.models.activity import Activity
from desktop_crm.models.base import Base, DomainRow
from desktop_crm.models.campaign import Campaign, CampaignMember
from desktop_crm.models.case import Case
from desktop_crm.models.contact import Contact
from desktop_crm.models.custom_field import CustomFieldDefinition, CustomFieldValue
from desktop_crm.models.journal import AppSetting, JournalEntry, JournalOperation
from desktop_crm.models.lead import Lead
from desktop_crm.models.opportunity import Opportunity
from desktop_crm.models.pipeline import Pipeline, PipelineStage
from desktop_crm.models.saved_view import SavedView
from desktop_crm.models.tag import Tag, Tagging
from desktop_crm.models.user import Team, User

#: The CRM objects a user works with, by object type name.
OBJECT_MODELS: dict[str, type[DomainRow]] = {
    model.object_type: model
    for model in (Account, Contact, Lead, Opportunity, Activity, Campaign, Case)
}

__all__ = [
    "OBJECT_MODELS",
    "Account",
    "Activity",
    "AppSetting",
    "Base",
    "Campaign",
    "CampaignMember",
    "Case",
    "Contact",
    "CustomFieldDefinition",
    "CustomFieldValue",
    "DomainRow",
    "JournalEntry",
    "JournalOperation",
    "Lead",
    "Opportunity",
    "Pipeline",
    "PipelineStage",
    "SavedView",
    "Tag",
    "Tagging",
    "Team",
    "User",
]
