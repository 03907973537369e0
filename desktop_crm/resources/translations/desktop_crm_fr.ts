<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>App</name>
    <message>
        <source>Cannot open the database</source>
        <translation>Impossible d’ouvrir la base de données</translation>
    </message>
</context>
<context>
    <name>BulkEditDialog</name>
    <message>
        <source>Edit {count} {objects}</source>
        <translation>Modifier {count} {objects}</translation>
    </message>
    <message>
        <source>&amp;Field</source>
        <translation>&amp;Champ</translation>
    </message>
    <message>
        <source>The value replaces the field of all {count} selected records, as one change you can undo.</source>
        <translation>La valeur remplace ce champ dans les {count} enregistrements sélectionnés, en une modification annulable.</translation>
    </message>
    <message>
        <source>&amp;Value</source>
        <translation>&amp;Valeur</translation>
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <source>Check before importing</source>
        <translation>Vérifier avant d&apos;importer</translation>
    </message>
    <message>
        <source>Every row is read, linked and matched against your records; nothing is written yet. Correct a value by double-clicking it.</source>
        <translation>Chaque ligne est lue, liée et comparée à vos fiches ; rien n&apos;est encore écrit. Corrigez une valeur en double-cliquant dessus.</translation>
    </message>
    <message>
        <source>Check &amp;again</source>
        <translation>&amp;Vérifier à nouveau</translation>
    </message>
    <message>
        <source>E&amp;xport the problems…</source>
        <translation>E&amp;xporter les problèmes…</translation>
    </message>
    <message>
        <source>Checking every row…</source>
        <translation>Vérification de chaque ligne…</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Vérification</translation>
    </message>
    <message>
        <source>The check was cancelled. Press Check again to run it.</source>
        <translation>La vérification a été annulée. Cliquez sur Vérifier à nouveau pour la relancer.</translation>
    </message>
    <message>
        <source>Problems ({count})</source>
        <translation>Problèmes ({count})</translation>
    </message>
    <message>
        <source>Duplicates found ({count})</source>
        <translation>Doublons trouvés ({count})</translation>
    </message>
    <message>
        <source>{rows} rows: {created} would be created, {updated} would update existing records, {skipped} skipped as duplicates, {failed} with errors.</source>
        <translation>{rows} lignes : {created} à créer, {updated} à mettre à jour sur des fiches existantes, {skipped} ignorées comme doublons, {failed} en erreur.</translation>
    </message>
    <message>
        <source>Also created: {linked}.</source>
        <translation>Créés aussi : {linked}.</translation>
    </message>
    <message>
        <source>The first {shown} of {total} problems are listed.</source>
        <translation>Les {shown} premiers problèmes sur {total} sont listés.</translation>
    </message>
    <message>
        <source>{count} corrected: they are used by the import. Check again to see the counts with them.</source>
        <translation>{count} corrigé(s) : l&apos;import utilisera ces valeurs. Vérifiez à nouveau pour voir les comptes à jour.</translation>
    </message>
    <message>
        <source>Some rows have errors and the options say to import nothing then: correct them here, or go back and choose to leave those rows out.</source>
        <translation>Des lignes ont des erreurs et les options disent de ne rien importer dans ce cas : corrigez-les ici, ou revenez en arrière pour laisser ces lignes de côté.</translation>
    </message>
    <message>
        <source>Nothing would be imported: no row would create or update a record.</source>
        <translation>Rien ne serait importé : aucune ligne ne créerait ni ne mettrait à jour de fiche.</translation>
    </message>
</context>
<context>
    <name>Choices</name>
    <message>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <source>Granted</source>
        <translation>Accordé</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refusé</translation>
    </message>
    <message>
        <source>Withdrawn</source>
        <translation>Retiré</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Recommandation</translation>
    </message>
    <message>
        <source>Trade show</source>
        <translation>Salon professionnel</translation>
    </message>
    <message>
        <source>Linkedin</source>
        <translation>LinkedIn</translation>
    </message>
    <message>
        <source>Advertising</source>
        <translation>Publicité</translation>
    </message>
    <message>
        <source>Inbound call</source>
        <translation>Appel entrant</translation>
    </message>
    <message>
        <source>Partner</source>
        <translation>Partenaire</translation>
    </message>
    <message>
        <source>Email campaign</source>
        <translation>Campagne e-mailing</translation>
    </message>
    <message>
        <source>Cold call</source>
        <translation>Prospection téléphonique</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prix</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>Concurrent</translation>
    </message>
    <message>
        <source>No budget</source>
        <translation>Pas de budget</translation>
    </message>
    <message>
        <source>No decision</source>
        <translation>Pas de décision</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Calendrier</translation>
    </message>
    <message>
        <source>Product fit</source>
        <translation>Inadéquation du produit</translation>
    </message>
    <message>
        <source>Prospect</source>
        <translation>Prospect</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>Supplier</source>
        <translation>Fournisseur</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Portable</translation>
    </message>
    <message>
        <source>Mail</source>
        <translation>Courrier</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Aucun</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>Formulaire</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>Papier</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nouveau</translation>
    </message>
    <message>
        <source>Contacted</source>
        <translation>Contacté</translation>
    </message>
    <message>
        <source>Qualified</source>
        <translation>Qualifié</translation>
    </message>
    <message>
        <source>Unqualified</source>
        <translation>Non qualifié</translation>
    </message>
    <message>
        <source>Converted</source>
        <translation>Converti</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvert</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Gagnée</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdue</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Rendez-vous</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Tâche</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Événement</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>Entrant</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>Sortant</translation>
    </message>
    <message>
        <source>Webinar</source>
        <translation>Webinaire</translation>
    </message>
    <message>
        <source>Direct mail</source>
        <translation>Publipostage</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Planifiée</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Terminée</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolu</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clos</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Basse</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normale</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Haute</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Urgente</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Web</source>
        <translation>Web</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>En personne</translation>
    </message>
</context>
<context>
    <name>CloseDealDialog</name>
    <message>
        <source>Won: {deal}</source>
        <extracomment>Typing pauses this long before the text filter runs. The date edits show this day as &quot;any&quot;: no bound. Currency lines in a column header; the rest are summed up in one line (and listed in the tooltip), so 30 columns of five currencies stay readable. (id, name) of the active users, for the owner filter</extracomment>
        <translation>Gagnée : {deal}</translation>
    </message>
    <message>
        <source>Lost: {deal}</source>
        <translation>Perdue : {deal}</translation>
    </message>
    <message>
        <source>Moving “{deal}” to “{stage}” closes it as won.</source>
        <translation>Passer « {deal} » à l’étape « {stage} » la clôture comme gagnée.</translation>
    </message>
    <message>
        <source>Moving “{deal}” to “{stage}” closes it as lost.</source>
        <translation>Passer « {deal} » à l’étape « {stage} » la clôture comme perdue.</translation>
    </message>
    <message>
        <source>Close date</source>
        <translation>Date de clôture</translation>
    </message>
    <message>
        <source>&amp;Close date:</source>
        <translation>Date de &amp;clôture :</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Obligatoire</translation>
    </message>
    <message>
        <source>Final amount</source>
        <translation>Montant final</translation>
    </message>
    <message>
        <source>Final &amp;amount:</source>
        <translation>&amp;Montant final :</translation>
    </message>
    <message>
        <source>Choose a reason…</source>
        <translation>Choisir un motif…</translation>
    </message>
    <message>
        <source>Lost reason</source>
        <translation>Motif de perte</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Motif :</translation>
    </message>
    <message>
        <source>Optional: what happened</source>
        <translation>Facultatif : ce qui s’est passé</translation>
    </message>
    <message>
        <source>&amp;Details:</source>
        <translation>&amp;Détails :</translation>
    </message>
    <message>
        <source>Mark as won</source>
        <translation>Marquer gagnée</translation>
    </message>
    <message>
        <source>Mark as lost</source>
        <translation>Marquer perdue</translation>
    </message>
    <message>
        <source>“{text}” is not an amount.</source>
        <translation>« {text} » n’est pas un montant.</translation>
    </message>
    <message>
        <source>The close date cannot be in the future.</source>
        <translation>La date de clôture ne peut pas être dans le futur.</translation>
    </message>
    <message>
        <source>A won deal needs its final amount.</source>
        <translation>Une affaire gagnée a besoin de son montant final.</translation>
    </message>
    <message>
        <source>Choose the reason the deal was lost.</source>
        <translation>Choisissez la raison de la perte de l’affaire.</translation>
    </message>
</context>
<context>
    <name>Columns</name>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Secteur</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>SIREN</source>
        <translation>SIREN</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Effectif</translation>
    </message>
    <message>
        <source>Annual revenue</source>
        <translation>Chiffre d’affaires annuel</translation>
    </message>
    <message>
        <source>Parent account</source>
        <translation>Compte parent</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Modifié le</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Rue</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>Invalid e-mail</source>
        <translation>E-mail invalide</translation>
    </message>
    <message>
        <source>Invalid phone</source>
        <translation>Téléphone invalide</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Portable</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>Salutation</source>
        <translation>Civilité</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Canal préféré</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Consent source</source>
        <translation>Source du consentement</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>Date du consentement</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>Last touched</source>
        <translation>Dernière action</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Probability %</source>
        <translation>Probabilité %</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>Clôture prévue</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clôturée le</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>En sommeil</translation>
    </message>
    <message>
        <source>Primary contact</source>
        <translation>Contact principal</translation>
    </message>
    <message>
        <source>Closed on</source>
        <translation>Clôturée le</translation>
    </message>
    <message>
        <source>Lost reason</source>
        <translation>Motif de perte</translation>
    </message>
    <message>
        <source>Lost detail</source>
        <translation>Détail de la perte</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Échéance</translation>
    </message>
    <message>
        <source>Satisfaction (1–5)</source>
        <translation>Satisfaction (1–5)</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Objet</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Opportunité</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fait le</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Contenu</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Sens</translation>
    </message>
    <message>
        <source>Duration (minutes)</source>
        <translation>Durée (minutes)</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Piste</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Début</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Fin</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Actual cost</source>
        <translation>Coût réel</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Date de début</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Date de fin</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorité</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Canal</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Ouvert le</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Résolu le</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
