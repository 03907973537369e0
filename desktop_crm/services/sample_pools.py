"""Word, name, place and phone pools the sample data generator draws from.

Everything here is plain data plus a few builders that run once per load, so the generator
picks a preformatted value with one random draw per field. Phone prefixes and postal codes
are chosen so that every number built from them is valid (phonenumbers) and every postal
code matches its city; the tests check both over large samples.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")

# --- text helpers ---------------------------------------------------------------------------


def ascii_fold(text: str) -> str:
    """`Hélène Lefèvre` -> `Helene Lefevre`: accents stripped, other characters kept."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ß", "ss").replace("œ", "oe"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str, sep: str = "-") -> str:
    """Lower-case ASCII letters and digits, other runs collapsed to `sep`: for domains and
    e-mail local parts (`Moreau & Fils` -> `moreau-fils`)."""
    folded = ascii_fold(text).lower().replace("'", "").replace("’", "")
    out: list[str] = []
    pending = False
    for char in folded:
        if char.isascii() and char.isalnum():
            if pending and out:
                out.append(sep)
            out.append(char)
            pending = False
        else:
            pending = True
    return "".join(out)


def name_slug(name: str) -> str:
    """E-mail form of a person's name: hyphens kept, spaces and apostrophes dropped
    (`Jean-François` -> `jean-francois`, `Le Gall` -> `legall`, `N'Diaye` -> `ndiaye`)."""
    return "-".join(slug(part, "") for part in name.split("-"))


def expand(weighted: Sequence[tuple[T, int]], size: int = 1024) -> list[T]:
    """A list of `size` items in which each value appears in proportion to its weight, so a
    weighted draw is one index: `pool[getrandbits(10)]` for size 1024."""
    total = sum(w for _, w in weighted)
    out: list[T] = []
    acc = 0
    for value, weight in weighted:
        acc += weight
        out.extend([value] * (round(acc * size / total) - len(out)))
    assert len(out) == size
    return out


# --- people -----------------------------------------------------------------------------------

