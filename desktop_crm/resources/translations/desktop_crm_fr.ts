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
        <translation>Passer « {deal} » à l’étape « {stage} » la clôt comme gagnée.</translation>
    </message>
    <message>
        <source>Moving “{deal}” to “{stage}” closes it as lost.</source>
        <translation>Passer « {deal} » à l’étape « {stage} » la clôt comme perdue.</translation>
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
        <translation>Choisir une raison…</translation>
    </message>
    <message>
        <source>Lost reason</source>
        <translation>Raison de la perte</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Raison :</translation>
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
        <source>Due</source>
        <translation>Échéance</translation>
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
        <source>About {rows} records in all.</source>
        <translation>Environ {rows} enregistrements en tout.</translation>
    </message>
</context>
<context>
    <name>Job</name>
    <message>
        <source>Cancelling: {label}…</source>
        <extracomment>A job that ends sooner never shows a dialog (no flash for quick work). How often the GUI reads the job&apos;s progress: the update throttle. Resolution of the progress bar, so totals beyond a C++ int still fit. bumped by every update, so the GUI can skip unchanged polls Started jobs whose end the GUI has not handled yet; also keeps them alive. Worker → GUI: the function returned or raised (queued across threads). Errors by which a service refuses the action with a sentence for the user (say UndoConflict): shown like a KnownDbError, never as a crash. The progress dialog, once the job has run long enough to show one. The warning shown for a KnownDbError, for callers and tests.</extracomment>
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
    <name>MainWindow</name>
    <message>
        <source>{name} — {app}</source>
        <extracomment>The navigation entry of the pipeline board (its item data; object types are the others).</extracomment>
        <translation>{name} — {app}</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Ouverture…</translation>
    </message>
    <message>
        <source>Navigation</source>
        <extracomment>Object lists by object type, made the first time they are opened. The pipeline board, made the first time it is opened.</extracomment>
        <translation>Navigation</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Vue d’ensemble</translation>
    </message>
    <message>
        <source>Pipeline</source>
        <translation>Pipeline</translation>
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
        <source>&amp;Back up database…</source>
        <translation>&amp;Sauvegarder la base…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
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
        <source>, {count} selected</source>
        <translation>, {count} sélectionné(s)</translation>
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
        <translation>Modifier les &amp;étapes…</translation>
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
        <translation>Montant minimum</translation>
    </message>
    <message>
        <source>Maximum amount</source>
        <translation>Montant maximum</translation>
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
        <translation>toutes</translation>
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
        <translation>{count} affaires en cours</translation>
    </message>
    <message>
        <source> (filtered)</source>
        <translation> (filtrées)</translation>
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
        <translation>+ {count} autres devises (voir l’info-bulle)</translation>
    </message>
    <message>
        <source>This stage was deleted; move its deals to another stage. Nothing can be dropped here.</source>
        <translation>Cette étape a été supprimée : déplacez ses affaires vers une autre étape. Rien ne peut y être déposé.</translation>
    </message>
    <message>
        <source>Default probability {percent} %</source>
        <translation>Probabilité par défaut {percent} %</translation>
    </message>
    <message>
        <source>Deals idle for more than {days} days are marked stale</source>
        <translation>Les affaires inactives depuis plus de {days} jours sont signalées comme dormantes</translation>
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
        <translation>À faire : {subject} ({due})</translation>
    </message>
    <message>
        <source>No next activity</source>
        <translation>Aucune activité prévue</translation>
    </message>
    <message>
        <source>Stale: no activity or change for {days} days (limit {limit}).</source>
        <translation>Dormante : ni activité ni modification depuis {days} jours (limite {limit}).</translation>
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
        <translation>Vers l’étape précédente</translation>
    </message>
    <message>
        <source>Move to next stage</source>
        <translation>Vers l’étape suivante</translation>
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
        <translation>Étapes enregistrées ; {count} affaires déplacées hors des étapes supprimées.</translation>
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
        <translation>Type</translation>
    </message>
    <message>
        <source>Default probability</source>
        <translation>Probabilité par défaut</translation>
    </message>
    <message>
        <source>Stale after (days)</source>
        <translation>Dormante après (jours)</translation>
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
        <translation>Une nouvelle probabilité par défaut s’applique aux affaires qui entrent ensuite dans l’étape. Une affaire inactive plus longtemps que la limite de son étape est signalée comme dormante.</translation>
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
        <translation>« {stage} » contient {count} affaires et il n’y a pas d’autre étape de type {kind} où les déplacer.</translation>
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
</TS>