</context>
<context>
    <name>ConditionEditor</name>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>to</source>
        <translation>à</translation>
    </message>
    <message>
        <source>Upper value</source>
        <translation>Valeur haute</translation>
    </message>
    <message>
        <source>Choices</source>
        <translation>Choix</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
    <message>
        <source>&amp;Apply</source>
        <translation>&amp;Appliquer</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>text</source>
        <translation>texte</translation>
    </message>
    <message>
        <source>“{column}”: tick at least one choice.</source>
        <translation>« {column} » : cochez au moins un choix.</translation>
    </message>
    <message>
        <source>“{column}”: type the text to look for.</source>
        <translation>« {column} » : tapez le texte à chercher.</translation>
    </message>
    <message>
        <source>“{column}”: type a value.</source>
        <translation>« {column} » : tapez une valeur.</translation>
    </message>
    <message>
        <source>“{column}”: type a lower or an upper bound, or both.</source>
        <translation>« {column} » : tapez une borne basse, une borne haute, ou les deux.</translation>
    </message>
    <message>
        <source>“{column}”: the first bound is after the second.</source>
        <translation>« {column} » : la première borne est après la seconde.</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <source>Bar {number} of {total}: Enter opens its {count} records</source>
        <extracomment>Smallest height at which a chart&apos;s labels stay readable. Seconds the last draw took (figure built and rendered), for the benchmark. The bar chosen with the keyboard (an index into `hits`), None before any.</extracomment>
        <translation>Barre {number} sur {total} : Entrée ouvre ses {count} fiches</translation>
    </message>
    <message>
        <source>Open the {count} records</source>
        <translation>Ouvrir les {count} enregistrements</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Period</source>
        <extracomment>The last drill-down asked for (a tile or a bar), for callers and tests. Figures already computed: a refresh of unchanged records, or filters set back to earlier ones, show them without computing again. Seconds of the last computation (worker) and of handing the charts their data. The charts further down are being computed (the second part of the figures). The filter and currency last sent to the worker.</extracomment>
        <translation>Période</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Mois</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Trimestre</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Année</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Personnalisée</translation>
    </message>
    <message>
        <source>Previous period</source>
        <translation>Période précédente</translation>
    </message>
    <message>
        <source>Next period</source>
        <translation>Période suivante</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Du</translation>
    </message>
    <message>
        <source>To</source>
        <translation>Au</translation>
    </message>
    <message>
        <source>Owner or team</source>
        <translation>Propriétaire ou équipe</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Currency of the charts</source>
        <translation>Devise des graphiques</translation>
    </message>
    <message>
        <source>Amounts in different currencies are never added: the charts show one.</source>
        <translation>Les montants de devises différentes ne sont jamais additionnés : les graphiques en montrent une.</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exporter</translation>
    </message>
    <message>
        <source>Dashboard as &amp;PDF…</source>
        <translation>Tableau de bord en &amp;PDF…</translation>
    </message>
    <message>
        <source>Charts as P&amp;NG…</source>
        <translation>Graphiques en P&amp;NG…</translation>
    </message>
    <message>
        <source>Updating…</source>
        <translation>Mise à jour…</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>Propriétaire :</translation>
    </message>
    <message>
        <source>Pipeline:</source>
        <translation>Pipeline :</translation>
    </message>
    <message>
        <source>Currency:</source>
        <translation>Devise :</translation>
    </message>
    <message>
        <source>&lt;b&gt;Nothing to show yet for these filters.&lt;/b&gt;&lt;br&gt;The dashboard fills in as deals, leads, activities and cases are recorded. Try another period, owner or pipeline, or load sample data from the File menu.</source>
        <translation>&lt;b&gt;Rien à montrer pour ces filtres.&lt;/b&gt;&lt;br&gt;Le tableau de bord se remplit à mesure que des affaires, pistes, activités et tickets sont enregistrés. Essayez une autre période, un autre propriétaire ou pipeline, ou chargez des données d’exemple depuis le menu Fichier.</translation>
    </message>
    <message>
        <source>Win rate</source>
        <translation>Taux de réussite</translation>
    </message>
    <message>
        <source>Revenue won</source>
        <translation>Chiffre d’affaires gagné</translation>
    </message>
    <message>
        <source>Average won deal</source>
        <translation>Affaire gagnée moyenne</translation>
    </message>
    <message>
        <source>Sales cycle (median)</source>
        <translation>Cycle de vente (médiane)</translation>
    </message>
    <message>
        <source>Open pipeline</source>
        <translation>Pipeline ouvert</translation>
    </message>
    <message>
        <source>Weighted forecast</source>
        <translation>Prévision pondérée</translation>
    </message>
    <message>
        <source>Lead conversion</source>
        <translation>Conversion des pistes</translation>
    </message>
    <message>
        <source>Stale deals</source>
        <translation>Affaires en sommeil</translation>
    </message>
    <message>
        <source>Open cases</source>
        <translation>Tickets ouverts</translation>
    </message>
    <message>
        <source>Case resolution time</source>
        <translation>Délai de résolution</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>Satisfaction</translation>
    </message>
    <message>
        <source>Reading owners and pipelines</source>
        <translation>Lecture des propriétaires et pipelines</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>Team: {name}</source>
        <translation>Équipe : {name}</translation>
    </message>
    <message>
        <source>All pipelines</source>
        <translation>Tous</translation>
    </message>
    <message>
        <source>Q{quarter} {year}</source>
        <translation>T{quarter} {year}</translation>
    </message>
    <message>
        <source>{start} – {end}</source>
        <translation>{start} – {end}</translation>
    </message>
    <message>
        <source>Computing the dashboard</source>
        <translation>Calcul du tableau de bord</translation>
    </message>
    <message>
        <source>Figures of {time}</source>
        <translation>Chiffres de {time}</translation>
    </message>
    <message>
        <source>no comparison with the previous period</source>
        <translation>pas de comparaison avec la période précédente</translation>
    </message>
    <message>
        <source>{sign}{points} pts vs previous period</source>
        <translation>{sign}{points} pts vs période préc.</translation>
    </message>
    <message>
        <source>{arrow} {change} vs previous period</source>
        <translation>{arrow} {change} vs période préc.</translation>
    </message>
    <message>
        <source>also {amounts}</source>
        <translation>et aussi {amounts}</translation>
    </message>
    <message>
        <source>{won} won of {closed} closed</source>
        <translation>{won} gagnées sur {closed} clôturées</translation>
    </message>
    <message>
        <source>over {count} won deals ({missing} without amount)</source>
        <translation>sur {count} affaires gagnées ({missing} sans montant)</translation>
    </message>
    <message>
        <source>over {count} won deals</source>
        <translation>sur {count} affaires gagnées</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} jours</translation>
    </message>
    <message>
        <source>mean {days} days over {count} won deals</source>
        <translation>moyenne {days} jours sur {count} affaires gagnées</translation>
    </message>
    <message>
        <source>{count} open deals</source>
        <translation>{count} affaires ouvertes</translation>
    </message>
    <message>
        <source>now</source>
        <translation>maintenant</translation>
    </message>
    <message>
        <source>expected to close in the period</source>
        <translation>clôture prévue dans la période</translation>
    </message>
    <message>
        <source>amount × probability</source>
        <translation>montant × probabilité</translation>
    </message>
    <message>
        <source>{converted} of {leads} leads created</source>
        <translation>{converted} sur {leads} pistes créées</translation>
    </message>
    <message>
        <source>open deals idle beyond their stage&apos;s limit</source>
        <translation>affaires ouvertes inactives au-delà de la limite de leur étape</translation>
    </message>
    <message>
        <source>{urgent} urgent, {high} high</source>
        <translation>{urgent} urgents, {high} hauts</translation>
    </message>
    <message>
        <source>mean over {count} cases resolved</source>
        <translation>moyenne de {count} tickets résolus</translation>
    </message>
    <message>
        <source>{score} / 5</source>
        <translation>{score} / 5</translation>
    </message>
    <message>
        <source>{count} ratings</source>
        <translation>{count} notes</translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>Export dashboard as PDF</source>
        <translation>Exporter le tableau de bord en PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Exported {pages} pages</source>
        <translation>{pages} pages exportées</translation>
    </message>
    <message>
        <source>Exporting the dashboard</source>
        <translation>Export du tableau de bord</translation>
    </message>
    <message>
        <source>Export the charts as PNG into</source>
        <translation>Exporter les graphiques en PNG dans</translation>
    </message>
    <message>
        <source>Exported {count} charts to {path}</source>
        <translation>{count} graphiques exportés dans {path}</translation>
    </message>
    <message>
        <source>Save chart as PNG</source>
        <translation>Enregistrer le graphique en PNG</translation>
    </message>
    <message>
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <source>Save chart as PNG…</source>
        <translation>Enregistrer le graphique en PNG…</translation>
    </message>
</context>
<context>
    <name>DataHealthView</name>
    <message>
        <source> days</source>
        <extracomment>the HealthFigure of a figure row object type of a duplicates row A fill rate below this is shown in the warning colour.</extracomment>
        <translation> jours</translation>
    </message>
    <message>
        <source>Open leads with no change or activity this long</source>
        <translation>Pistes ouvertes sans modification ni activité depuis cette durée</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>Count suspected &amp;duplicates</source>
        <translation>Compter les &amp;doublons suspects</translation>
    </message>
    <message>
        <source>Scans contacts, accounts and leads; can take a while on big databases.</source>
        <translation>Analyse les contacts, comptes et pistes ; peut prendre un moment sur une grande base.</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Lecture…</translation>
    </message>
    <message>
        <source>Leads untouched after</source>
        <translation>Pistes sans action après</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Indicateur</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Enregistrements</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Part</translation>
    </message>
    <message>
        <source>Click a figure to open the list of those records.</source>
        <translation>Cliquez sur un indicateur pour ouvrir la liste de ces enregistrements.</translation>
    </message>
    <message>
        <source>Checking data health</source>
        <translation>Contrôle de la qualité des données</translation>
    </message>
    <message>
        <source>Counting suspected duplicates</source>
        <translation>Comptage des doublons suspects</translation>
    </message>
    <message>
        <source>{count} records with a problem to look at.</source>
        <translation>{count} enregistrements présentent un problème à examiner.</translation>
    </message>
    <message>
        <source>Fill rate per field</source>
        <translation>Taux de remplissage par champ</translation>
    </message>
    <message>
        <source>{field}: filled</source>
        <translation>{field} : renseigné</translation>
    </message>
    <message>
        <source>{count} without it: click to list them</source>
        <translation>{count} sans : cliquez pour les lister</translation>
    </message>
    <message>
        <source>Suspected duplicates (not counted yet)</source>
        <translation>Doublons suspects (pas encore comptés)</translation>
    </message>
    <message>
        <source>Suspected duplicates, in 1 group</source>
        <translation>Doublons suspects, en 1 groupe</translation>
    </message>
    <message>
        <source>Suspected duplicates, in {groups} groups</source>
        <translation>Doublons suspects, en {groups} groupes</translation>
    </message>
    <message>
        <source>Click to review them in Duplicates</source>
        <translation>Cliquez pour les examiner dans Doublons</translation>
    </message>
    <message>
        <source>Contacts without e-mail</source>
        <translation>Contacts sans e-mail</translation>
    </message>
    <message>
        <source>Invalid e-mails</source>
        <translation>E-mails invalides</translation>
    </message>
    <message>
        <source>Invalid phone numbers</source>
        <translation>Numéros de téléphone invalides</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Portable</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>Salutation</source>
        <translation>Civilité</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Accounts without address</source>
        <translation>Comptes sans adresse</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Secteur</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>SIREN</source>
        <translation>SIREN</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Effectif</translation>
    </message>
    <message>
        <source>Annual revenue</source>
        <translation>Chiffre d’affaires annuel</translation>
    </message>
    <message>
        <source>Parent account</source>
        <translation>Compte parent</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Rue</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>Open leads untouched for 30 days</source>
        <translation>Pistes ouvertes sans action depuis 30 jours</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>Open deals with no activity past their stage&apos;s limit</source>
        <translation>Affaires ouvertes sans activité au-delà de la limite de leur étape</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Probability %</source>
        <translation>Probabilité %</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>Clôture prévue</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Clôturée le</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Showing: {figure} (from Data health)</source>
        <extracomment>Navigation keys of the pages (stored in the navigation items beside object types).</extracomment>
        <translation>Affichage : {figure} (depuis Qualité des données)</translation>
    </message>