FIRST_FR_F = (
    "Léa",
    "Chloé",
    "Camille",
    "Manon",
    "Emma",
    "Inès",
    "Sarah",
    "Julie",
    "Hélène",
    "Bérénice",
    "Clémence",
    "Amélie",
    "Anaïs",
    "Élodie",
    "Céline",
    "Sophie",
    "Nathalie",
    "Isabelle",
    "Valérie",
    "Sandrine",
    "Stéphanie",
    "Aurélie",
    "Émilie",
    "Marie",
    "Anne",
    "Catherine",
    "Christine",
    "Françoise",
    "Brigitte",
    "Martine",
    "Laëtitia",
    "Maëlle",
    "Zoé",
    "Louise",
    "Jade",
    "Agathe",
    "Margaux",
    "Pauline",
    "Marion",
    "Océane",
    "Noémie",
    "Joséphine",
    "Gaëlle",
    "Mélanie",
    "Séverine",
    "Delphine",
    "Virginie",
    "Karine",
    "Laure",
    "Marie-Claire",
    "Anne-Sophie",
    "Marie-Hélène",
    "Éloïse",
    "Apolline",
    "Héloïse",
    "Lucie",
    "Charlotte",
    "Juliette",
    "Claire",
    "Fatima",
    "Yasmine",
    "Leïla",
    "Nadia",
    "Awa",
    "Aïcha",
    "Geneviève",
    "Solène",
    "Maïwenn",
    "Mathilde",
    "Capucine",
)
FIRST_FR_M = (
    "François",
    "Jean",
    "Pierre",
    "Michel",
    "Philippe",
    "Alain",
    "Nicolas",
    "Christophe",
    "Stéphane",
    "Sébastien",
    "Frédéric",
    "Laurent",
    "Olivier",
    "Thierry",
    "Éric",
    "Jérôme",
    "Julien",
    "Guillaume",
    "Mathieu",
    "Thomas",
    "Antoine",
    "Maxime",
    "Hugo",
    "Lucas",
    "Théo",
    "Louis",
    "Gabriel",
    "Raphaël",
    "Arthur",
    "Noé",
    "Clément",
    "Benoît",
    "Rémi",
    "Grégoire",
    "Cédric",
    "Hervé",
    "Gérard",
    "Bernard",
    "Jacques",
    "Loïc",
    "Gaël",
    "Yannick",
    "Jean-Pierre",
    "Jean-Luc",
    "Jean-Marc",
    "Pierre-Yves",
    "Joël",
    "Anthony",
    "Kévin",
    "Jérémy",
    "Romain",
    "Bastien",
    "Mehdi",
    "Karim",
    "Youssef",
    "Moussa",
    "Mamadou",
    "Étienne",
    "Aurélien",
    "Timothée",
)
LAST_FR = (
    "Martin",
    "Bernard",
    "Dubois",
    "Thomas",
    "Robert",
    "Richard",
    "Petit",
    "Durand",
    "Leroy",
    "Moreau",
    "Simon",
    "Laurent",
    "Lefèvre",
    "Michel",
    "Garcia",
    "David",
    "Bertrand",
    "Roux",
    "Vincent",
    "Fournier",
    "Morel",
    "Girard",
    "André",
    "Lefebvre",
    "Mercier",
    "Dupont",
    "Lambert",
    "Bonnet",
    "François",
    "Martinez",
    "Legrand",
    "Garnier",
    "Faure",
    "Rousseau",
    "Blanc",
    "Guérin",
    "Muller",
    "Henry",
    "Roussel",
    "Nicolas",
    "Perrin",
    "Morin",
    "Mathieu",
    "Clément",
    "Gauthier",
    "Dumont",
    "Lopez",
    "Fontaine",
    "Chevalier",
    "Robin",
    "Masson",
    "Sanchez",
    "Gérard",
    "Nguyen",
    "Boyer",
    "Denis",
    "Lemaire",
    "Duval",
    "Joly",
    "Gautier",
    "Roger",
    "Roche",
    "Roy",
    "Noël",
    "Meyer",
    "Lucas",
    "Meunier",
    "Pérez",
    "Marchand",
    "Dufour",
    "Blanchard",
    "Barbier",
    "Brun",
    "Dumas",
    "Brunet",
    "Schmitt",
    "Leroux",
    "Colin",
    "Fernandez",
    "Renard",
    "Arnaud",
    "Rolland",
    "Caron",
    "Aubert",
    "Giraud",
    "Leclerc",
    "Vidal",
    "Bourgeois",
    "Renaud",
    "Lemoine",
    "Picard",
    "Gaillard",
    "Leclercq",
    "Lacroix",
    "Fabre",
    "Dupuis",
    "Olivier",
    "Rodriguez",
    "Da Silva",
    "Hubert",
    "Charles",
    "Guillot",
    "Rivière",
    "Le Gall",
    "Guillaume",
    "Adam",
    "Rey",
    "Moulin",
    "Gonzalez",
    "Berger",
    "Lecomte",
    "Ménard",
    "Fleury",
    "Deschamps",
    "Carpentier",
    "Benoît",
    "Maillard",
    "Marchal",
    "Aubry",
    "Vasseur",
    "Le Roux",
    "Renault",
    "Jacquet",
    "Collet",
    "Prévost",
    "Poirier",
    "Charpentier",
    "Royer",
    "Huet",
    "Baron",
    "Dupuy",
    "Pons",
    "Carré",
    "Breton",
    "Rémy",
    "Schneider",
    "Perrot",
    "Guyot",
    "Barre",
    "Marty",
    "Cousin",
    "Bérard",
    "Lebrun",
    "Hoarau",
    "Bouvier",
    "Chauvin",
    "Étienne",
    "Texier",
    "Lefort",
    "Camus",
    "N'Diaye",
    "Diallo",
    "Benali",
    "Haddad",
    "Ferreira",
    "Pereira",
    "Dos Santos",
    "Kowalski",
    "Besnard",
    "Cordier",
    "Pelletier",
    "Lebon",
    "Bénard",
    "Tessier",
    "Hamon",
    "Hervé",
    "Jégou",
    "Le Goff",
    "Kerbrat",
    "Quéré",
    "Delacroix",
    "Després",
    "Lévêque",
    "Cœur",
    "Bréhaut",
    "Chéreau",
)
FIRST_EN_F = (
    "Emily",
    "Olivia",
    "Sophie",
    "Charlotte",
    "Amelia",
    "Grace",
    "Jessica",
    "Hannah",
    "Emma",
    "Sarah",
    "Laura",
    "Rachel",
    "Megan",
    "Chloe",
    "Lucy",
    "Katherine",
    "Elizabeth",
    "Jennifer",
    "Ashley",
    "Madison",
    "Abigail",
    "Victoria",
    "Rebecca",
    "Eleanor",
    "Isla",
    "Freya",
    "Zoe",
    "Natalie",
    "Priya",
    "Aisha",
)
FIRST_EN_M = (
    "James",
    "Oliver",
    "Harry",
    "George",
    "William",
    "Thomas",
    "Jack",
    "Daniel",
    "Michael",
    "David",
    "Robert",
    "John",
    "Matthew",
    "Andrew",
    "Christopher",
    "Benjamin",
    "Samuel",
    "Joseph",
    "Ethan",
    "Ryan",
    "Liam",
    "Noah",
    "Connor",
    "Patrick",
    "Alexander",
    "Henry",
    "Edward",
    "Raj",
    "Mohammed",
    "Tyler",
)
LAST_EN = (
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Harris",
    "Lewis",
    "Martin",
    "Cooper",
    "King",
    "Baker",
    "Harrison",
    "Morgan",
    "Patel",
    "Khan",
    "Scott",
    "Young",
    "Mitchell",
    "Turner",
    "Hughes",
    "Edwards",
    "Miller",
    "Davis",
    "Anderson",
    "Moore",
    "Garcia",
    "Lee",
    "Walsh",
    "O'Brien",
    "Murphy",
    "Kelly",
    "MacDonald",
    "Campbell",
    "Stewart",
    "Reid",
    "Fraser",
    "Ross",
    "Hill",
    "Carter",
    "Phillips",
    "Parker",
    "Collins",
    "Bennett",
    "Cook",
    "Bailey",
    "Bell",
    "Murray",
    "Price",
    "Shaw",
    "Palmer",
    "Fisher",
    "O'Connor",
    "Nguyen",
    "Chen",
    "Singh",
)
FIRST_DE_F = (
    "Anna",
    "Lena",
    "Laura",
    "Katharina",
    "Julia",
    "Sophie",
    "Hannah",
    "Lea",
    "Jana",
    "Sabine",
    "Ursula",
    "Birgit",
    "Käthe",
)
FIRST_DE_M = (
    "Lukas",
    "Maximilian",
    "Felix",
    "Jonas",
    "Leon",
    "Paul",
    "Stefan",
    "Andreas",
    "Jürgen",
    "Matthias",
    "Tobias",
    "Florian",
    "Uwe",
)
LAST_DE = (
    "Müller",
    "Schmidt",
    "Schneider",
    "Fischer",
    "Weber",
    "Meyer",
    "Wagner",
    "Becker",
    "Schulz",
    "Hoffmann",
    "Schäfer",
    "Koch",
    "Bauer",
    "Richter",
    "Klein",
    "Wolf",
    "Schröder",
    "Neumann",
    "Schwarz",
    "Zimmermann",
    "Braun",
    "Krüger",
    "Hartmann",
    "Lange",
    "Köhler",
    "Weiß",
    "Keller",
    "Huber",
    "Brunner",
    "Gerber",
    "Baumann",
    "Meier",
)
FIRST_NL_F = ("Lotte", "Sofie", "Eva", "Lien", "Annelies", "Els", "Marieke", "Nathalie", "Femke")
FIRST_NL_M = ("Wim", "Pieter", "Jens", "Bram", "Stijn", "Koen", "Thijs", "Joris", "Dirk")
LAST_NL = (
    "Peeters",
    "Janssens",
    "Maes",
    "Jacobs",
    "Mertens",
    "Willems",
    "Claes",
    "Goossens",
    "Wouters",
    "De Smet",
    "Vermeulen",
    "Van den Broeck",
    "De Vos",
    "Hermans",
    "Van Damme",
)

#: culture -> (female first names, male first names, last names)
PEOPLE = {
    "fr": (FIRST_FR_F, FIRST_FR_M, LAST_FR),
    "en": (FIRST_EN_F, FIRST_EN_M, LAST_EN),
    "de": (FIRST_DE_F, FIRST_DE_M, LAST_DE),
    "nl": (FIRST_NL_F, FIRST_NL_M, LAST_NL),
}

#: (salutation female, salutation male) by culture
SALUTATIONS = {
    "fr": ("Mme", "M."),
    "en": ("Ms", "Mr"),
    "de": ("Frau", "Herr"),
    "nl": ("Mevr.", "Dhr."),
}