</context>
<context>
    <name>DuplicatesView</name>
    <message>
        <source>Records to scan</source>
        <extracomment>Records shown side by side at most; a bigger group lists the rest as &quot;… more&quot;. Pairs whose reasons are listed under a group. the DuplicateGroup of a group row The last merge made here, for the Unmerge button. The records last marked &quot;not a duplicate&quot; (not journaled: undone here).</extracomment>
        <translation>Enregistrements à analyser</translation>
    </message>
    <message>
        <source>Pairs scoring at least this much (0–100) are shown as duplicates.</source>
        <translation>Les paires atteignant au moins ce score (0–100) sont montrées comme doublons.</translation>
    </message>
    <message>
        <source>&amp;Scan</source>
        <translation>&amp;Analyser</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Choose what to look in and press Scan. Nothing is changed until you merge.</source>
        <translation>Choisissez où chercher et cliquez sur Analyser. Rien n’est modifié tant que vous ne fusionnez pas.</translation>
    </message>
    <message>
        <source>Look for duplicate</source>
        <translation>Chercher des doublons parmi les</translation>
    </message>
    <message>
        <source>Minimum score</source>
        <translation>Score minimal</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Enregistrements</translation>
    </message>
    <message>
        <source>Names</source>
        <translation>Noms</translation>
    </message>
    <message>
        <source>&amp;Not a duplicate</source>
        <translation>&amp;Pas un doublon</translation>
    </message>
    <message>
        <source>Remember that the ticked records are different: later scans keep them apart.</source>
        <translation>Retenir que les enregistrements cochés sont différents : les analyses suivantes les séparent.</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Fusionner…</translation>
    </message>
    <message>
        <source>Undo “not a duplicate”</source>
        <translation>Annuler « pas un doublon »</translation>
    </message>
    <message>
        <source>Forget the last “not a duplicate” mark: the next scan shows them again.</source>
        <translation>Oublier la dernière marque « pas un doublon » : la prochaine analyse les montrera de nouveau.</translation>
    </message>
    <message>
        <source>&amp;Unmerge last merge</source>
        <translation>&amp;Défaire la dernière fusion</translation>
    </message>
    <message>
        <source>Press Scan to look for duplicates.</source>
        <translation>Cliquez sur Analyser pour chercher des doublons.</translation>
    </message>
    <message>
        <source>Looking for duplicate {objects}</source>
        <translation>Recherche de doublons parmi les {objects}</translation>
    </message>
    <message>
        <source>Scan cancelled; nothing was changed. Press Scan to start again.</source>
        <translation>Analyse annulée ; rien n’a été modifié. Cliquez sur Analyser pour recommencer.</translation>
    </message>
    <message>
        <source>Scanning…</source>
        <translation>Analyse…</translation>
    </message>
    <message>
        <source>Scanning… {status}</source>
        <translation>Analyse… {status}</translation>
    </message>
    <message>
        <source>{groups} groups of possible duplicates among {records} {objects}, in {seconds} s ({compared} pairs compared of {all} possible). Pairs marked “not a duplicate” left out: {dismissed}.</source>
        <translation>{groups} groupes de doublons possibles parmi {records} {objects}, en {seconds} s ({compared} paires comparées sur {all} possibles). Paires marquées « pas un doublon » écartées : {dismissed}.</translation>
    </message>
    <message>
        <source> and {count} more</source>
        <translation> et {count} de plus</translation>
    </message>
    <message>
        <source>Reading the records</source>
        <translation>Lecture des enregistrements</translation>
    </message>
    <message>
        <source>No group chosen</source>
        <translation>Aucun groupe choisi</translation>
    </message>
    <message>
        <source>No scan yet</source>
        <translation>Pas encore d’analyse</translation>
    </message>
    <message>
        <source>{count} records, score {score}</source>
        <translation>{count} enregistrements, score {score}</translation>
    </message>
    <message>
        <source>{a} ↔ {b}: {score} — {reasons}</source>
        <translation>{a} ↔ {b} : {score} — {reasons}</translation>
    </message>
    <message>
        <source>… and {count} more pairs</source>
        <translation>… et {count} paires de plus</translation>
    </message>
    <message>
        <source>{count} record(s) of this group were deleted or merged since the scan; they are left out. Scan again to refresh the list.</source>
        <translation>{count} enregistrement(s) de ce groupe ont été supprimés ou fusionnés depuis l’analyse ; ils sont écartés. Relancez l’analyse pour actualiser la liste.</translation>
    </message>
    <message>
        <source>Showing the {shown} best-matched of {count} records. A group this large is often a chain of loose matches: tick the records that are one person or company and merge them, or mark them “not a duplicate”.</source>
        <translation>Affichage des {shown} meilleures correspondances sur {count} enregistrements. Un groupe aussi grand est souvent une chaîne de rapprochements lâches : cochez les enregistrements qui sont une même personne ou société et fusionnez-les, ou marquez-les « pas un doublon ».</translation>
    </message>
    <message>
        <source>At most {max} records can be merged at once.</source>
        <translation>Au plus {max} enregistrements peuvent être fusionnés à la fois.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Fusionner</translation>
    </message>
    <message>
        <source>updated {day}</source>
        <translation>modifié le {day}</translation>
    </message>
    <message>
        <source>Remembered: these {count} records are not duplicates. Later scans keep them apart.</source>
        <translation>Retenu : ces {count} enregistrements ne sont pas des doublons. Les analyses suivantes les séparent.</translation>
    </message>
    <message>
        <source>Remembering</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Forgotten: the next scan shows these {count} records again.</source>
        <translation>Oublié : la prochaine analyse montrera de nouveau ces {count} enregistrements.</translation>
    </message>
    <message>
        <source>Forgetting</source>
        <translation>Oubli</translation>
    </message>
    <message>
        <source>Fewer than two of these records still exist: they were deleted or merged since the scan. Scan again.</source>
        <translation>Moins de deux de ces enregistrements existent encore : ils ont été supprimés ou fusionnés depuis l’analyse. Relancez l’analyse.</translation>
    </message>
    <message>
        <source>Merged {count} {objects}. Unmerge restores them exactly (also from Overview ▸ Recent changes).</source>
        <translation>{count} {objects} fusionnés. « Défaire la fusion » les rétablit à l’identique (aussi depuis Vue d’ensemble ▸ Modifications récentes).</translation>
    </message>
    <message>
        <source>Unmerged: the {count} records are back as they were. Scan again to see them.</source>
        <translation>Fusion défaite : les {count} enregistrements sont revenus tels quels. Relancez l’analyse pour les voir.</translation>
    </message>
    <message>
        <source>Unmerging</source>
        <translation>Annulation de la fusion</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Salutation</source>
        <translation>Civilité</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Email normalized</source>
        <translation>E-mail normalisé</translation>
    </message>
    <message>
        <source>Phone raw</source>
        <translation>Téléphone saisi</translation>
    </message>
    <message>
        <source>Phone e164</source>
        <translation>Téléphone E.164</translation>
    </message>
    <message>
        <source>Mobile raw</source>
        <translation>Portable saisi</translation>
    </message>
    <message>
        <source>Mobile e164</source>
        <translation>Portable E.164</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Canal préféré</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Rue</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Consent status</source>
        <translation>Statut du consentement</translation>
    </message>
    <message>
        <source>Consent source</source>
        <translation>Source du consentement</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>Date du consentement</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Created at</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Updated at</source>
        <translation>Modifié le</translation>
    </message>
    <message>
        <source>Deleted at</source>
        <translation>Supprimé le</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>activities</source>
        <translation>activités</translation>
    </message>
    <message>
        <source>cases</source>
        <translation>tickets</translation>
    </message>
    <message>
        <source>leads (converted contact)</source>
        <translation>pistes (contact converti)</translation>
    </message>
    <message>
        <source>opportunities (primary contact)</source>
        <translation>opportunités (contact principal)</translation>
    </message>
    <message>
        <source>campaign memberships</source>
        <translation>inscriptions aux campagnes</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>étiquettes</translation>
    </message>
    <message>
        <source>custom field values</source>
        <translation>valeurs de champs personnalisés</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Account type</source>
        <translation>Type de compte</translation>
    </message>
    <message>
        <source>SIREN</source>
        <translation>SIREN</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Secteur</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Effectif</translation>
    </message>
    <message>
        <source>Annual revenue</source>
        <translation>Chiffre d’affaires annuel</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domaine</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Parent account</source>
        <translation>Compte parent</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>accounts (parent account)</source>
        <translation>comptes (compte parent)</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>contacts</translation>
    </message>
    <message>
        <source>leads (converted account)</source>
        <translation>pistes (compte converti)</translation>
    </message>
    <message>
        <source>opportunities</source>
        <translation>opportunités</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>Converted at</source>
        <translation>Converti le</translation>
    </message>
    <message>
        <source>Converted contact</source>
        <translation>Contact converti</translation>
    </message>
    <message>
        <source>Converted account</source>
        <translation>Compte converti</translation>
    </message>
    <message>
        <source>Converted opportunity</source>
        <translation>Opportunité convertie</translation>
    </message>
</context>
<context>
    <name>ErrorDialogs</name>
    <message>
        <source>Unexpected error</source>
        <translation>Erreur inattendue</translation>
    </message>
    <message>
        <source>The action you were doing may not have finished; anything it had not saved was rolled back. You can keep working. If it happens again, please report it with the details below.</source>
        <translation>L’action en cours n’a peut-être pas abouti ; ce qu’elle n’avait pas enregistré a été annulé. Vous pouvez continuer à travailler. Si cela se reproduit, merci de le signaler avec les détails ci-dessous.</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>Détails :</translation>
    </message>
    <message>
        <source>{app} ran into a problem it did not expect ({summary}).</source>
        <translation>{app} a rencontré un problème inattendu ({summary}).</translation>
    </message>
    <message>
        <source>{app} ran into {count} problems it did not expect; the latest: {summary}.</source>
        <translation>{app} a rencontré {count} problèmes inattendus ; le dernier : {summary}.</translation>
    </message>
    <message>
        <source>Database problem</source>
        <translation>Problème de base de données</translation>
    </message>
</context>
<context>
    <name>FieldEditors</name>
    <message>
        <source>dd/mm/yyyy</source>
        <extracomment>A relation editor looks names up this long after the last keystroke. (target, typed text) → [(record id, label)]: how a relation editor finds records.</extracomment>
        <translation>jj/mm/aaaa</translation>
    </message>
    <message>
        <source>dd/mm/yyyy hh:mm</source>
        <translation>jj/mm/aaaa hh:mm</translation>
    </message>
    <message>
        <source>name@example.com</source>
        <translation>nom@exemple.fr</translation>
    </message>
    <message>
        <source>https://…</source>
        <translation>https://…</translation>
    </message>
    <message>
        <source>Write</source>
        <extracomment>A mailto:, tel: or web link beside the field, shown when it holds a value.</extracomment>
        <translation>Écrire</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Appel</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <source>Type a name…</source>
        <translation>Tapez un nom…</translation>
    </message>
    <message>
        <source>Open the linked record</source>
        <translation>Ouvrir l’enregistrement lié</translation>
    </message>
    <message>
        <source>{field}: choose a record from the list (type part of its name).</source>
        <translation>{field} : choisissez un enregistrement dans la liste (tapez une partie de son nom).</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>contains</source>
        <extracomment>The operators offered per kind of column, in menu order. &quot;on&quot; (one day) is EQUALS on a date and a one-day BETWEEN on a timestamp. A choice column without a list of choices (free codes) is compared as text.</extracomment>
        <translation>contient</translation>
    </message>
    <message>
        <source>is</source>
        <translation>est</translation>
    </message>
    <message>
        <source>equals</source>
        <translation>égal à</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>est vide</translation>
    </message>
    <message>
        <source>is not empty</source>
        <translation>n’est pas vide</translation>
    </message>
    <message>
        <source>from … to</source>
        <translation>de … à</translation>
    </message>
    <message>
        <source>between</source>
        <translation>entre</translation>
    </message>
    <message>
        <source>is one of</source>
        <translation>est parmi</translation>
    </message>
    <message>
        <source>on</source>
        <translation>le</translation>
    </message>
    <message>
        <source>“{column}”: “{text}” is not a date. Type it as {format}, e.g. {example}.</source>
        <translation>« {column} » : « {text} » n’est pas une date. Tapez-la sous la forme {format}, par ex. {example}.</translation>
    </message>
    <message>
        <source>“{column}”: “{text}” is not a number.</source>
        <translation>« {column} » : « {text} » n’est pas un nombre.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>oui</translation>
    </message>
    <message>
        <source>no</source>
        <translation>non</translation>
    </message>
    <message>
        <source>{column} contains “{value}”</source>
        <translation>{column} contient « {value} »</translation>
    </message>
    <message>
        <source>{column} = {value}</source>
        <translation>{column} = {value}</translation>
    </message>
    <message>
        <source>{column} is empty</source>
        <translation>{column} est vide</translation>
    </message>
    <message>
        <source>{column} is not empty</source>
        <translation>{column} n’est pas vide</translation>
    </message>
    <message>
        <source>{column}: {values}</source>
        <translation>{column} : {values}</translation>
    </message>
    <message>
        <source>{column} on {value}</source>
        <translation>{column} le {value}</translation>
    </message>
    <message>
        <source>{column} ≥ {value}</source>
        <translation>{column} ≥ {value}</translation>
    </message>
    <message>
        <source>{column} ≤ {value}</source>
        <translation>{column} ≤ {value}</translation>
    </message>
    <message>
        <source>{column} {low} – {high}</source>
        <translation>{column} {low} – {high}</translation>
    </message>
    <message>
        <source>+ &amp;Condition</source>
        <extracomment>index of the condition being edited</extracomment>
        <translation>+ &amp;Condition</translation>
    </message>
    <message>
        <source>Filter on a column (combined with AND)</source>
        <translation>Filtrer sur une colonne (combiné avec ET)</translation>
    </message>
    <message>
        <source>Add a condition</source>
        <translation>Ajouter une condition</translation>
    </message>
    <message>
        <source>Clear all</source>
        <translation>Tout effacer</translation>
    </message>
    <message>
        <source>Change this condition</source>
        <translation>Modifier cette condition</translation>
    </message>
    <message>
        <source>Remove this condition</source>
        <translation>Retirer cette condition</translation>
    </message>
    <message>
        <source>Remove {condition}</source>
        <translation>Retirer {condition}</translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>Welcome to Desktop CRM</source>
        <extracomment>Sample sizes offered; the default loads in a few seconds and still fills every screen.</extracomment>
        <translation>Bienvenue dans Desktop CRM</translation>
    </message>
    <message>
        <source>This database is empty. It lives on this computer, in {path}, and works without a network.</source>
        <translation>Cette base de données est vide. Elle est sur cet ordinateur, dans {path}, et fonctionne sans réseau.</translation>
    </message>
    <message>
        <source> contacts</source>
        <translation> contacts</translation>
    </message>
    <message>
        <source>Number of sample contacts</source>
        <translation>Nombre de contacts d’exemple</translation>
    </message>
    <message>
        <source>French names and addresses</source>
        <translation>Noms et adresses français</translation>
    </message>
    <message>
        <source>English names and addresses</source>
        <translation>Noms et adresses anglais</translation>
    </message>
    <message>
        <source>&amp;Load sample data</source>
        <translation>&amp;Charger des données d’exemple</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Taille :</translation>
    </message>
    <message>
        <source>Data:</source>
        <translation>Données :</translation>
    </message>
    <message>
        <source>Explore with sample data</source>
        <translation>Découvrir avec des données d’exemple</translation>
    </message>
    <message>
        <source>Fictitious accounts, contacts, leads, deals in every pipeline stage, activities, campaigns and cases. They are one change in the history: undo it and they are gone.</source>
        <translation>Des comptes, contacts, pistes, affaires à chaque étape du pipeline, activités, campagnes et tickets fictifs. Ils forment une seule modification dans l’historique : annulez-la et ils disparaissent.</translation>
    </message>
    <message>
        <source>Start &amp;empty</source>
        <translation>Commencer &amp;vide</translation>
    </message>
    <message>
        <source>Start with your own data</source>
        <translation>Commencer avec vos propres données</translation>
    </message>
    <message>
        <source>Begin with an empty CRM and a default sales pipeline (Prospecting to Won/Lost) that you can change later.</source>
        <translation>Démarrer avec un CRM vide et un pipeline de vente par défaut (de Prospection à Gagnée/Perdue), modifiable ensuite.</translation>
    </message>
    <message>
        <source>&amp;Import a file…</source>
        <translation>&amp;Importer un fichier…</translation>
    </message>
    <message>
        <source>Import your records</source>
        <translation>Importer vos données</translation>
    </message>
    <message>
        <source>Bring your contacts, companies, leads or deals from a CSV or Excel file, or a vCard address book. You check every row before anything is written, and the import can be undone.</source>
        <translation>Reprenez vos contacts, sociétés, pistes ou affaires depuis un fichier CSV ou Excel, ou un carnet d&apos;adresses vCard. Vous vérifiez chaque ligne avant que rien ne soit écrit, et l&apos;import peut être annulé.</translation>
    </message>
    <message>
        <source>About {rows} records in all.</source>
        <translation>Environ {rows} enregistrements en tout.</translation>
    </message>