#: (masculine French, feminine French, English, department French, department English, weight)
JOB_TITLES = (
    (
        "Directeur général",
        "Directrice générale",
        "Chief Executive Officer",
        "Direction",
        "Management",
        4,
    ),
    ("Gérant", "Gérante", "Managing Director", "Direction", "Management", 5),
    ("Directeur commercial", "Directrice commerciale", "Sales Director", "Ventes", "Sales", 6),
    (
        "Responsable des achats",
        "Responsable des achats",
        "Purchasing Manager",
        "Achats",
        "Purchasing",
        8,
    ),
    ("Acheteur", "Acheteuse", "Buyer", "Achats", "Purchasing", 6),
    (
        "Directeur financier",
        "Directrice financière",
        "Chief Financial Officer",
        "Finance",
        "Finance",
        4,
    ),
    ("Comptable", "Comptable", "Accountant", "Finance", "Finance", 5),
    (
        "Directeur des systèmes d'information",
        "Directrice des systèmes d'information",
        "Chief Information Officer",
        "Informatique",
        "IT",
        3,
    ),
    ("Responsable informatique", "Responsable informatique", "IT Manager", "Informatique", "IT", 5),
    ("Chef de projet", "Cheffe de projet", "Project Manager", "Opérations", "Operations", 6),
    (
        "Responsable marketing",
        "Responsable marketing",
        "Marketing Manager",
        "Marketing",
        "Marketing",
        5,
    ),
    (
        "Chargé de communication",
        "Chargée de communication",
        "Communications Officer",
        "Marketing",
        "Marketing",
        3,
    ),
    (
        "Assistant de direction",
        "Assistante de direction",
        "Executive Assistant",
        "Direction",
        "Management",
        5,
    ),
    (
        "Responsable des ressources humaines",
        "Responsable des ressources humaines",
        "HR Manager",
        "Ressources humaines",
        "Human Resources",
        4,
    ),
    (
        "Directeur technique",
        "Directrice technique",
        "Chief Technology Officer",
        "Technique",
        "Engineering",
        3,
    ),
    ("Ingénieur commercial", "Ingénieure commerciale", "Account Executive", "Ventes", "Sales", 5),
    (
        "Responsable logistique",
        "Responsable logistique",
        "Logistics Manager",
        "Logistique",
        "Logistics",
        4,
    ),
    ("Responsable qualité", "Responsable qualité", "Quality Manager", "Qualité", "Quality", 3),
    (
        "Directeur des opérations",
        "Directrice des opérations",
        "Chief Operating Officer",
        "Opérations",
        "Operations",
        2,
    ),
    (
        "Conseiller clientèle",
        "Conseillère clientèle",
        "Customer Service Representative",
        "Service client",
        "Customer Service",
        4,
    ),
    ("Juriste", "Juriste", "Legal Counsel", "Juridique", "Legal", 2),
    ("Technicien", "Technicienne", "Technician", "Technique", "Engineering", 3),
    ("Office manager", "Office manager", "Office Manager", "Services généraux", "Facilities", 3),
)

PERSONAL_DOMAINS = {
    "fr": expand(
        [
            ("gmail.com", 30),
            ("orange.fr", 18),
            ("free.fr", 12),
            ("laposte.net", 8),
            ("sfr.fr", 7),
            ("hotmail.fr", 8),
            ("yahoo.fr", 6),
            ("wanadoo.fr", 5),
            ("outlook.fr", 4),
            ("icloud.com", 2),
        ]
    ),
    "en": expand(
        [
            ("gmail.com", 40),
            ("outlook.com", 20),
            ("yahoo.co.uk", 8),
            ("hotmail.co.uk", 8),
            ("btinternet.com", 6),
            ("icloud.com", 10),
            ("yahoo.com", 8),
        ]
    ),
}

# --- companies --------------------------------------------------------------------------------

#: (French label, English label, weight)
INDUSTRIES = (
    ("Industrie", "Manufacturing", 10),
    ("Commerce de détail", "Retail", 8),
    ("Commerce de gros", "Wholesale", 5),
    ("Services informatiques", "IT services", 9),
    ("Édition de logiciels", "Software", 6),
    ("Conseil", "Consulting", 8),
    ("BTP", "Construction", 7),
    ("Transport et logistique", "Transport & logistics", 6),
    ("Santé", "Healthcare", 5),
    ("Pharmacie", "Pharmaceuticals", 2),
    ("Banque et assurance", "Banking & insurance", 3),
    ("Immobilier", "Real estate", 4),
    ("Hôtellerie-restauration", "Hospitality", 5),
    ("Agroalimentaire", "Food & beverage", 5),
    ("Énergie", "Energy", 2),
    ("Éducation et formation", "Education & training", 3),
    ("Télécommunications", "Telecommunications", 2),
    ("Médias et communication", "Media", 3),
    ("Automobile", "Automotive", 3),
    ("Secteur public", "Public sector", 2),
    ("Associations", "Non-profit", 2),
    ("Agriculture", "Agriculture", 2),
    ("Tourisme", "Travel & tourism", 2),
    ("Expertise comptable", "Accounting", 3),
    ("Services juridiques", "Legal services", 2),
)
_IND = {fr: i for i, (fr, _, _) in enumerate(INDUSTRIES)}

#: (French trade word, English trade word, index into INDUSTRIES)
TRADES = (
    ("Conseil", "Consulting", _IND["Conseil"]),
    ("Transports", "Logistics", _IND["Transport et logistique"]),
    ("Bâtiment", "Building", _IND["BTP"]),
    ("Électricité", "Electrical", _IND["BTP"]),
    ("Informatique", "IT Services", _IND["Services informatiques"]),
    ("Distribution", "Distribution", _IND["Commerce de gros"]),
    ("Industries", "Industries", _IND["Industrie"]),
    ("Solutions", "Solutions", _IND["Services informatiques"]),
    ("Immobilier", "Properties", _IND["Immobilier"]),
    ("Ingénierie", "Engineering", _IND["Industrie"]),
    ("Logistique", "Freight", _IND["Transport et logistique"]),
    ("Menuiserie", "Joinery", _IND["BTP"]),
    ("Imprimerie", "Printing", _IND["Médias et communication"]),
    ("Boulangerie", "Bakery", _IND["Agroalimentaire"]),
    ("Optique", "Optics", _IND["Santé"]),
    ("Assurances", "Insurance", _IND["Banque et assurance"]),
    ("Formation", "Training", _IND["Éducation et formation"]),
    ("Communication", "Media", _IND["Médias et communication"]),
    ("Voyages", "Travel", _IND["Tourisme"]),
    ("Énergies", "Energy", _IND["Énergie"]),
    ("Médical", "Medical", _IND["Santé"]),
    ("Automobiles", "Motors", _IND["Automobile"]),
    ("Traiteur", "Catering", _IND["Hôtellerie-restauration"]),
    ("Expertise", "Accountants", _IND["Expertise comptable"]),
    ("Logiciels", "Software", _IND["Édition de logiciels"]),
    ("Négoce", "Trading", _IND["Commerce de gros"]),
    ("Pharma", "Pharma", _IND["Pharmacie"]),
    ("Télécom", "Telecom", _IND["Télécommunications"]),
    ("Avocats", "Law", _IND["Services juridiques"]),
    ("Primeurs", "Fresh Foods", _IND["Agroalimentaire"]),
)
COINED_HEADS = (
    "Axi",
    "Nova",
    "Tech",
    "Sygma",
    "Alti",
    "Omni",
    "Viva",
    "Inno",
    "Opti",
    "Cléo",
    "Éco",
    "Néo",
    "Proxi",
    "Kali",
    "Vert",
    "Lumi",
    "Astr",
    "Hexa",
    "Soli",
    "Data",
    "Cyber",
    "Medi",
    "Agri",
    "Logi",
    "Evo",
    "Géo",
    "Helio",
    "Quant",
    "Zen",
    "Aéro",
)
COINED_TAILS = (
    "lis",
    "tec",
    "tel",
    "via",
    "net",
    "sys",
    "com",
    "lab",
    "ria",
    "gence",
    "tis",
    "on",
    "ys",
    "era",
    "ium",
    "dia",
    "pro",
    "flow",
    "rix",
    "cia",
)
PLACES_FR = (
    "du Rhône",
    "de la Loire",
    "d'Armor",
    "des Alpes",
    "du Littoral",
    "de Provence",
    "du Sud-Ouest",
    "Atlantique",
    "Méditerranée",
    "de l'Ouest",
    "du Nord",
    "de Bourgogne",
    "du Val de Seine",
    "des Flandres",
    "d'Alsace",
    "du Léman",
)
PLACES_EN = (
    "Thames Valley",
    "Northern",
    "Pennine",
    "Atlantic",
    "Pacific",
    "Midwest",
    "Highland",
    "Riverside",
    "Westbridge",
    "Kingsway",
    "Lakeside",
    "Great Lakes",
)
#: legal forms by country with weights
LEGAL_FORMS = {
    "FR": expand([("SARL", 35), ("SAS", 30), ("SA", 10), ("EURL", 10), ("SASU", 15)]),
    "BE": expand([("SRL", 50), ("SA", 35), ("SC", 5), ("ASBL", 10)]),
    "CH": expand([("SA", 45), ("Sàrl", 35), ("AG", 10), ("GmbH", 10)]),
    "GB": expand([("Ltd", 85), ("PLC", 5), ("LLP", 10)]),
    "US": expand([("Inc.", 50), ("LLC", 35), ("Corp.", 15)]),
    "CA": expand([("Inc.", 70), ("Ltée", 30)]),
    "DE": expand([("GmbH", 80), ("AG", 12), ("KG", 8)]),
}
TLDS = {
    "FR": expand([(".fr", 80), (".com", 15), (".eu", 5)]),
    "BE": [".be"],
    "CH": [".ch"],
    "GB": expand([(".co.uk", 80), (".com", 20)]),
    "US": [".com"],
    "CA": expand([(".ca", 80), (".com", 20)]),
    "DE": [".de"],
}
CURRENCIES = {
    "FR": "EUR",
    "BE": "EUR",
    "DE": "EUR",
    "CH": "CHF",
    "GB": "GBP",
    "US": "USD",
    "CA": "CAD",
}
#: rough value of 1 EUR in each currency, to keep amounts comparable
EUR_RATE = {"EUR": 1.0, "CHF": 0.95, "GBP": 0.85, "USD": 1.1, "CAD": 1.5}
ACCOUNT_EMAIL_BOXES = {
    "fr": ("contact", "info", "accueil", "commercial", "bonjour"),
    "en": ("info", "hello", "contact", "sales", "office"),
}

# --- places -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class City:
    name: str
    country: str
    region: str
    postal_codes: tuple[str, ...]
    #: national significant number prefixes of landlines there (without the trunk 0)
    landlines: tuple[str, ...]
    #: culture of most people and companies there: fr, en, de, nl
    culture: str
    weight: int


def _range(first: int, last: int, width: int = 5) -> tuple[str, ...]:
    return tuple(f"{n:0{width}d}" for n in range(first, last + 1))


IDF, ARA, PACA, OCC, PDL = (
    "Île-de-France",
    "Auvergne-Rhône-Alpes",
    "Provence-Alpes-Côte d'Azur",
    "Occitanie",
    "Pays de la Loire",
)
NAQ, HDF, GES, BRE = "Nouvelle-Aquitaine", "Hauts-de-France", "Grand Est", "Bretagne"
BFC, NOR, CVL = "Bourgogne-Franche-Comté", "Normandie", "Centre-Val de Loire"