</context>
<context>
    <name>ImportFields</name>
    <message>
        <source>Salutation</source>
        <translation>Civilité</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Téléphone</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Rue</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>SIREN</source>
        <translation>SIREN</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Secteur</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Effectif</translation>
    </message>
    <message>
        <source>Annual revenue</source>
        <translation>Chiffre d&apos;affaires</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Probabilité</translation>
    </message>
    <message>
        <source>Expected close date</source>
        <translation>Date de clôture prévue</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import</source>
        <extracomment>Errors a step reports in its page as a sentence (the file, the mapping, the disk).</extracomment>
        <translation>Importer</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importer</translation>
    </message>
    <message>
        <source>Import {name}</source>
        <extracomment>What the steps found: the preview shown, the mapping as edited, the last check, the fixes typed, the committed report.</extracomment>
        <translation>Import de {name}</translation>
    </message>
    <message>
        <source>{name} has a header row but no data rows to import.</source>
        <translation>{name} a une ligne d&apos;en-tête mais aucune ligne de données à importer.</translation>
    </message>
    <message>
        <source>Reading the file was cancelled.</source>
        <translation>La lecture du fichier a été annulée.</translation>
    </message>
    <message>
        <source>Reading {name}</source>
        <translation>Lecture de {name}</translation>
    </message>
    <message>
        <source>Reading the file</source>
        <translation>Lecture du fichier</translation>
    </message>
    <message>
        <source>Reading the saved mappings</source>
        <translation>Lecture des associations enregistrées</translation>
    </message>
    <message>
        <source>Checking {name}</source>
        <translation>Vérification de {name}</translation>
    </message>
    <message>
        <source>Nothing was imported: {reason}</source>
        <translation>Rien n&apos;a été importé : {reason}</translation>
    </message>
    <message>
        <source>Importing {name}</source>
        <translation>Import de {name}</translation>
    </message>
    <message>
        <source>Export the issues</source>
        <translation>Exporter les problèmes</translation>
    </message>
    <message>
        <source>{name} - issues.csv</source>
        <translation>{name} - problèmes.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message>
        <source>The issues are listed in {path}.</source>
        <translation>Les problèmes sont listés dans {path}.</translation>
    </message>
    <message>
        <source>Semicolon (;)</source>
        <extracomment>Encodings offered besides &quot;detect&quot; (codec names; `encoding_label` names them). Delimiters offered besides &quot;detect&quot;.</extracomment>
        <translation>Point-virgule (;)</translation>
    </message>
    <message>
        <source>Comma (,)</source>
        <translation>Virgule (,)</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tabulation</translation>
    </message>
    <message>
        <source>Vertical bar (|)</source>
        <translation>Barre verticale (|)</translation>
    </message>
    <message>
        <source>UTF-8 with BOM</source>
        <translation>UTF-8 avec BOM</translation>
    </message>
    <message>
        <source>Windows Western (cp1252)</source>
        <translation>Windows occidental (cp1252)</translation>
    </message>
    <message>
        <source>the file starts with a byte order mark</source>
        <translation>le fichier commence par une marque d&apos;ordre des octets (BOM)</translation>
    </message>
    <message>
        <source>the whole file is valid UTF-8</source>
        <translation>tout le fichier est de l&apos;UTF-8 valide</translation>
    </message>
    <message>
        <source>the file is not UTF-8, and Windows text (as Excel saves it) fits</source>
        <translation>le fichier n&apos;est pas en UTF-8 et le texte Windows (tel qu&apos;Excel l&apos;enregistre) convient</translation>
    </message>
    <message>
        <source>guessed from the text</source>
        <translation>deviné d&apos;après le texte</translation>
    </message>
    <message>
        <source>chosen by you</source>
        <translation>choisi par vous</translation>
    </message>
    <message>
        <source>is not a valid e-mail address</source>
        <translation>n&apos;est pas une adresse e-mail valide</translation>
    </message>
    <message>
        <source>is not a phone number</source>
        <translation>n&apos;est pas un numéro de téléphone</translation>
    </message>
    <message>
        <source>is not a SIREN or SIRET (9 or 14 digits, checksum)</source>
        <translation>n&apos;est pas un SIREN ou SIRET (9 ou 14 chiffres, clé de contrôle)</translation>
    </message>
    <message>
        <source>is not a country this app knows (use a code such as FR, BE, CH)</source>
        <translation>n&apos;est pas un pays connu de l&apos;application (utilisez un code comme FR, BE, CH)</translation>
    </message>
    <message>
        <source>is negative; an amount is at least 0</source>
        <translation>est négatif ; un montant vaut au moins 0</translation>
    </message>
    <message>
        <source>is not between 0 and 100</source>
        <translation>n&apos;est pas entre 0 et 100</translation>
    </message>
    <message>
        <source>is negative</source>
        <translation>est négatif</translation>
    </message>
    <message>
        <source>is empty</source>
        <translation>est vide</translation>
    </message>
    <message>
        <source>is not a number</source>
        <translation>n&apos;est pas un nombre</translation>
    </message>
    <message>
        <source>is not a number (more than one decimal separator)</source>
        <translation>n&apos;est pas un nombre (plus d&apos;un séparateur décimal)</translation>
    </message>
    <message>
        <source>is not a whole number</source>
        <translation>n&apos;est pas un nombre entier</translation>
    </message>
    <message>
        <source>is a yes/no value, not a number</source>
        <translation>est une valeur oui/non, pas un nombre</translation>
    </message>
    <message>
        <source>is not a date (expected for example 31/12/2024 or 2024-12-31)</source>
        <translation>n&apos;est pas une date (attendu par exemple 31/12/2024 ou 2024-12-31)</translation>
    </message>
    <message>
        <source>is not a date that exists</source>
        <translation>n&apos;est pas une date qui existe</translation>
    </message>
    <message>
        <source>is not yes or no (expected oui/non, yes/no, 1/0)</source>
        <translation>n&apos;est pas oui ou non (attendu oui/non, yes/no, 1/0)</translation>
    </message>
    <message>
        <source>is not a stage of any pipeline ({stages})</source>
        <translation>n&apos;est une étape d&apos;aucun pipeline ({stages})</translation>
    </message>
    <message>
        <source>is not one of the allowed values ({values})</source>
        <translation>n&apos;est pas une des valeurs permises ({values})</translation>
    </message>
    <message>
        <source>{field} is required but empty</source>
        <translation>{field} est obligatoire mais vide</translation>
    </message>
    <message>
        <source>same e-mail</source>
        <translation>même e-mail</translation>
    </message>
    <message>
        <source>same phone</source>
        <translation>même téléphone</translation>
    </message>
    <message>
        <source>same SIREN</source>
        <translation>même SIREN</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>même nom</translation>
    </message>
    <message>
        <source>same company</source>
        <translation>même société</translation>
    </message>
    <message>
        <source>same company after normalisation</source>
        <translation>même société une fois normalisée</translation>
    </message>
    <message>
        <source>same city</source>
        <translation>même ville</translation>
    </message>
    <message>
        <source>same web domain</source>
        <translation>même domaine web</translation>
    </message>
    <message>
        <source>same name and company</source>
        <translation>même nom et même société</translation>
    </message>
    <message>
        <source>name {percent}% similar</source>
        <translation>nom semblable à {percent} %</translation>
    </message>
    <message>
        <source>{field} (custom field)</source>
        <translation>{field} (champ personnalisé)</translation>
    </message>
    <message>
        <source>{field} (linked, created if missing)</source>
        <translation>{field} (liée, créée si absente)</translation>
    </message>
    <message>
        <source>{field} — required</source>
        <translation>{field} — obligatoire</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Ligne</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonne</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Champ</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Valeur</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problème</translation>
    </message>
    <message>
        <source>✓ Fixed (was: {reason})</source>
        <translation>✓ Corrigé (c&apos;était : {reason})</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>ignorée</translation>
    </message>
    <message>
        <source>updated</source>
        <translation>mise à jour</translation>
    </message>
    <message>
        <source>nothing to change</source>
        <translation>rien à changer</translation>
    </message>
    <message>
        <source>created anyway</source>
        <translation>créée quand même</translation>
    </message>
    <message>
        <source>Matched record</source>
        <translation>Fiche trouvée</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Pourquoi</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <extracomment>The field key of a row&apos;s target (None: not imported).</extracomment>
        <translation>Colonne du fichier</translation>
    </message>
    <message>
        <source>Sample values</source>
        <translation>Exemples de valeurs</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Importer comme</translation>
    </message>
    <message>
        <source>— don&apos;t import —</source>
        <translation>— ne pas importer —</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <source>Cancelling: {label}…</source>
        <extracomment>A job that ends sooner never shows a dialog (no flash for quick work). How often the GUI reads the job&apos;s progress: the update throttle. Resolution of the progress bar, so totals beyond a C++ int still fit. bumped by every update, so the GUI can skip unchanged polls Worker → GUI: the job with this id() has ended (queued across threads). Started jobs whose end the GUI has not handled yet; also keeps them alive. Errors by which a service refuses the action with a sentence for the user (say UndoConflict): shown like a KnownDbError, never as a crash. The progress dialog, once the job has run long enough to show one. The warning shown for a KnownDbError, for callers and tests.</extracomment>
        <translation>Annulation : {label}…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annulation…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <source>Cancelled: {label}.</source>
        <translation>Annulé : {label}.</translation>
    </message>
</context>
<context>
    <name>KpiTile</name>
    <message>
        <source>Open the {count} records behind this figure</source>
        <extracomment>A filter change waits this long for the next one before computing. A computation shows its progress dialog only when it takes longer than this: the tiles say &quot;Updating…&quot; meanwhile, and the window stays usable. Below this width (pixels) the charts stack in one column, so their labels stay readable.</extracomment>
        <translation>Ouvrir les {count} enregistrements derrière ce chiffre</translation>
    </message>