CITIES_FR = (
    City(
        "Paris",
        "FR",
        IDF,
        (*_range(75001, 75020), "75116"),
        ("140", "142", "143", "144", "145", "146", "147", "148", "153", "155", "156", "158"),
        "fr",
        160,
    ),
    City("Lyon", "FR", ARA, _range(69001, 69009), ("472", "478", "437", "426"), "fr", 40),
    City("Marseille", "FR", PACA, _range(13001, 13016), ("491", "496", "484"), "fr", 30),
    City(
        "Toulouse",
        "FR",
        OCC,
        ("31000", "31100", "31200", "31300", "31400", "31500"),
        ("561", "562", "534"),
        "fr",
        25,
    ),
    City(
        "Nantes", "FR", PDL, ("44000", "44100", "44200", "44300"), ("240", "251", "228"), "fr", 20
    ),
    City(
        "Bordeaux",
        "FR",
        NAQ,
        ("33000", "33100", "33200", "33300", "33800"),
        ("556", "557", "535"),
        "fr",
        20,
    ),
    City(
        "Lille",
        "FR",
        HDF,
        ("59000", "59160", "59260", "59777", "59800"),
        ("320", "328", "362"),
        "fr",
        18,
    ),
    City("Strasbourg", "FR", GES, ("67000", "67100", "67200"), ("388", "390", "368"), "fr", 14),
    City("Rennes", "FR", BRE, ("35000", "35200", "35700"), ("299", "223"), "fr", 14),
    City("Montpellier", "FR", OCC, ("34000", "34070", "34080", "34090"), ("467", "499"), "fr", 14),
    City("Nice", "FR", PACA, ("06000", "06100", "06200", "06300"), ("493", "492", "497"), "fr", 12),
    City("Grenoble", "FR", ARA, ("38000", "38100"), ("476", "438"), "fr", 8),
    City("Dijon", "FR", BFC, ("21000",), ("380",), "fr", 5),
    City("Angers", "FR", PDL, ("49000", "49100"), ("241",), "fr", 5),
    City("Reims", "FR", GES, ("51100",), ("326",), "fr", 5),
    City("Le Havre", "FR", NOR, ("76600",), ("235",), "fr", 4),
    City("Saint-Étienne", "FR", ARA, ("42000", "42100"), ("477",), "fr", 5),
    City("Toulon", "FR", PACA, ("83000", "83100", "83200"), ("494",), "fr", 5),
    City("Clermont-Ferrand", "FR", ARA, ("63000", "63100"), ("473",), "fr", 5),
    City("Tours", "FR", CVL, ("37000", "37100", "37200"), ("247",), "fr", 5),
    City("Limoges", "FR", NAQ, ("87000", "87100"), ("555",), "fr", 3),
    City("Annecy", "FR", ARA, ("74000",), ("450",), "fr", 4),
    City("Aix-en-Provence", "FR", PACA, ("13090", "13100"), ("442",), "fr", 5),
    City("Brest", "FR", BRE, ("29200",), ("298",), "fr", 4),
    City("Caen", "FR", NOR, ("14000",), ("231",), "fr", 4),
    City("Rouen", "FR", NOR, ("76000", "76100"), ("235", "232"), "fr", 5),
    City("Metz", "FR", GES, ("57000", "57050", "57070"), ("387",), "fr", 4),
    City("Nancy", "FR", GES, ("54000", "54100"), ("383",), "fr", 4),
    City("Orléans", "FR", CVL, ("45000", "45100"), ("238",), "fr", 4),
    City("Perpignan", "FR", OCC, ("66000", "66100"), ("468",), "fr", 3),
    City("La Rochelle", "FR", NAQ, ("17000",), ("546",), "fr", 3),
    City("Pau", "FR", NAQ, ("64000",), ("559",), "fr", 3),
    City("Besançon", "FR", BFC, ("25000",), ("381",), "fr", 3),
    City("Mulhouse", "FR", GES, ("68100", "68200"), ("389",), "fr", 3),
    City("Avignon", "FR", PACA, ("84000",), ("490",), "fr", 3),
    City("Poitiers", "FR", NAQ, ("86000",), ("549",), "fr", 3),
    City("Villeurbanne", "FR", ARA, ("69100",), ("472", "478"), "fr", 5),
    City("Boulogne-Billancourt", "FR", IDF, ("92100",), ("141", "146"), "fr", 8),
    City("Nanterre", "FR", IDF, ("92000",), ("147", "141"), "fr", 5),
    City("Levallois-Perret", "FR", IDF, ("92300",), ("147", "141"), "fr", 5),
    City("Neuilly-sur-Seine", "FR", IDF, ("92200",), ("146", "147"), "fr", 4),
    City("Issy-les-Moulineaux", "FR", IDF, ("92130",), ("141", "146"), "fr", 5),
    City("Courbevoie", "FR", IDF, ("92400",), ("147", "149"), "fr", 6),
    City("Montreuil", "FR", IDF, ("93100",), ("148", "149"), "fr", 4),
    City("Saint-Denis", "FR", IDF, ("93200",), ("148", "149"), "fr", 4),
    City("Versailles", "FR", IDF, ("78000",), ("139", "130"), "fr", 4),
    City("Créteil", "FR", IDF, ("94000",), ("143", "145"), "fr", 3),
)

CITIES_ABROAD = (
    City(
        "London",
        "GB",
        "England",
        (
            "EC1A 1BB",
            "EC2V 7HH",
            "SW1A 2AA",
            "SW1W 0NY",
            "W1D 4HS",
            "W1T 3JH",
            "E1 6AN",
            "E14 5AB",
            "N1 9GU",
            "SE1 9SG",
            "WC2N 5DU",
            "NW1 6XE",
        ),
        ("207", "203"),
        "en",
        30,
    ),
    City(
        "Manchester",
        "GB",
        "England",
        ("M1 1AE", "M2 3WQ", "M3 4LZ", "M4 1HN", "M15 4FN"),
        ("1612", "1613", "1614", "1618"),
        "en",
        8,
    ),
    City(
        "Birmingham",
        "GB",
        "England",
        ("B1 1BB", "B2 4QA", "B3 2PB", "B4 6BS", "B5 4TR"),
        ("1212", "1213", "1214", "1216"),
        "en",
        6,
    ),
    City(
        "Edinburgh",
        "GB",
        "Scotland",
        ("EH1 1YZ", "EH2 2BY", "EH3 9DR", "EH6 6JJ"),
        ("1312", "1314", "1315", "1316"),
        "en",
        5,
    ),
    City(
        "Bristol",
        "GB",
        "England",
        ("BS1 4DJ", "BS1 5TR", "BS2 0JA", "BS8 1TH"),
        ("1172", "1173", "1174", "1179"),
        "en",
        4,
    ),
    City(
        "New York",
        "US",
        "NY",
        ("10001", "10005", "10013", "10017", "10022", "10036", "10118"),
        ("212", "646"),
        "en",
        14,
    ),
    City(
        "San Francisco",
        "US",
        "CA",
        ("94103", "94105", "94107", "94111", "94133"),
        ("415",),
        "en",
        7,
    ),
    City("Boston", "US", "MA", ("02108", "02110", "02116", "02210"), ("617",), "en", 5),
    City("Chicago", "US", "IL", ("60601", "60603", "60606", "60611", "60654"), ("312",), "en", 6),
    City("Austin", "US", "TX", ("78701", "78702", "78704", "78758"), ("512",), "en", 4),
    City(
        "Bruxelles",
        "BE",
        "Bruxelles-Capitale",
        ("1000", "1040", "1050", "1060", "1170", "1180", "1200"),
        ("22", "23", "25", "26", "27"),
        "fr",
        18,
    ),
    City("Liège", "BE", "Wallonie", ("4000", "4020", "4030"), ("42", "43"), "fr", 6),
    City("Namur", "BE", "Wallonie", ("5000", "5002", "5100"), ("81",), "fr", 3),
    City(
        "Antwerpen",
        "BE",
        "Flandre",
        ("2000", "2018", "2060"),
        ("32", "33", "34", "35", "36"),
        "nl",
        6,
    ),
    City("Gent", "BE", "Flandre", ("9000", "9040", "9050"), ("92", "93", "94"), "nl", 4),
    City("Genève", "CH", "Genève", _range(1201, 1209, 4), ("22",), "fr", 12),
    City("Lausanne", "CH", "Vaud", ("1003", "1004", "1005", "1006", "1007"), ("21",), "fr", 6),
    City(
        "Zürich",
        "CH",
        "Zürich",
        ("8001", "8002", "8004", "8005", "8008", "8050"),
        ("44", "43"),
        "de",
        8,
    ),
    City(
        "Montréal",
        "CA",
        "QC",
        ("H2X 1Y4", "H3B 4W8", "H3A 1B9", "H2Y 1C6", "H3C 3A7"),
        ("514", "438"),
        "fr",
        10,
    ),
    City("Québec", "CA", "QC", ("G1R 4P5", "G1K 3X2", "G1V 0A6"), ("418",), "fr", 3),
    City(
        "Toronto", "CA", "ON", ("M5V 3L9", "M5H 2N2", "M5J 2H7", "M4W 1A8"), ("416", "647"), "en", 6
    ),
    City("Berlin", "DE", "Berlin", ("10115", "10117", "10178", "10785", "10969"), ("30",), "de", 5),
    City("München", "DE", "Bayern", ("80331", "80335", "80539", "81541"), ("89",), "de", 4),
    City("Hamburg", "DE", "Hamburg", ("20095", "20354", "20457", "22767"), ("40",), "de", 3),
)

#: share of accounts per country (the rest are French)
COUNTRY_WEIGHTS = (("FR", 75), ("BE", 6), ("CH", 5), ("GB", 6), ("US", 4), ("CA", 3), ("DE", 1))


def cities_by_country() -> dict[str, list[City]]:
    out: dict[str, list[City]] = {}
    for city in (*CITIES_FR, *CITIES_ABROAD):
        out.setdefault(city.country, []).append(city)
    return out


#: street name pools by culture; French ones take a voie type
STREET_TYPES_FR = expand(
    [
        ("rue", 55),
        ("avenue", 15),
        ("boulevard", 10),
        ("place", 5),
        ("allée", 4),
        ("impasse", 4),
        ("chemin", 3),
        ("quai", 4),
    ]
)
STREET_NAMES_FR = (
    "de la République",
    "Victor Hugo",
    "Jean Jaurès",
    "du Général de Gaulle",
    "de la Paix",
    "Pasteur",
    "de la Gare",
    "Gambetta",
    "du Maréchal Foch",
    "Nationale",
    "de l'Église",
    "des Écoles",
    "du Moulin",
    "Émile Zola",
    "Jules Ferry",
    "Carnot",
    "de la Liberté",
    "du 8 Mai 1945",
    "des Lilas",
    "Voltaire",
    "de Verdun",
    "Saint-Exupéry",
    "Anatole France",
    "de la Fontaine",
    "du Château",
    "des Tilleuls",
    "Jean Moulin",
    "de Strasbourg",
    "Aristide Briand",
    "Louis Pasteur",
    "du Commerce",
    "de l'Industrie",
    "Clemenceau",
    "de la Mairie",
    "Sainte-Catherine",
    "des Acacias",
    "de Bretagne",
    "Édouard Herriot",
    "Lafayette",
    "de Rivoli",
    "Saint-Honoré",
    "Haussmann",
    "de la Croix-Rousse",
    "de la Canebière",
    "Molière",
    "Paul Bert",
    "Condorcet",
    "du Faubourg Saint-Antoine",
)
STREETS_EN = {
    "GB": (
        "High Street",
        "Station Road",
        "Church Street",
        "Victoria Road",
        "King Street",
        "Queen Street",
        "Park Lane",
        "Mill Lane",
        "Baker Street",
        "London Road",
        "Oxford Street",
        "Canal Street",
        "George Street",
        "Princes Street",
        "Market Place",
    ),
    "US": (
        "Main Street",
        "Broadway",
        "Madison Avenue",
        "Market Street",
        "5th Avenue",
        "Park Avenue",
        "Washington Street",
        "Mission Street",
        "Congress Avenue",
        "Michigan Avenue",
        "State Street",
        "Lexington Avenue",
        "Elm Street",
    ),
    "CA": (
        "King Street West",
        "Bay Street",
        "Yonge Street",
        "Queen Street East",
        "Front Street West",
        "Adelaide Street",
    ),
}
STREETS_FR_ABROAD = {
    "BE": (
        "Rue de la Loi",
        "Avenue Louise",
        "Boulevard Anspach",
        "Rue Neuve",
        "Chaussée de Waterloo",
        "Rue du Marché aux Herbes",
        "Place Saint-Lambert",
    ),
    "CH": (
        "Rue du Rhône",
        "Rue de Lausanne",
        "Quai du Mont-Blanc",
        "Avenue de la Gare",
        "Rue de Bourg",
        "Boulevard Carl-Vogt",
    ),
    "CA": (
        "rue Sainte-Catherine Ouest",
        "boulevard René-Lévesque",
        "rue Saint-Jacques",
        "avenue du Parc",
        "rue Saint-Paul Est",
        "Grande Allée Est",
    ),
}
STREETS_DE = (
    "Hauptstraße",
    "Bahnhofstrasse",
    "Friedrichstraße",
    "Schillerstraße",
    "Goethestraße",
    "Lindenstraße",
    "Marktplatz",
    "Kaiserstraße",
)
STREETS_NL = ("Meir", "Grote Markt", "Korenmarkt", "Frankrijklei", "Veldstraat", "Kouter")


# --- phones -----------------------------------------------------------------------------------

COUNTRY_CODES = {"FR": "33", "BE": "32", "CH": "41", "GB": "44", "US": "1", "CA": "1", "DE": "49"}
#: length of a complete national significant number, per country (landlines)
_NSN_LENGTH = {"FR": 9, "BE": 8, "CH": 9, "GB": 10, "US": 10, "CA": 10, "DE": 10}
_NANP_EXCHANGE_FIRST = "23456789"

#: A phone plan: (prefix of the national significant number, count of free digits after it).
PhonePlan = tuple[tuple[str, int], ...]

#: mobile plans per country; North American mobiles use geographic area codes
MOBILES: dict[str, PhonePlan] = {
    "FR": tuple(
        (p, 7)
        for p in (
            "60",
            "61",
            "62",
            "64",
            "65",
            "66",
            "67",
            "68",
            "73",
            "74",
            "75",
            "76",
            "77",
            "78",
            "79",
        )
    ),
    "BE": tuple((p, 7) for p in ("46", "47", "48", "49")),
    "CH": tuple((p, 7) for p in ("76", "77", "78", "79")),
    "GB": tuple((p, 8) for p in ("74", "75", "78")),
    "US": tuple(
        (a + d, 6) for a in ("212", "646", "415", "617", "312", "512") for d in _NANP_EXCHANGE_FIRST
    ),
    "CA": tuple(
        (a + d, 6) for a in ("514", "438", "416", "647", "418") for d in _NANP_EXCHANGE_FIRST
    ),
    "DE": (("151", 8), ("152", 8), ("160", 7), ("170", 7), ("171", 7), ("176", 8)),
}


def landline_plan(city: City) -> PhonePlan:
    """Landline prefixes of `city` with the free digits that complete each number."""
    prefixes: tuple[str, ...] = city.landlines
    if city.country in ("US", "CA"):  # an exchange never starts with 0 or 1
        prefixes = tuple(a + d for a in prefixes for d in _NANP_EXCHANGE_FIRST)
    length = _NSN_LENGTH[city.country]
    return tuple((p, length - len(p)) for p in prefixes)