</context>
<context>
    <name>ListExport</name>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <extracomment>Name filter of the save dialog per format, in the order offered.</extracomment>
        <translation>CSV pour Excel (*.csv)</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Classeur Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>vCard address book (*.vcf)</source>
        <translation>Carnet d’adresses vCard (*.vcf)</translation>
    </message>
    <message>
        <source>{label} currency</source>
        <translation>{label} (devise)</translation>
    </message>
    <message>
        <source>Export selected {objects}</source>
        <translation>Exporter les {objects} sélectionnés</translation>
    </message>
    <message>
        <source>Export {objects}</source>
        <translation>Exporter les {objects}</translation>
    </message>
    <message>
        <source>Exported no {objects}, only the header row, to {path}.</source>
        <translation>Aucun {objects} exporté, seulement la ligne d’en-tête, dans {path}.</translation>
    </message>
    <message>
        <source>Exported one record of the {objects} to {path}.</source>
        <translation>Un enregistrement des {objects} exporté dans {path}.</translation>
    </message>
    <message>
        <source>Exported {count} {objects} to {path}.</source>
        <translation>{count} {objects} exportés dans {path}.</translation>
    </message>
    <message>
        <source>Exporting {objects}</source>
        <translation>Export des {objects}</translation>
    </message>
    <message>
        <source>Export list…</source>
        <translation>Exporter la liste…</translation>
    </message>
    <message>
        <source>Write the list as shown to a CSV, Excel or vCard file</source>
        <translation>Écrire la liste telle qu’affichée dans un fichier CSV, Excel ou vCard</translation>
    </message>
    <message>
        <source>Export selection…</source>
        <translation>Exporter la sélection…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exporter…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>{name} — {app}</source>
        <extracomment>The navigation entry of the dashboard (the others are object types, or None). The navigation entry of the pipeline board (its item data; object types are the others). The navigation entry of the Trash.</extracomment>
        <translation>{name} — {app}</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Ouverture…</translation>
    </message>
    <message>
        <source>Navigation</source>
        <extracomment>Object lists by object type, made the first time they are opened. The dashboard, made the first time it is opened. The pipeline board, made the first time it is opened. Delete, restore, purge, bulk edit and the undo stack (views/record_actions.py). The open record form (a page of the stack) and the page Back returns to. The import wizard while it is open. Called inside every stage change of a deal (services.pipeline_board.StageHooks): where automation registers what entering a stage does.</extracomment>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Overview</source>
        <extracomment>Data-quality pages (Duplicates, Data health), made the first time they are opened.</extracomment>
        <translation>Vue d’ensemble</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Duplicates</source>
        <translation>Doublons</translation>
    </message>
    <message>
        <source>Data health</source>
        <translation>Qualité des données</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Corbeille</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <source>Load &amp;sample data…</source>
        <translation>Charger des données d’&amp;exemple…</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importer…</translation>
    </message>
    <message>
        <source>Import contacts, accounts, leads or deals from a CSV, Excel or vCard file</source>
        <translation>Importer des contacts, comptes, pistes ou affaires depuis un fichier CSV, Excel ou vCard</translation>
    </message>
    <message>
        <source>&amp;Back up database…</source>
        <translation>&amp;Sauvegarder la base…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>É&amp;dition</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Annuler</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Rétablir</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Actualiser</translation>
    </message>
    <message>
        <source>&amp;Search everything…</source>
        <translation>&amp;Rechercher partout…</translation>
    </message>
    <message>
        <source>Search everything</source>
        <translation>Rechercher partout</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Langue</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Ai&amp;de</translation>
    </message>
    <message>
        <source>&amp;About {app}</source>
        <translation>À &amp;propos de {app}</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <source>The interface will use this language the next time you start {app}.</source>
        <translation>L’interface utilisera cette langue au prochain démarrage de {app}.</translation>
    </message>
    <message>
        <source>Reading the database</source>
        <translation>Lecture de la base</translation>
    </message>
    <message>
        <source>{objects}  ({count})</source>
        <translation>{objects}  ({count})</translation>
    </message>
    <message>
        <source>{count} {objects}</source>
        <translation>{count} {objects}</translation>
    </message>
    <message>
        <source>{count} in the trash</source>
        <translation>{count} dans la corbeille</translation>
    </message>
    <message>
        <source>, {count} selected</source>
        <translation>, {count} sélectionné(s)</translation>
    </message>
    <message>
        <source>Saved: {label}.</source>
        <translation>Enregistré : {label}.</translation>
    </message>
    <message>
        <source>Loading sample data</source>
        <translation>Chargement des données d’exemple</translation>
    </message>
    <message>
        <source>Loaded {rows} sample records in {seconds} s. Undo it from Recent changes.</source>
        <translation>{rows} enregistrements d’exemple chargés en {seconds} s. Annulez-les depuis Modifications récentes.</translation>
    </message>
    <message>
        <source>Preparing the database</source>
        <translation>Préparation de la base</translation>
    </message>
    <message>
        <source>Ready, with the sales pipeline “{name}”.</source>
        <translation>Prêt, avec le pipeline de vente « {name} ».</translation>
    </message>
    <message>
        <source>Undoing</source>
        <translation>Annulation</translation>
    </message>
    <message>
        <source>Redoing</source>
        <translation>Rétablissement</translation>
    </message>
    <message>
        <source>Backed up to {path} and checked.</source>
        <translation>Sauvegardé dans {path} et vérifié.</translation>
    </message>
    <message>
        <source>Backing up the database</source>
        <translation>Sauvegarde de la base</translation>
    </message>
    <message>
        <source>Load sample data</source>
        <translation>Charger des données d’exemple</translation>
    </message>
    <message>
        <source>Fictitious records to add, as one change you can undo.
Number of contacts (with proportional accounts, deals, activities…):</source>
        <translation>Enregistrements fictifs à ajouter, en une modification annulable.
Nombre de contacts (avec comptes, affaires, activités… en proportion) :</translation>
    </message>
    <message>
        <source>Back up database</source>
        <translation>Sauvegarder la base</translation>
    </message>
    <message>
        <source>Desktop CRM databases (*.sqlite);;All files (*)</source>
        <translation>Bases Desktop CRM (*.sqlite);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>À propos de {app}</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;{app}&lt;/b&gt; {version}&lt;/p&gt;&lt;p&gt;An offline CRM on a local database.&lt;/p&gt;&lt;p&gt;Database: {path}&lt;br&gt;Schema: {schema}&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;{app}&lt;/b&gt; {version}&lt;/p&gt;&lt;p&gt;Un CRM hors ligne sur une base locale.&lt;/p&gt;&lt;p&gt;Base : {path}&lt;br&gt;Schéma : {schema}&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quitter</translation>
    </message>
    <message>
        <source>{jobs} is still running. Stop it and quit? What it has not finished is rolled back; nothing is half-written.</source>
        <translation>{jobs} est encore en cours. L’arrêter et quitter ? Ce qui n’est pas terminé est annulé ; rien n’est écrit à moitié.</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>Match the columns to fields</source>
        <translation>Associer les colonnes aux champs</translation>
    </message>
    <message>
        <source>Choose the field each column goes to, or leave it out. A field takes one column.</source>
        <translation>Choisissez le champ de chaque colonne, ou laissez-la de côté. Un champ ne reçoit qu&apos;une colonne.</translation>
    </message>
    <message>
        <source>Use a saved &amp;mapping:</source>
        <translation>Utiliser une &amp;association enregistrée :</translation>
    </message>
    <message>
        <source>Save this mapping under the name:</source>
        <translation>Enregistrer cette association sous le nom :</translation>
    </message>
    <message>
        <source>e.g. Trade show contacts</source>
        <translation>p. ex. Contacts du salon</translation>
    </message>
    <message>
        <source>The mapping saved for these columns is used.</source>
        <translation>L&apos;association enregistrée pour ces colonnes est utilisée.</translation>
    </message>
    <message>
        <source>Suggested from the column names: check it.</source>
        <translation>Suggérée d&apos;après les noms des colonnes : vérifiez-la.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choisir…</translation>
    </message>
    <message>
        <source>The mapping saved as “{name}” is used.</source>
        <translation>L&apos;association enregistrée sous « {name} » est utilisée.</translation>
    </message>
    <message>
        <source>Changed by you.</source>
        <translation>Modifiée par vous.</translation>
    </message>
    <message>
        <source>No column goes to {field}, which is required.</source>
        <translation>Aucune colonne ne va dans {field}, qui est obligatoire.</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge {count} {objects}</source>
        <extracomment>Values longer than this are cut in the grid (the whole value is the tooltip).</extracomment>
        <translation>Fusionner {count} {objects}</translation>
    </message>
    <message>
        <source>Choose the record to keep and, field by field, the value it keeps. The others are moved to the trash with their links redirected to it. You can unmerge afterwards: Duplicates ▸ Unmerge, or Overview ▸ Recent changes.</source>
        <translation>Choisissez l’enregistrement à garder et, champ par champ, la valeur qu’il garde. Les autres vont à la corbeille et leurs liens sont redirigés vers lui. Vous pourrez défaire la fusion : Doublons ▸ Défaire, ou Vue d’ensemble ▸ Modifications récentes.</translation>
    </message>
    <message>
        <source>These records have different owners ({owners}). The merged record gets the owner chosen in the Owner row.</source>
        <translation>Ces enregistrements ont des propriétaires différents ({owners}). L’enregistrement fusionné reçoit le propriétaire choisi à la ligne Propriétaire.</translation>
    </message>
    <message>
        <source>Show only fields that differ</source>
        <translation>Montrer seulement les champs qui diffèrent</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>Garder</translation>
    </message>
    <message>
        <source>{label}
updated {updated}, {filled} fields</source>
        <translation>{label}
modifié le {updated}, {filled} champs</translation>
    </message>
    <message>
        <source>{label}
Updated {updated}
{filled} fields filled
Owner: {owner}</source>
        <translation>{label}
Modifié le {updated}
{filled} champs renseignés
Propriétaire : {owner}</translation>
    </message>
    <message>
        <source>Owner ⚠</source>
        <extracomment>field name -&gt; (its row&apos;s label, group of value buttons)</extracomment>
        <translation>Propriétaire ⚠</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Fusionner</translation>
    </message>
    <message>
        <source>Moving to “{kept}”: {parts}.</source>
        <translation>Transférés vers « {kept} » : {parts}.</translation>
    </message>
    <message>
        <source>The others have no related records to move to “{kept}”.</source>
        <translation>Les autres n’ont pas d’enregistrements liés à transférer vers « {kept} ».</translation>
    </message>
    <message>
        <source>Merging {objects}</source>
        <translation>Fusion des {objects}</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Compte</translation>
    </message>
    <message>
        <source>Salutation</source>
        <translation>Civilité</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>Prénom</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Fonction</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Email normalized</source>
        <translation>E-mail normalisé</translation>
    </message>
    <message>
        <source>Phone raw</source>
        <translation>Téléphone saisi</translation>
    </message>
    <message>
        <source>Phone e164</source>
        <translation>Téléphone E.164</translation>
    </message>
    <message>
        <source>Mobile raw</source>
        <translation>Portable saisi</translation>
    </message>
    <message>
        <source>Mobile e164</source>
        <translation>Portable E.164</translation>
    </message>
    <message>
        <source>Preferred channel</source>
        <translation>Canal préféré</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Rue</translation>
    </message>
    <message>
        <source>Postal code</source>
        <translation>Code postal</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Ville</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Pays</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Consent status</source>
        <translation>Statut du consentement</translation>
    </message>
    <message>
        <source>Consent source</source>
        <translation>Source du consentement</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>Date du consentement</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>Identifiant</translation>
    </message>
    <message>
        <source>Created at</source>
        <translation>Créé le</translation>
    </message>
    <message>
        <source>Updated at</source>
        <translation>Modifié le</translation>
    </message>
    <message>
        <source>Deleted at</source>
        <translation>Supprimé le</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>activities</source>
        <translation>activités</translation>
    </message>
    <message>
        <source>cases</source>
        <translation>tickets</translation>
    </message>
    <message>
        <source>leads (converted contact)</source>
        <translation>pistes (contact converti)</translation>
    </message>
    <message>
        <source>opportunities (primary contact)</source>
        <translation>opportunités (contact principal)</translation>
    </message>
    <message>
        <source>campaign memberships</source>
        <translation>inscriptions aux campagnes</translation>
    </message>
    <message>
        <source>tags</source>
        <translation>étiquettes</translation>
    </message>
    <message>
        <source>custom field values</source>
        <translation>valeurs de champs personnalisés</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <source>Account type</source>
        <translation>Type de compte</translation>
    </message>
    <message>
        <source>SIREN</source>
        <translation>SIREN</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Secteur</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Effectif</translation>
    </message>
    <message>
        <source>Annual revenue</source>
        <translation>Chiffre d’affaires annuel</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Devise</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Site web</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Domaine</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Région</translation>
    </message>
    <message>
        <source>Parent account</source>
        <translation>Compte parent</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>accounts (parent account)</source>
        <translation>comptes (compte parent)</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>contacts</translation>
    </message>
    <message>
        <source>leads (converted account)</source>
        <translation>pistes (compte converti)</translation>
    </message>
    <message>
        <source>opportunities</source>
        <translation>opportunités</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Société</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>Campaign</source>
        <translation>Campagne</translation>
    </message>
    <message>
        <source>Converted at</source>
        <translation>Converti le</translation>
    </message>
    <message>
        <source>Converted contact</source>
        <translation>Contact converti</translation>
    </message>
    <message>
        <source>Converted account</source>
        <translation>Compte converti</translation>
    </message>
    <message>
        <source>Converted opportunity</source>
        <translation>Opportunité convertie</translation>
    </message>
</context>
<context>
    <name>Objects</name>
    <message>
        <source>Accounts</source>
        <extracomment>How many of the latest operations the overview lists.</extracomment>
        <translation>Comptes</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Pistes</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Opportunités</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Activités</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Campagnes</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>account</source>
        <translation>compte</translation>
    </message>
    <message>
        <source>accounts</source>
        <translation>comptes</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>contact</translation>
    </message>
    <message>
        <source>contacts</source>
        <translation>contacts</translation>
    </message>
    <message>
        <source>lead</source>
        <translation>piste</translation>
    </message>
    <message>
        <source>leads</source>
        <translation>pistes</translation>
    </message>
    <message>
        <source>opportunity</source>
        <translation>opportunité</translation>
    </message>
    <message>
        <source>opportunities</source>
        <translation>opportunités</translation>
    </message>
    <message>
        <source>activity</source>
        <translation>activité</translation>
    </message>
    <message>
        <source>activities</source>
        <translation>activités</translation>
    </message>
    <message>
        <source>campaign</source>
        <translation>campagne</translation>
    </message>
    <message>
        <source>campaigns</source>
        <translation>campagnes</translation>
    </message>
    <message>
        <source>case</source>
        <translation>ticket</translation>
    </message>
    <message>
        <source>cases</source>
        <translation>tickets</translation>
    </message>
    <message>
        <source>campaign membership</source>
        <translation>inscription à une campagne</translation>
    </message>
    <message>
        <source>campaign memberships</source>
        <translation>inscriptions aux campagnes</translation>
    </message>