def format_phone(country: str, nsn: str, style: int) -> str:
    """The raw form someone would type for the national significant number `nsn`.

    `style` picks among the habits of each country (0..5); every form parses back, with the
    country as default region, to the same number.
    """
    cc = COUNTRY_CODES[country]
    if country == "FR":
        pairs = f"{nsn[1:3]} {nsn[3:5]} {nsn[5:7]} {nsn[7:9]}"
        if style == 0 or style == 5:
            return f"0{nsn[0]} {pairs}"
        if style == 1:
            return f"0{nsn[0]}.{nsn[1:3]}.{nsn[3:5]}.{nsn[5:7]}.{nsn[7:9]}"
        if style == 2:
            return f"0{nsn}"
        if style == 3:
            return f"+33 {nsn[0]} {pairs}"
        return f"+33{nsn}"
    if country == "GB":
        if nsn[0] == "2":
            national = f"0{nsn[:2]} {nsn[2:6]} {nsn[6:]}"
        elif nsn[0] == "1":
            national = f"0{nsn[:3]} {nsn[3:6]} {nsn[6:]}"
        else:
            national = f"0{nsn[:4]} {nsn[4:]}"
        return f"+44 {national[1:]}" if style >= 4 else national
    if country in ("US", "CA"):
        if style <= 2:
            return f"({nsn[:3]}) {nsn[3:6]}-{nsn[6:]}"
        if style == 3:
            return f"{nsn[:3]}-{nsn[3:6]}-{nsn[6:]}"
        return f"+1 {nsn[:3]} {nsn[3:6]} {nsn[6:]}"
    if country == "BE":
        if nsn[0] == "4" and len(nsn) == 9:
            national = f"0{nsn[:3]} {nsn[3:5]} {nsn[5:7]} {nsn[7:]}"
        elif nsn[0] in "2349":
            national = f"0{nsn[0]} {nsn[1:4]} {nsn[4:6]} {nsn[6:]}"
        else:
            national = f"0{nsn[:2]} {nsn[2:4]} {nsn[4:6]} {nsn[6:]}"
        return f"+32 {national[1:]}" if style >= 4 else national
    if country == "CH":
        national = f"0{nsn[:2]} {nsn[2:5]} {nsn[5:7]} {nsn[7:]}"
        return f"+41 {national[1:]}" if style >= 4 else national
    # DE
    split = 3 if nsn[0] == "1" else 2
    national = f"0{nsn[:split]} {nsn[split:]}"
    return f"+{cc} {national[1:]}" if style >= 4 else national


# --- CRM vocabulary ---------------------------------------------------------------------------