</context>
<context>
    <name>Operations</name>
    <message>
        <source>Edit</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>Sample data</source>
        <translation>Données d’exemple</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Fusion</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Annulation</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Rétablissement</translation>
    </message>
    <message>
        <source>Setup</source>
        <translation>Mise en place</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisation</translation>
    </message>
</context>
<context>
    <name>OptionsPage</name>
    <message>
        <source>Options</source>
        <translation>Options</translation>
    </message>
    <message>
        <source>How the values are read and what happens to existing records.</source>
        <translation>Comment les valeurs sont lues et ce qui arrive aux fiches existantes.</translation>
    </message>
    <message>
        <source>French: 1 234,50 and 31/12/2024 (day first)</source>
        <translation>Français : 1 234,50 et 31/12/2024 (jour d&apos;abord)</translation>
    </message>
    <message>
        <source>English (UK): 1,234.50 and 31/12/2024</source>
        <translation>Anglais (R.-U.) : 1,234.50 et 31/12/2024</translation>
    </message>
    <message>
        <source>English (US): 1,234.50 and 12/31/2024</source>
        <translation>Anglais (É.-U.) : 1,234.50 et 12/31/2024</translation>
    </message>
    <message>
        <source>Numbers and dates</source>
        <translation>Nombres et dates</translation>
    </message>
    <message>
        <source>&amp;Written as:</source>
        <translation>É&amp;crits comme :</translation>
    </message>
    <message>
        <source>When a row matches an existing record</source>
        <translation>Quand une ligne correspond à une fiche existante</translation>
    </message>
    <message>
        <source>&amp;Skip the row</source>
        <translation>&amp;Ignorer la ligne</translation>
    </message>
    <message>
        <source>The existing record stays as it is; the row is not imported.</source>
        <translation>La fiche existante reste telle quelle ; la ligne n&apos;est pas importée.</translation>
    </message>
    <message>
        <source>&amp;Fill in the empty fields</source>
        <translation>&amp;Compléter les champs vides</translation>
    </message>
    <message>
        <source>The row&apos;s values go into the fields the existing record leaves empty; what it holds is kept.</source>
        <translation>Les valeurs de la ligne remplissent les champs vides de la fiche existante ; ce qu&apos;elle contient est gardé.</translation>
    </message>
    <message>
        <source>&amp;Overwrite</source>
        <translation>É&amp;craser</translation>
    </message>
    <message>
        <source>The row&apos;s non-empty values replace the existing record&apos;s.</source>
        <translation>Les valeurs non vides de la ligne remplacent celles de la fiche existante.</translation>
    </message>
    <message>
        <source>&amp;Create a new record anyway</source>
        <translation>C&amp;réer quand même une nouvelle fiche</translation>
    </message>
    <message>
        <source>The match is ignored: you may have two records for one.</source>
        <translation>La correspondance est ignorée : vous aurez peut-être deux fiches pour une.</translation>
    </message>
    <message>
        <source>A match is the same e-mail, SIREN or phone, or a similar name at the same company; the check lists every match before anything is written.</source>
        <translation>Une correspondance, c&apos;est le même e-mail, SIREN ou téléphone, ou un nom proche dans la même société ; la vérification liste chaque correspondance avant que rien ne soit écrit.</translation>
    </message>
    <message>
        <source>Rows with errors</source>
        <translation>Lignes en erreur</translation>
    </message>
    <message>
        <source>&amp;Leave them out and import the other rows</source>
        <translation>Les &amp;laisser de côté et importer les autres lignes</translation>
    </message>
    <message>
        <source>&amp;Import nothing while any row has an error</source>
        <translation>Ne &amp;rien importer tant qu&apos;une ligne a une erreur</translation>
    </message>
    <message>
        <source>The next page lists the errors; you can correct them there.</source>
        <translation>La page suivante liste les erreurs ; vous pourrez les y corriger.</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Recent changes</source>
        <translation>Modifications récentes</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>Values changed</source>
        <translation>Valeurs modifiées</translation>
    </message>
    <message>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <source>&amp;Undo selected change</source>
        <translation>&amp;Annuler la modification choisie</translation>
    </message>
    <message>
        <source>&amp;Redo selected change</source>
        <translation>&amp;Rétablir la modification choisie</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Annulée</translation>
    </message>
    <message>
        <source>&amp;Unmerge selected merge</source>
        <translation>&amp;Défaire la fusion choisie</translation>
    </message>
</context>
<context>
    <name>PipelineView</name>
    <message>
        <source>Pipeline</source>
        <extracomment>The last message shown in the status bar (also for tests).</extracomment>
        <translation>Pipeline</translation>
    </message>
    <message>
        <source>Pipeline &amp;settings</source>
        <translation>&amp;Réglages du pipeline</translation>
    </message>
    <message>
        <source>Edit &amp;stages…</source>
        <translation>Modifier les é&amp;tapes…</translation>
    </message>
    <message>
        <source>&amp;New pipeline…</source>
        <translation>&amp;Nouveau pipeline…</translation>
    </message>
    <message>
        <source>&amp;Rename pipeline…</source>
        <translation>&amp;Renommer le pipeline…</translation>
    </message>
    <message>
        <source>&amp;Undo move</source>
        <translation>&amp;Annuler le déplacement</translation>
    </message>
    <message>
        <source>Undo move</source>
        <translation>Annuler le déplacement</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Propriétaire</translation>
    </message>
    <message>
        <source>All owners</source>
        <translation>Tous les propriétaires</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Les miennes</translation>
    </message>
    <message>
        <source>Expected close from</source>
        <translation>Clôture prévue à partir du</translation>
    </message>
    <message>
        <source>Expected close to</source>
        <translation>Clôture prévue jusqu’au</translation>
    </message>
    <message>
        <source>Minimum amount</source>
        <translation>Montant minimal</translation>
    </message>
    <message>
        <source>Maximum amount</source>
        <translation>Montant maximal</translation>
    </message>
    <message>
        <source>Filter deals or accounts…</source>
        <translation>Filtrer les affaires ou les comptes…</translation>
    </message>
    <message>
        <source>Quick filter</source>
        <translation>Filtre rapide</translation>
    </message>
    <message>
        <source>&amp;Pipeline:</source>
        <translation>&amp;Pipeline :</translation>
    </message>
    <message>
        <source>Close:</source>
        <translation>Clôture :</translation>
    </message>
    <message>
        <source>Amount:</source>
        <translation>Montant :</translation>
    </message>
    <message>
        <source>any</source>
        <translation>tous</translation>
    </message>
    <message>
        <source>Reading the pipeline</source>
        <translation>Lecture du pipeline</translation>
    </message>
    <message>
        <source>No deals</source>
        <translation>Aucune affaire</translation>
    </message>
    <message>
        <source>{amount} · {weighted} {word}</source>
        <translation>{amount} · {weighted} {word}</translation>
    </message>
    <message>
        <source> ({count} without amount)</source>
        <translation> ({count} sans montant)</translation>
    </message>
    <message>
        <source>{count} open deals</source>
        <translation>{count} affaires ouvertes</translation>
    </message>
    <message>
        <source> (filtered)</source>
        <translation> (filtré)</translation>
    </message>
    <message>
        <source>{currency}: pipeline {amount}, weighted forecast {weighted}</source>
        <translation>{currency} : pipeline {amount}, prévision pondérée {weighted}</translation>
    </message>
    <message>
        <source>{stage} (deleted stage)</source>
        <translation>{stage} (étape supprimée)</translation>
    </message>
    <message>
        <source>{count} deals · {percent} %</source>
        <translation>{count} affaires · {percent} %</translation>
    </message>
    <message>
        <source>{count} deals</source>
        <translation>{count} affaires</translation>
    </message>
    <message>
        <source>weighted</source>
        <translation>pondéré</translation>
    </message>
    <message>
        <source>+ {count} other currencies (see tooltip)</source>
        <translation>+ {count} autres devises (voir l’infobulle)</translation>
    </message>
    <message>
        <source>This stage was deleted; move its deals to another stage. Nothing can be dropped here.</source>
        <translation>Cette étape a été supprimée ; déplacez ses affaires vers une autre étape. Rien ne peut être déposé ici.</translation>
    </message>
    <message>
        <source>Default probability {percent} %</source>
        <translation>Probabilité par défaut {percent} %</translation>
    </message>
    <message>
        <source>Deals idle for more than {days} days are marked stale</source>
        <translation>Les affaires inactives depuis plus de {days} jours sont marquées en sommeil</translation>
    </message>
    <message>
        <source>No amount</source>
        <translation>Sans montant</translation>
    </message>
    <message>
        <source>no close date</source>
        <translation>sans date de clôture</translation>
    </message>
    <message>
        <source>No owner</source>
        <translation>Sans propriétaire</translation>
    </message>
    <message>
        <source>{days} d in stage</source>
        <translation>{days} j dans l’étape</translation>
    </message>
    <message>
        <source>Next: {subject} ({due})</source>
        <translation>Suivante : {subject} ({due})</translation>
    </message>
    <message>
        <source>No next activity</source>
        <translation>Aucune activité prévue</translation>
    </message>
    <message>
        <source>Stale: no activity or change for {days} days (limit {limit}).</source>
        <translation>En sommeil : aucune activité ni modification depuis {days} jours (limite {limit}).</translation>
    </message>
    <message>
        <source>{name}
{account}
Probability {percent} %</source>
        <translation>{name}
{account}
Probabilité {percent} %</translation>
    </message>
    <message>
        <source>No account</source>
        <translation>Sans compte</translation>
    </message>
    <message>
        <source>“{text}” is not an amount.</source>
        <translation>« {text} » n’est pas un montant.</translation>
    </message>
    <message>
        <source>Reading more deals</source>
        <translation>Lecture d’autres affaires</translation>
    </message>
    <message>
        <source>“{stage}” was deleted: nothing can move into it.</source>
        <translation>« {stage} » a été supprimée : rien ne peut y être déplacé.</translation>
    </message>
    <message>
        <source>Move cancelled; “{deal}” stays where it was.</source>
        <translation>Déplacement annulé ; « {deal} » reste où elle était.</translation>
    </message>
    <message>
        <source>Moving the deal</source>
        <translation>Déplacement de l’affaire</translation>
    </message>
    <message>
        <source>The deal was not moved</source>
        <translation>L’affaire n’a pas été déplacée</translation>
    </message>
    <message>
        <source>Moved “{deal}” to {stage}. Undo with Ctrl+Z.</source>
        <translation>« {deal} » déplacée vers {stage}. Annulez avec Ctrl+Z.</translation>
    </message>
    <message>
        <source>Move undone.</source>
        <translation>Déplacement annulé.</translation>
    </message>
    <message>
        <source>Undoing the move</source>
        <translation>Annulation du déplacement</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>&amp;Move to…</source>
        <translation>&amp;Déplacer vers…</translation>
    </message>
    <message>
        <source>Move to previous stage</source>
        <translation>Déplacer vers l’étape précédente</translation>
    </message>
    <message>
        <source>Move to next stage</source>
        <translation>Déplacer vers l’étape suivante</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Monter</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Descendre</translation>
    </message>
    <message>
        <source>Stages saved; {count} deals moved out of deleted stages.</source>
        <translation>Étapes enregistrées ; {count} affaires retirées des étapes supprimées.</translation>
    </message>
    <message>
        <source>Stages saved.</source>
        <translation>Étapes enregistrées.</translation>
    </message>
    <message>
        <source>Saving the stages</source>
        <translation>Enregistrement des étapes</translation>
    </message>
    <message>
        <source>New pipeline</source>
        <translation>Nouveau pipeline</translation>
    </message>
    <message>
        <source>Name of the new pipeline (it starts with the usual stages):</source>
        <translation>Nom du nouveau pipeline (il commence avec les étapes habituelles) :</translation>
    </message>
    <message>
        <source>Creating the pipeline</source>
        <translation>Création du pipeline</translation>
    </message>
    <message>
        <source>Rename pipeline</source>
        <translation>Renommer le pipeline</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>Nouveau nom :</translation>
    </message>
    <message>
        <source>Renaming the pipeline</source>
        <translation>Renommage du pipeline</translation>
    </message>
</context>
<context>
    <name>RecordActions</name>
    <message>
        <source>Redoing</source>
        <translation>Rétablissement</translation>
    </message>
    <message>
        <source>Undoing</source>
        <translation>Annulation</translation>
    </message>
    <message>
        <source>Deleting</source>
        <extracomment>Undo/redo calls that only move the stack back after a refused undo. Ask before deleting (tests and scripts may turn it off).</extracomment>
        <translation>Suppression</translation>
    </message>
    <message>
        <source>Move {records} to the trash?</source>
        <translation>Mettre {records} à la corbeille ?</translation>
    </message>
    <message>
        <source>{related} linked to {them} go too.</source>
        <translation>{related} liés à {them} y vont aussi.</translation>
    </message>
    <message>
        <source>it</source>
        <translation>lui</translation>
    </message>
    <message>
        <source>them</source>
        <translation>eux</translation>
    </message>
    <message>
        <source>Restore them from the Trash, or undo (Ctrl+Z).</source>
        <translation>Restaurez-les depuis la Corbeille, ou annulez (Ctrl+Z).</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>Restauration</translation>
    </message>
    <message>
        <source>Delete for good</source>
        <translation>Supprimer définitivement</translation>
    </message>
    <message>
        <source>Delete {records} for good, with what went to the trash with them? Links other records keep to them are cleared.</source>
        <translation>Supprimer définitivement {records}, avec ce qui est allé à la corbeille avec eux ? Les liens que d’autres enregistrements gardent vers eux sont effacés.</translation>
    </message>
    <message>
        <source>Deleting for good</source>
        <translation>Suppression définitive</translation>
    </message>
    <message>
        <source>Editing</source>
        <translation>Modification</translation>
    </message>
    <message>
        <source>Not changed</source>
        <translation>Non modifié</translation>
    </message>
    <message>
        <source>Editing {count} records</source>
        <translation>Modification de {count} enregistrements</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>account</source>
        <extracomment>The duplicate check runs this long after the last keystroke. Reads behind the form never pop a progress dialog: the form shows its own state.</extracomment>
        <translation>compte</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>contact</translation>
    </message>
    <message>
        <source>lead</source>
        <translation>piste</translation>
    </message>
    <message>
        <source>opportunity</source>
        <translation>opportunité</translation>
    </message>
    <message>
        <source>activity</source>
        <translation>activité</translation>
    </message>
    <message>
        <source>campaign</source>
        <translation>campagne</translation>
    </message>
    <message>
        <source>case</source>
        <translation>ticket</translation>
    </message>
    <message>
        <source>← {objects}</source>
        <translation>← {objects}</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Enregistrer</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>Opening…</source>
        <extracomment>The non-blocking &quot;possible duplicate of …&quot; note, with links to the records. Refusals of the last save that belong to no field, and the trash notice.</extracomment>
        <translation>Ouverture…</translation>
    </message>
    <message>
        <source>Opening the record</source>
        <translation>Ouverture de l’enregistrement</translation>
    </message>
    <message>
        <source>This record is in the trash: restore it from the Trash to edit it.</source>
        <translation>Cet enregistrement est dans la corbeille : restaurez-le depuis la Corbeille pour le modifier.</translation>
    </message>
    <message>
        <source>New {object}</source>
        <translation>Nouvel enregistrement : {object}</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Quand</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Quoi</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Par</translation>
    </message>
    <message>
        <source>Timeline ({count})</source>
        <translation>Chronologie ({count})</translation>
    </message>
    <message>
        <source>… and {count} more</source>
        <translation>… et {count} de plus</translation>
    </message>
    <message>
        <source>New {object}…</source>
        <translation>Nouvel enregistrement : {object}…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Enregistrement…</translation>
    </message>
    <message>
        <source>{count} field(s) to correct</source>
        <translation>{count} champ(s) à corriger</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifications non enregistrées</translation>
    </message>
    <message>
        <source>Saving</source>
        <translation>Enregistrement</translation>
    </message>
    <message>
        <source>Not saved: correct the fields marked in red.</source>
        <translation>Non enregistré : corrigez les champs marqués en rouge.</translation>
    </message>
    <message>
        <source>Not saved: {reason} What you typed is kept; save again when it is solved.</source>
        <translation>Non enregistré : {reason} Ce que vous avez tapé est conservé ; enregistrez de nouveau une fois le problème réglé.</translation>
    </message>
    <message>
        <source>Looking for duplicates</source>
        <translation>Recherche de doublons</translation>
    </message>
    <message>
        <source>Possible duplicate of {records}. You can still save.</source>
        <translation>Doublon possible de {records}. Vous pouvez quand même enregistrer.</translation>
    </message>
    <message>
        <source>“{title}” has unsaved changes. Drop them?</source>
        <translation>« {title} » a des modifications non enregistrées. Les abandonner ?</translation>
    </message>
</context>
<context>
    <name>RecordListView</name>
    <message>
        <source>Filter {objects}…</source>
        <extracomment>The order a list opens in: names A→Z, the latest cases and activities first. Typing pauses this long before the filter runs, so each keystroke does not query.</extracomment>
        <translation>Filtrer les {objects}…</translation>
    </message>
    <message>
        <source>Quick filter</source>
        <translation>Filtre rapide</translation>
    </message>
    <message>
        <source>&amp;Mine only</source>
        <translation>&amp;Les miens seulement</translation>
    </message>
    <message>
        <source>Sorting…</source>
        <translation>Tri…</translation>
    </message>
    <message>
        <source>Save &amp;view…</source>
        <translation>Enregistrer la &amp;vue…</translation>
    </message>
    <message>
        <source>Keep these filters, sort and columns as a view</source>
        <translation>Garder ces filtres, ce tri et ces colonnes comme une vue</translation>
    </message>
    <message>
        <source>Import…</source>
        <extracomment>&quot;Export…&quot; (list or selection), also in the table&apos;s context menu. &quot;Import…&quot; for the objects a file can be imported into (the import wizard).</extracomment>
        <translation>Importer…</translation>
    </message>
    <message>
        <source>Add {objects} from a CSV, Excel or vCard file</source>
        <translation>Ajouter des {objects} depuis un fichier CSV, Excel ou vCard</translation>
    </message>
    <message>
        <source>&amp;New…</source>
        <translation>&amp;Nouveau…</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Supprimer…</translation>
    </message>
    <message>
        <source>&amp;Edit a field of the selection…</source>
        <translation>&amp;Modifier un champ de la sélection…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>Reset columns</source>
        <translation>Colonnes par défaut</translation>
    </message>
</context>
<context>
    <name>RecordTableModel</name>
    <message>
        <source>Sorting and filtering</source>
        <extracomment>Wait this long before a progress dialog for a slow sort or filter (then it can be seen to work); shorter queries only show the list&apos;s own busy state. The record&apos;s id (UUID text) of a row. The stored value of a cell (minor units, date objects), for editors and tests.</extracomment>
        <translation>Tri et filtrage</translation>
    </message>
</context>
<context>
    <name>Related</name>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Opportunités</translation>
    </message>
    <message>
        <source>Cases</source>
        <translation>Tickets</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Activités</translation>
    </message>
    <message>
        <source>Subsidiaries</source>
        <translation>Filiales</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Pistes</translation>
    </message>
</context>
<context>
    <name>ResultPage</name>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>The rows are written as one change, which you can undo.</source>
        <translation>Les lignes sont écrites en une seule modification, que vous pouvez annuler.</translation>
    </message>
    <message>
        <source>E&amp;xport the issues…</source>
        <translation>E&amp;xporter les problèmes…</translation>
    </message>
    <message>
        <source>&amp;Undo this import</source>
        <translation>&amp;Annuler cet import</translation>
    </message>
    <message>
        <source>&amp;Import again</source>
        <translation>&amp;Relancer l&apos;import</translation>
    </message>
    <message>
        <source>Importing {name}: a backup of the database is taken first.</source>
        <translation>Import de {name} : une sauvegarde de la base est faite d&apos;abord.</translation>
    </message>
    <message>
        <source>Cancel rolls the whole import back: nothing of it is kept.</source>
        <translation>Annuler défait tout l&apos;import : rien n&apos;en est gardé.</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>The import was cancelled and rolled back: nothing was imported.</source>
        <translation>L&apos;import a été annulé et défait : rien n&apos;a été importé.</translation>
    </message>
    <message>
        <source>Your records are as they were before the import.</source>
        <translation>Vos fiches sont telles qu&apos;avant l&apos;import.</translation>
    </message>
    <message>
        <source>Nothing was imported: {failed} of {rows} rows have errors, and the options say to import nothing then.</source>
        <translation>Rien n&apos;a été importé : {failed} lignes sur {rows} ont des erreurs, et les options disent de ne rien importer dans ce cas.</translation>
    </message>
    <message>
        <source>Imported {name} in {seconds} s.</source>
        <translation>{name} importé en {seconds} s.</translation>
    </message>
    <message>
        <source>Nothing was imported: no row created or updated a record.</source>
        <translation>Rien n&apos;a été importé : aucune ligne n&apos;a créé ni mis à jour de fiche.</translation>
    </message>
    <message>
        <source>Created:</source>
        <translation>Créés :</translation>
    </message>
    <message>
        <source>{count} {objects}</source>
        <translation>{count} {objects}</translation>
    </message>
    <message>
        <source>Updated:</source>
        <translation>Mis à jour :</translation>
    </message>
    <message>
        <source>Skipped as duplicates:</source>
        <translation>Ignorés comme doublons :</translation>
    </message>
    <message>
        <source>Rows with errors, left out:</source>
        <translation>Lignes en erreur, laissées de côté :</translation>
    </message>
    <message>
        <source>Linked records created:</source>
        <translation>Fiches liées créées :</translation>
    </message>
    <message>
        <source>Backup taken first:</source>
        <translation>Sauvegarde faite avant :</translation>
    </message>
    <message>
        <source>&amp;Open the {objects}</source>
        <translation>&amp;Ouvrir les {objects}</translation>
    </message>
    <message>
        <source>The import is one change in Edit → Undo and in the overview&apos;s recent changes.</source>
        <translation>L&apos;import est une seule modification dans Édition → Annuler et dans les modifications récentes de l&apos;aperçu.</translation>
    </message>
    <message>
        <source>The import is undone: the records it created are gone and the fields it updated are as before. Edit → Redo brings it back.</source>
        <translation>L&apos;import est annulé : les fiches qu&apos;il a créées ont disparu et les champs qu&apos;il a modifiés sont comme avant. Édition → Rétablir le refait.</translation>
    </message>
</context>
<context>
    <name>SavedViewsNavigator</name>
    <message>
        <source>&amp;Rename view…</source>
        <extracomment>On a navigation item: the saved view&apos;s id (&quot;&quot; on the other items). Never left unset: PySide6 6.12 loses a reference to None each time `data()` reads an empty value (widgets/qt_workarounds.py). On a navigation item: its object type (&quot;&quot; on the overview), never None (same reason). The saved view each list was last opened from, by object type (to save over it). A view just saved: highlighted in the navigation once it is listed.</extracomment>
        <translation>&amp;Renommer la vue…</translation>
    </message>
    <message>
        <source>Reading saved views</source>
        <translation>Lecture des vues enregistrées</translation>
    </message>
    <message>
        <source>Saved view of {objects}</source>
        <translation>Vue enregistrée des {objects}</translation>
    </message>
    <message>
        <source>The view “{name}” names columns this list no longer has: {keys}.</source>
        <translation>La vue « {name} » cite des colonnes que cette liste n’a plus : {keys}.</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Enregistrer la vue</translation>
    </message>
    <message>
        <source>Name of the view of {objects} (filters, sort and columns):</source>
        <translation>Nom de la vue des {objects} (filtres, tri et colonnes) :</translation>
    </message>
    <message>
        <source>Replace the view “{name}” with these filters, sort and columns?</source>
        <translation>Remplacer la vue « {name} » par ces filtres, ce tri et ces colonnes ?</translation>
    </message>
    <message>
        <source>Saved the view “{name}”.</source>
        <translation>Vue « {name} » enregistrée.</translation>
    </message>
    <message>
        <source>Saving the view</source>
        <translation>Enregistrement de la vue</translation>
    </message>
    <message>
        <source>Rename view</source>
        <translation>Renommer la vue</translation>
    </message>
    <message>
        <source>New name of the view:</source>
        <translation>Nouveau nom de la vue :</translation>
    </message>
    <message>
        <source>Renaming the view</source>
        <translation>Renommage de la vue</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>Supprimer la vue</translation>
    </message>
    <message>
        <source>Delete the view “{name}”? The records stay; the view goes to the trash and Undo in Recent changes brings it back.</source>
        <translation>Supprimer la vue « {name} » ? Les enregistrements restent ; la vue va à la corbeille et Annuler dans Modifications récentes la fait revenir.</translation>
    </message>
    <message>
        <source>Deleted the view “{name}”.</source>
        <translation>Vue « {name} » supprimée.</translation>
    </message>
    <message>
        <source>Deleting the view</source>
        <translation>Suppression de la vue</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Ouvrir</translation>
    </message>
    <message>
        <source>&amp;Rename…</source>
        <translation>&amp;Renommer…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Supprimer</translation>
    </message>