#: (French, English) pairs; the generator picks the side matching the record's culture
PRODUCTS = (
    ("Licences logicielles", "Software licences"),
    ("Contrat de maintenance", "Maintenance contract"),
    ("Formation des équipes", "Team training"),
    ("Audit sécurité", "Security audit"),
    ("Migration cloud", "Cloud migration"),
    ("Équipement des bureaux", "Office equipment"),
    ("Accompagnement RGPD", "GDPR compliance"),
    ("Déploiement CRM", "CRM rollout"),
    ("Refonte du site web", "Website redesign"),
    ("Extension du contrat", "Contract extension"),
    ("Flotte de véhicules", "Vehicle fleet"),
    ("Mission de conseil", "Consulting engagement"),
    ("Projet de digitalisation", "Digital transformation"),
    ("Support premium", "Premium support"),
    ("Pack démarrage", "Starter pack"),
    ("Infogérance", "Managed services"),
    ("Téléphonie IP", "VoIP telephony"),
    ("Campagne publicitaire", "Advertising campaign"),
    ("Séminaire annuel", "Annual offsite"),
    ("Renouvellement du parc", "Hardware refresh"),
)
LOST_DETAILS = (
    ("Prix jugé trop élevé face à la concurrence.", "Price too high compared to competitors."),
    ("Projet reporté à l'année prochaine.", "Project postponed to next year."),
    ("Le client a choisi la solution en place.", "Customer kept their current solution."),
    ("Pas de budget validé par la direction.", "No budget approved by management."),
    ("Interlocuteur parti de l'entreprise.", "Our contact left the company."),
    ("Délais de mise en œuvre trop longs.", "Lead time too long."),
)
CONTACT_NOTES = (
    ("Préfère être contacté par e-mail.", "Prefers e-mail."),
    ("Rencontré au salon VivaTech.", "Met at the London Tech Week."),
    ("Décisionnaire pour les achats informatiques.", "Decision maker for IT purchases."),
    ("Disponible le matin uniquement.", "Only available in the mornings."),
    ("Ancien client, à recontacter.", "Former customer, worth re-engaging."),
    ("Assistant : passer par le standard.", "Go through the switchboard."),
    ("Intéressé par la nouvelle offre.", "Interested in the new offer."),
    ("En congés en août.", "On leave in August."),
)
ACTIVITY_SUBJECTS = {
    "call": (
        ("Appel de découverte", "Discovery call"),
        ("Relance devis", "Quote follow-up"),
        ("Point d'avancement", "Progress update"),
        ("Appel de suivi", "Follow-up call"),
        ("Qualification du besoin", "Needs qualification"),
        ("Rappel suite à message vocal", "Returning voicemail"),
        ("Prise de rendez-vous", "Booking a meeting"),
        ("Point mensuel", "Monthly check-in"),
        ("Relance facture impayée", "Unpaid invoice reminder"),
        ("Appel de courtoisie", "Courtesy call"),
    ),
    "email": (
        ("Envoi de la proposition commerciale", "Proposal sent"),
        ("Envoi de la documentation", "Brochure sent"),
        ("Relance après rendez-vous", "Follow-up after meeting"),
        ("Confirmation de commande", "Order confirmation"),
        ("Réponse à la demande d'information", "Reply to information request"),
        ("Envoi du devis", "Quote sent"),
        ("Compte rendu de réunion", "Meeting minutes"),
        ("Invitation au webinaire", "Webinar invitation"),
        ("Envoi du contrat pour signature", "Contract sent for signature"),
    ),
    "meeting": (
        ("Rendez-vous de présentation", "Introductory meeting"),
        ("Démonstration produit", "Product demo"),
        ("Réunion de lancement", "Kick-off meeting"),
        ("Revue trimestrielle", "Quarterly business review"),
        ("Négociation du contrat", "Contract negotiation"),
        ("Visite sur site", "Site visit"),
        ("Déjeuner d'affaires", "Business lunch"),
        ("Atelier de cadrage", "Scoping workshop"),
    ),
    "note": (
        ("Compte rendu d'appel", "Call notes"),
        ("Informations budget", "Budget information"),
        ("Décideur identifié", "Decision maker identified"),
        ("Préférences de contact", "Contact preferences"),
        ("Notes de réunion", "Meeting notes"),
        ("Concurrent en place", "Incumbent competitor"),
    ),
    "task": (
        ("Préparer la proposition", "Prepare the proposal"),
        ("Envoyer le devis", "Send the quote"),
        ("Relancer le client", "Chase the customer"),
        ("Mettre à jour la fiche", "Update the record"),
        ("Planifier une démo", "Schedule a demo"),
        ("Vérifier le paiement", "Check payment"),
        ("Préparer le contrat", "Draft the contract"),
        ("Organiser la visite", "Organise the visit"),
    ),
}
#: subjects of what customers send or ring about (inbound e-mails and calls)
INBOUND_SUBJECTS = {
    "call": (
        ("Demande de rappel", "Callback request"),
        ("Question sur la facture", "Invoice question"),
        ("Demande de devis", "Quote request"),
        ("Appel entrant : délais de livraison", "Inbound call: delivery times"),
        ("Réclamation téléphonique", "Complaint by phone"),
    ),
    "email": (
        ("Demande d'information", "Information request"),
        ("Réponse à notre proposition", "Reply to our proposal"),
        ("Question sur le contrat", "Question about the contract"),
        ("Bon de commande reçu", "Purchase order received"),
        ("Demande de rendez-vous", "Meeting request"),
    ),
}
ACTIVITY_BODIES = (
    (
        "Client intéressé, attend la validation de sa direction.",
        "Interested, waiting for sign-off from management.",
    ),
    ("Budget prévu pour le troisième trimestre.", "Budget planned for Q3."),
    ("Rappeler la semaine prochaine.", "Call back next week."),
    ("A demandé une remise de 10 %.", "Asked for a 10% discount."),
    ("Souhaite une démonstration avec son équipe.", "Wants a demo with the team."),
    ("Pas joignable, message laissé.", "No answer, left a message."),
    ("Compare avec deux autres fournisseurs.", "Comparing with two other vendors."),
    ("Très satisfait du dernier projet.", "Very happy with the last project."),
    ("Délai de paiement à 45 jours fin de mois.", "Payment terms: 45 days end of month."),
    ("Envoyer les conditions générales à jour.", "Send the updated terms and conditions."),
)
CASE_SUBJECTS = (
    ("Problème de connexion au portail", "Cannot log in to the portal"),
    ("Facture erronée", "Incorrect invoice"),
    ("Demande de remboursement", "Refund request"),
    ("Retard de livraison", "Late delivery"),
    ("Produit défectueux", "Defective product"),
    ("Question sur le contrat", "Question about the contract"),
    ("Mise à jour impossible", "Update fails"),
    ("Mot de passe oublié", "Forgotten password"),
    ("Erreur lors de l'export", "Export error"),
    ("Changement d'adresse de facturation", "Billing address change"),
    ("Ajout d'un accès utilisateur", "Add a user account"),
    ("Lenteur de l'application", "Application is slow"),
    ("Colis endommagé", "Damaged parcel"),
    ("Réclamation sur la prestation", "Complaint about the service"),
    ("Demande de devis complémentaire", "Request for an additional quote"),
)
CASE_DESCRIPTIONS = (
    ("Le client signale le problème depuis ce matin.", "Customer reports it since this morning."),
    ("Capture d'écran jointe au message.", "Screenshot attached to the e-mail."),
    ("Problème récurrent, deuxième signalement.", "Recurring issue, reported twice."),
    ("Urgent : bloque la facturation du mois.", "Urgent: blocks this month's invoicing."),
)
TRADE_SHOWS = (
    "VivaTech",
    "Salon des Entrepreneurs",
    "SIDO",
    "Big Data & AI Paris",
    "Salon du Made in France",
    "Web Summit",
    "Tech Show London",
    "CES",
)
MONTHS = {
    "fr": (
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}
SEASONS = {
    "fr": ("d'hiver", "de printemps", "d'été", "d'automne"),
    "en": ("Winter", "Spring", "Summer", "Autumn"),
}
WEBINAR_TOPICS = {
    "fr": (
        "bien démarrer avec le CRM",
        "piloter son pipeline",
        "RGPD et prospection",
        "automatiser ses relances",
        "tableaux de bord commerciaux",
    ),
    "en": (
        "getting started with the CRM",
        "managing your pipeline",
        "GDPR and prospecting",
        "automating follow-ups",
        "sales dashboards",
    ),
}
CAMPAIGN_DESCRIPTIONS = {
    "fr": (
        "Cible : clients et prospects actifs.",
        "Relance des contacts sans activité depuis 6 mois.",
        "Lancement de la nouvelle offre.",
        None,
        None,
    ),
    "en": (
        "Audience: active customers and prospects.",
        "Re-engage contacts idle for 6 months.",
        "New offer launch.",
        None,
        None,
    ),
}

#: The "us" of the sample data: our sales and support people.
OUR_DOMAIN = "horizon-solutions.fr"
TEAMS = {
    "fr": ("Ventes Île-de-France", "Ventes Régions", "Service client"),
    "en": ("Sales North", "Sales South", "Customer Success"),
}
TAGS = {
    # (name, colour, key) — keys let the generator decide which records get which tag
    "fr": (
        ("VIP", "#d4a017", "vip"),
        ("Partenaire", "#2e7d32", "partner"),
        ("Newsletter", "#1565c0", "newsletter"),
        ("À relancer", "#e65100", "follow_up"),
        ("Client historique", "#6a1b9a", "loyal"),
        ("Prospect chaud", "#c62828", "hot"),
    ),
    "en": (
        ("VIP", "#d4a017", "vip"),
        ("Partner", "#2e7d32", "partner"),
        ("Newsletter", "#1565c0", "newsletter"),
        ("Follow up", "#e65100", "follow_up"),
        ("Key account", "#6a1b9a", "loyal"),
        ("Hot prospect", "#c62828", "hot"),
    ),
}
SEGMENTS = {
    "fr": ("TPE", "PME", "ETI", "Grand compte"),
    "en": ("Micro", "SMB", "Mid-market", "Enterprise"),
}
#: (record_type, key, field_type, decimals, label fr, label en)
CUSTOM_FIELDS = (
    ("account", "segment", "choice", 0, "Segment", "Segment"),
    ("account", "number_of_sites", "number", 0, "Nombre de sites", "Number of sites"),
    ("account", "framework_agreement", "bool", 0, "Contrat cadre", "Framework agreement"),
    ("contact", "birth_date", "date", 0, "Date de naissance", "Date of birth"),
    ("opportunity", "discount_percent", "number", 1, "Remise (%)", "Discount (%)"),
)
RENEWALS = {
    "fr": (
        "Renouvellements",
        (
            ("À renouveler", 30, "open", 30),
            ("En discussion", 60, "open", 21),
            ("Renouvelé", 100, "won", None),
            ("Résilié", 0, "lost", None),
        ),
    ),
    "en": (
        "Renewals",
        (
            ("Up for renewal", 30, "open", 30),
            ("In discussion", 60, "open", 21),
            ("Renewed", 100, "won", None),
            ("Churned", 0, "lost", None),
        ),
    ),
}