</context>
<context>
    <name>SearchPalette</name>
    <message>
        <source>Search</source>
        <extracomment>Typing pauses this long before a query starts: fast typists send one query per word. Hits shown per object type. Widest the palette gets, and how far it sits below the window&apos;s top. A search function with the signature of `services.search.search`. (object_type, record_id) of a hit; &quot;&quot; on a group header (never unset: see widgets/qt_workarounds.py). The dimmed second part of a hit.</extracomment>
        <translation>Rechercher</translation>
    </message>
    <message>
        <source>Search accounts, contacts, leads, deals, campaigns, cases…</source>
        <extracomment>text of the latest query started text whose results are on screen</extracomment>
        <translation>Rechercher comptes, contacts, pistes, affaires, campagnes, tickets…</translation>
    </message>
    <message>
        <source>Search everything</source>
        <translation>Rechercher partout</translation>
    </message>
    <message>
        <source>Search results</source>
        <translation>Résultats de la recherche</translation>
    </message>
    <message>
        <source>Nothing matches “{text}”.</source>
        <translation>Rien ne correspond à « {text} ».</translation>
    </message>
    <message>
        <source>↑ ↓ to choose · Enter to open · Esc to close</source>
        <translation>↑ ↓ pour choisir · Entrée pour ouvrir · Échap pour fermer</translation>
    </message>
    <message>
        <source>Names, companies, e-mails, cities, phone numbers; typos are forgiven.</source>
        <translation>Noms, sociétés, e-mails, villes, téléphones ; les fautes de frappe sont pardonnées.</translation>
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consentement</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Plus</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>Choose the file to import</source>
        <extracomment>Sample values shown per column on the mapping page. Formats of the file chooser, as (filter label, patterns).</extracomment>
        <translation>Choisir le fichier à importer</translation>
    </message>
    <message>
        <source>A CSV, Excel (.xlsx) or vCard (.vcf) file. Its first rows are shown as they will be read: if the accents or the columns look wrong, change the encoding or the delimiter.</source>
        <translation>Un fichier CSV, Excel (.xlsx) ou vCard (.vcf). Ses premières lignes s&apos;affichent telles qu&apos;elles seront lues : si les accents ou les colonnes semblent faux, changez l&apos;encodage ou le séparateur.</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Aucun fichier choisi</translation>
    </message>
    <message>
        <source>File to import</source>
        <translation>Fichier à importer</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Parcourir…</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>Détecter</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Fichier :</translation>
    </message>
    <message>
        <source>&amp;Import as:</source>
        <translation>&amp;Importer comme :</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>&amp;Encodage :</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>&amp;Séparateur :</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>F&amp;euille :</translation>
    </message>
    <message>
        <source>Import a file</source>
        <translation>Importer un fichier</translation>
    </message>
    <message>
        <source>Files to import (*.csv *.txt *.tsv *.xlsx *.xlsm *.vcf);;CSV files (*.csv *.txt *.tsv);;Excel workbooks (*.xlsx *.xlsm);;vCard files (*.vcf);;All files (*)</source>
        <translation>Fichiers à importer (*.csv *.txt *.tsv *.xlsx *.xlsm *.vcf);;Fichiers CSV (*.csv *.txt *.tsv);;Classeurs Excel (*.xlsx *.xlsm);;Fichiers vCard (*.vcf);;Tous les fichiers (*)</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>Lecture de {name}…</translation>
    </message>
    <message>
        <source>Read as {encoding}: {reason}. Columns separated by {delimiter}. The first {rows} rows:</source>
        <translation>Lu en {encoding} : {reason}. Colonnes séparées par {delimiter}. Les {rows} premières lignes :</translation>
    </message>
    <message>
        <source>Excel workbook, sheet “{sheet}” ({count} sheets). The first {rows} rows:</source>
        <translation>Classeur Excel, feuille « {sheet} » ({count} feuilles). Les {rows} premières lignes :</translation>
    </message>
    <message>
        <source>vCard file. The first {rows} cards:</source>
        <translation>Fichier vCard. Les {rows} premières fiches :</translation>
    </message>
</context>
<context>
    <name>StageEditorDialog</name>
    <message>
        <source>Stages of “{name}”</source>
        <translation>Étapes de « {name} »</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Étape</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Nature</translation>
    </message>
    <message>
        <source>Default probability</source>
        <translation>Probabilité par défaut</translation>
    </message>
    <message>
        <source>Stale after (days)</source>
        <translation>En sommeil après (jours)</translation>
    </message>
    <message>
        <source>Deals</source>
        <translation>Affaires</translation>
    </message>
    <message>
        <source>&amp;Add stage</source>
        <translation>&amp;Ajouter une étape</translation>
    </message>
    <message>
        <source>&amp;Delete stage</source>
        <translation>&amp;Supprimer l’étape</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>&amp;Monter</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>&amp;Descendre</translation>
    </message>
    <message>
        <source>A new default probability applies to deals entering the stage from now on. A deal idle for longer than its stage&apos;s limit is marked stale.</source>
        <translation>Une nouvelle probabilité par défaut s’applique aux affaires qui entrent dans l’étape à partir de maintenant. Une affaire inactive au-delà de la limite de son étape est marquée en sommeil.</translation>
    </message>
    <message>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <source>New stage</source>
        <translation>Nouvelle étape</translation>
    </message>
    <message>
        <source>“{stage}” holds {count} deals and there is no other {kind} stage to move them to.</source>
        <translation>« {stage} » contient {count} affaires et il n’y a pas d’autre étape « {kind} » où les déplacer.</translation>
    </message>
    <message>
        <source>Delete “{stage}”</source>
        <translation>Supprimer « {stage} »</translation>
    </message>
    <message>
        <source>“{stage}” holds {count} deals. Move them to:</source>
        <translation>« {stage} » contient {count} affaires. Les déplacer vers :</translation>
    </message>
    <message>
        <source>A pipeline needs at least one open stage.</source>
        <translation>Un pipeline a besoin d’au moins une étape ouverte.</translation>
    </message>
    <message>
        <source>Every stage needs a name.</source>
        <translation>Chaque étape a besoin d’un nom.</translation>
    </message>
</context>
<context>
    <name>StageKinds</name>
    <message>
        <source>Open</source>
        <extracomment>id, name, probability, idle (row key, spec) (stage id, where its deals go) stage ids, or row keys of the additions</extracomment>
        <translation>Ouverte</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Gagnée</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Perdue</translation>
    </message>
</context>
<context>
    <name>TrashView</name>
    <message>
        <source>Deleted records of</source>
        <translation>Enregistrements supprimés :</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restaurer</translation>
    </message>
    <message>
        <source>Delete for &amp;good…</source>
        <translation>Supprimer &amp;définitivement…</translation>
    </message>
    <message>
        <source>Deleted records stay here until deleted for good. Restoring a record brings back what was deleted with it.</source>
        <translation>Les enregistrements supprimés restent ici jusqu’à leur suppression définitive. Restaurer un enregistrement rétablit aussi ce qui a été supprimé avec lui.</translation>
    </message>
    <message>
        <source>Deleted</source>
        <extracomment>One model per object type, made when first shown, kept (a job may be filling it).</extracomment>
        <translation>Supprimé le</translation>
    </message>
</context>
<context>
    <name>Values</name>
    <message>
        <source>Yes</source>
        <extracomment>Symbols QLocale would not know from an ISO code alone; others show as the code.</extracomment>
        <translation>Oui</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Non</translation>
    </message>
</context>
<context>
    <name>fmt</name>
    <message>
        <source>{count} in {currency}</source>
        <extracomment>Tick labels longer than this wrap onto more lines (long French stage names). Bars shown at most in one chart; the rest are summed up in the subtitle. (value, decimals) (minor units, ISO currency) &quot;trade_show&quot; → &quot;Trade show&quot; (minor units, currency) rounded to whole units, for labels in charts grid lines, secondary bars Colour-blind-safe series (Okabe–Ito), readable on white. The same hues, lighter, for dark backgrounds. file names and settings: &quot;funnel&quot;, &quot;forecast&quot;, ... English; translated through the Formatter</extracomment>
        <translation>{count} en {currency}</translation>
    </message>
    <message>
        <source>Not shown, other currencies: {parts} {what}</source>
        <translation>Non montrées, autres devises : {parts} {what}</translation>
    </message>
    <message>
        <source>Stage funnel: open deals now</source>
        <translation>Entonnoir par étape : affaires ouvertes aujourd’hui</translation>
    </message>
    <message>
        <source>deals</source>
        <translation>affaires</translation>
    </message>
    <message>
        <source>No open deals.</source>
        <translation>Aucune affaire ouverte.</translation>
    </message>
    <message>
        <source>Open deals · amount</source>
        <translation>Affaires ouvertes · montant</translation>
    </message>
    <message>
        <source>Conversion by stage</source>
        <translation>Conversion par étape</translation>
    </message>
    <message>
        <source>Share of the {count} deals created in the period that reached each stage</source>
        <translation>Part des {count} affaires créées dans la période ayant atteint chaque étape</translation>
    </message>
    <message>
        <source>No deal was created in this period.</source>
        <translation>Aucune affaire créée dans cette période.</translation>
    </message>
    <message>
        <source>{count} without expected close date</source>
        <translation>{count} sans date de clôture prévue</translation>
    </message>
    <message>
        <source>Weighted forecast by month ({currency})</source>
        <translation>Prévision pondérée par mois ({currency})</translation>
    </message>
    <message>
        <source>No open deal is expected to close in this period.</source>
        <translation>Aucune affaire ouverte n’a de clôture prévue dans cette période.</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Montant</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>Pondéré</translation>
    </message>
    <message>
        <source>Revenue won vs last year ({currency})</source>
        <translation>CA gagné par rapport à l’an dernier ({currency})</translation>
    </message>
    <message>
        <source>won deals</source>
        <translation>affaires gagnées</translation>
    </message>
    <message>
        <source>No deal was won in this period or a year before.</source>
        <translation>Aucune affaire gagnée dans cette période ni un an plus tôt.</translation>
    </message>
    <message>
        <source>A year earlier</source>
        <translation>Un an plus tôt</translation>
    </message>
    <message>
        <source>This period</source>
        <translation>Cette période</translation>
    </message>
    <message>
        <source>Leads and conversion by source</source>
        <translation>Pistes et conversion par source</translation>
    </message>
    <message>
        <source>{count} leads created in the period, {share} converted</source>
        <translation>{count} pistes créées dans la période, {share} converties</translation>
    </message>
    <message>
        <source>No lead was created in this period.</source>
        <translation>Aucune piste créée dans cette période.</translation>
    </message>
    <message>
        <source>Leads (dark: converted)</source>
        <translation>Pistes (foncé : converties)</translation>
    </message>
    <message>
        <source>{leads} · {share} converted</source>
        <translation>{leads} · {share} converties</translation>
    </message>
    <message>
        <source>campaigns</source>
        <translation>campagnes</translation>
    </message>
    <message>
        <source>{count} without a cost, so without ROI</source>
        <translation>{count} sans coût, donc sans ROI</translation>
    </message>
    <message>
        <source>Campaign ROI ({currency})</source>
        <translation>ROI des campagnes ({currency})</translation>
    </message>
    <message>
        <source>No campaign with a cost ran in this period.</source>
        <translation>Aucune campagne avec un coût dans cette période.</translation>
    </message>
    <message>
        <source>{roi} · {leads} leads · {cpl}/lead</source>
        <translation>{roi} · {leads} pistes · {cpl}/piste</translation>
    </message>
    <message>
        <source>Activities per owner per week</source>
        <translation>Activités par propriétaire et par semaine</translation>
    </message>
    <message>
        <source>Done in the period, over {weeks} weeks</source>
        <translation>Faites dans la période, sur {weeks} semaines</translation>
    </message>
    <message>
        <source>No activity was done in this period.</source>
        <translation>Aucune activité faite dans cette période.</translation>
    </message>
    <message>
        <source>(no owner)</source>
        <translation>(sans propriétaire)</translation>
    </message>
    <message>
        <source>Activities per week</source>
        <translation>Activités par semaine</translation>
    </message>
    <message>
        <source>Open cases by priority</source>
        <translation>Tickets ouverts par priorité</translation>
    </message>
    <message>
        <source>{count} open now</source>
        <translation>{count} ouverts aujourd’hui</translation>
    </message>
    <message>
        <source>No open case.</source>
        <translation>Aucun ticket ouvert.</translation>
    </message>
    <message>
        <source>Period: {period} ({start} – {end}) · Owner: {owner} · Pipeline: {pipeline} · Currency: {currency} · As of {today}</source>
        <extracomment>A4 landscape, in inches. A chart saved on its own, in pixels at PNG_DPI. &quot;2026-Q3&quot; or &quot;1 Jul 2026 – 30 Sep 2026&quot; &quot;Everyone&quot;, a user&apos;s or team&apos;s name &quot;All pipelines&quot; or its name</extracomment>
        <translation>Période : {period} ({start} – {end}) · Propriétaire : {owner} · Pipeline : {pipeline} · Devise : {currency} · Au {today}</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Tableau de bord</translation>
    </message>
    <message>
        <source>{app} · Dashboard</source>
        <translation>{app} · Tableau de bord</translation>
    </message>
</context>
</TS>
