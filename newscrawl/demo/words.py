"""Word lists the demo site's prose is generated from. All places, people and firms are invented."""

from __future__ import annotations

SITE_NAME = "The Loopback Ledger"

SECTIONS: dict[str, str] = {"world": "World", "business": "Business", "science": "Science", "culture": "Culture"}

FIRST_NAMES = (
    "Amara",
    "Bastian",
    "Celine",
    "Dorian",
    "Elsa",
    "Felix",
    "Greta",
    "Hugo",
    "Ilse",
    "Jonas",
    "Katrin",
    "Lionel",
    "Marta",
    "Nikolai",
    "Odile",
    "Pavel",
    "Quentin",
    "Rosa",
    "Sven",
    "Talia",
    "Ulrich",
    "Vera",
    "Wendell",
    "Yara",
    "Zofia",
    "Anton",
    "Beatrix",
    "Cyrus",
    "Dagny",
    "Emil",
)
LAST_NAMES = (
    "Ashgrove",
    "Brennick",
    "Calloway",
    "Dunmore",
    "Eskeland",
    "Fairweather",
    "Galbraith",
    "Hollins",
    "Ivarsson",
    "Jessop",
    "Kestrel",
    "Lindqvist",
    "Marlowe",
    "Northcott",
    "Okonkwo",
    "Pellham",
    "Quarrie",
    "Rowntree",
    "Stavros",
    "Thornbury",
    "Underhill",
    "Vasquez",
    "Whitlock",
    "Yardley",
    "Zellner",
    "Abernathy",
    "Bramwell",
    "Castellan",
    "Delacroix",
    "Everly",
)

# Desk roles: every word in them is one the byline splitter knows as a role word, not a name.
ROLES: dict[str, tuple[str, ...]] = {
    "world": ("Foreign Correspondent", "Political Editor", "Senior Reporter"),
    "business": ("Business Editor", "Economics Correspondent", "Business Reporter"),
    "science": ("Science Correspondent", "Health Reporter", "Science Editor"),
    "culture": ("Culture Writer", "Culture Editor", "Senior Culture Correspondent"),
}
BEATS: dict[str, tuple[str, ...]] = {
    "world": ("regional diplomacy", "elections and parliaments", "border and trade disputes", "humanitarian affairs"),
    "business": ("markets and banking", "energy firms", "retail and consumer spending", "shipping and logistics"),
    "science": ("climate research", "public health", "space and astronomy", "marine biology"),
    "culture": ("film and theatre", "books and publishing", "music festivals", "museums and galleries"),
}
PREVIOUS_PAPERS = ("the Harrowgate Courier", "the Eastmarch Post", "Northern Lantern Radio", "the Valmont Evening Star")

# Wire agencies a byline may credit, in parentheses after the names or alone. Only the credit line
# names them: the stories themselves are invented, as the site's footer says.
AGENCIES = ("Reuters", "AFP", "dpa")

COUNTRIES = (
    "Valdoria",
    "Estmark",
    "Corvania",
    "Lusitera",
    "Norland",
    "Ardesia",
    "Kalvaro",
    "Ostravia",
    "Belmora",
    "Tessaly",
    "Quorin",
    "Santerre",
)
CITIES = (
    "Port Emmerich",
    "Halvard",
    "Sarnow",
    "Belcaster",
    "Vintra",
    "Oskarsby",
    "Marlen Bay",
    "Dravik",
    "Teshmoor",
    "Callow Cross",
    "Rivenholm",
    "Asterby",
    "Lindhaven",
    "Corbel",
    "Westmere",
    "Fennick",
)
REGIONS = ("the Kessel Basin", "the Amber Coast", "the northern highlands", "the Tarrow delta", "the Serin valley")

COMPANIES = (
    "Halvard Steelworks",
    "Brightwater Energy",
    "Corvane Logistics",
    "Norland Mutual",
    "Pellham Foods",
    "Asterby Motors",
    "Kestrel Airways",
    "Lindhaven Telecom",
    "Ostrava Mining",
    "Fenwick Pharmaceuticals",
    "Marlen Shipping",
    "Quorin Textiles",
    "Tessaly Bank",
    "Vintra Retail Group",
    "Dravik Semiconductors",
)
INSTITUTES = (
    "the Rivenholm Institute",
    "the University of Sarnow",
    "the Belcaster Observatory",
    "the Amber Coast Marine Station",
    "the Halvard Medical School",
    "the Teshmoor Climate Lab",
    "the Westmere Academy of Sciences",
)
VENUES = (
    "the Corbel Playhouse",
    "the Lindhaven Concert Hall",
    "the Asterby Gallery of Modern Art",
    "the Fennick Book Fair",
    "the Marlen Bay Film Festival",
    "the Old Granary Theatre",
    "the Vintra Opera House",
)

TOPICS: dict[str, tuple[str, ...]] = {
    "world": (
        "water rights",
        "fishing quotas",
        "a border crossing",
        "election reform",
        "refugee housing",
        "a ceasefire plan",
        "port access",
        "a customs union",
        "rail links",
        "press freedom",
        "coalition talks",
        "minority languages",
        "emergency aid",
        "grain exports",
        "visa rules",
    ),
    "business": (
        "interest rates",
        "quarterly earnings",
        "a merger bid",
        "wage talks",
        "shipping costs",
        "energy prices",
        "factory output",
        "a bond sale",
        "consumer credit",
        "chip supplies",
        "rent controls",
        "pension funds",
        "a takeover offer",
        "airline fares",
        "export orders",
    ),
    "science": (
        "coral bleaching",
        "a new antibiotic",
        "glacier melt",
        "bird migration",
        "a comet flyby",
        "soil bacteria",
        "sleep research",
        "battery chemistry",
        "deep-sea vents",
        "a vaccine trial",
        "river pollution",
        "pollinator decline",
        "exoplanet atmospheres",
        "ancient seeds",
        "heat waves",
    ),
    "culture": (
        "a restored silent film",
        "a debut novel",
        "folk music archives",
        "a touring exhibition",
        "street murals",
        "a jazz revival",
        "theatre funding",
        "a poetry prize",
        "museum loans",
        "a dance premiere",
        "radio drama",
        "a rediscovered manuscript",
        "village choirs",
        "a comic festival",
        "an opera staging",
    ),
}

TAGS: dict[str, tuple[str, ...]] = {
    "world": ("Diplomacy", "Elections", "Migration", "Trade", "Human rights", "Regional security", "Aid"),
    "business": ("Markets", "Banking", "Energy", "Jobs", "Housing", "Technology", "Transport"),
    "science": ("Climate", "Health", "Space", "Oceans", "Wildlife", "Research funding", "Energy"),
    "culture": ("Film", "Books", "Music", "Theatre", "Art", "Heritage", "Festivals"),
}

HEADLINES: dict[str, tuple[str, ...]] = {
    "world": (
        "{country} and {country2} agree to reopen talks on {topic}",
        "{country} parliament votes on {topic} after weeks of protest",
        "Talks over {topic} stall in {city} as deadline nears",
        "{city} mayor calls for calm in dispute over {topic}",
        "Neighbours watch {country} closely as debate on {topic} heats up",
        "{country} signs deal with {country2} on {topic}",
        "Observers say {country} vote on {topic} was orderly",
        "Why {topic} has become the defining issue in {country}",
        "Envoys from {country} and {country2} meet in {city} over {topic}",
        "{country} opposition demands inquiry into {topic}",
    ),
    "business": (
        "{company} shares slide as investors weigh {topic}",
        "{company} raises outlook despite worries over {topic}",
        "{company} to cut jobs in {city} amid pressure from {topic}",
        "Regulators in {country} open review of {company} over {topic}",
        "{company} bets on {city} expansion as {topic} eases",
        "Small firms in {country} feel the squeeze from {topic}",
        "{company} chief defends strategy on {topic}",
        "Markets in {country} rally on hopes for {topic}",
        "{company} and {company2} in talks as {topic} reshapes the sector",
        "What {topic} means for households in {country}",
    ),
    "science": (
        "Researchers at {institute} report surprising results on {topic}",
        "Study links {topic} to changes across {region}",
        "Scientists in {city} track {topic} with new instruments",
        "{institute} launches decade-long project on {topic}",
        "Field team in {region} finds fresh evidence on {topic}",
        "New data on {topic} challenges old assumptions",
        "How {institute} is rethinking {topic}",
        "Funding boost for work on {topic} in {country}",
        "Volunteers help map {topic} along {region}",
        "Early findings on {topic} prompt calls for caution",
    ),
    "culture": (
        "{venue} celebrates {topic} with a sold-out season",
        "Critics praise {topic} at {venue}",
        "{city} turns out for {topic}",
        "Behind the scenes of {topic} in {city}",
        "{venue} bets on {topic} to win back audiences",
        "A quiet triumph: {topic} returns to {city}",
        "Young artists in {country} rediscover {topic}",
        "{venue} unveils plans for {topic}",
        "Why {topic} has {city} talking",
        "The long road to {topic} at {venue}",
    ),
}

STANDFIRSTS = (
    "The decision on {topic} follows months of debate in {place}, and its effects will be felt well beyond it.",
    "People in {place} are divided over {topic}, and both sides say the coming weeks will be decisive.",
    "A closer look at {topic} shows how much has changed in {place} over the past year.",
    "Supporters call it overdue, critics call it rushed: {topic} is back at the centre of attention in {place}.",
    "What began as a local argument about {topic} has drawn interest from across {place}.",
    "The latest figures on {topic} surprised even those who follow {place} most closely.",
)

SENTENCES = (
    "Officials in {place} said {ref} would be reviewed again before the end of the {period}.",
    "The debate over {ref} has dragged on for {number} months, with little sign of a compromise.",
    "Several groups in {place} argued that {topic} deserved far more attention than it had received.",
    "{person} who has followed {topic} for years, described the mood as {mood}.",
    "According to figures published last {weekday}, interest in {topic} rose by about {number} per cent.",
    "Critics warned that the proposals were rushed and poorly explained to the public.",
    "Others pointed out that {place} had faced similar questions about {ref} a decade ago.",
    "The next meeting is scheduled for the {period} after next, organisers said.",
    "A spokesperson for {org} declined to comment on the details but said talks were continuing.",
    "For many residents of {place}, {topic} is less an abstract issue than a matter of daily routine.",
    "Local newspapers in {place} have covered {ref} almost every day since the spring.",
    "Those involved say the work is slow, careful and often frustrating.",
    "There were {number} separate proposals on the table, and none of them won a clear majority.",
    "The mood at the meeting was {mood}, according to two people who attended.",
    "“We have to be honest about {ref},” said {person}. “Nobody has all the answers yet.”",
    "“This is not the end of the story,” {person} told reporters in {place} on {weekday}.",
    "Independent experts said the evidence was still thin and needed more study.",
    "The cost of the work is estimated at {number} million crowns over five years.",
    "In {place}, the reaction was {mood}, with some welcoming the move and others staying cautious.",
    "{org} has promised to publish a full account of its work by the end of the {period}.",
    "Younger people in {place} appear to care most about {topic}, a recent survey suggested.",
    "The history of {topic} in {place} goes back at least {number} years.",
    "Some of the strongest support came from small towns outside {place}.",
    "It remains unclear how the changes will be paid for.",
    "{person} said the first results would be shared with the public in the {period} ahead.",
    "Attendance at public hearings in {place} has roughly doubled since the start of the year.",
    "A draft report seen by the Ledger lists {number} recommendations, most of them modest.",
    "Not everyone is convinced that the timing is right.",
    "The figures vary widely from one district of {place} to the next.",
    "“People want to see something change, and they want to see it soon,” said {person}.",
    "A similar effort in {city2} was abandoned after {number} months, a fact opponents are quick to mention.",
    "Supporters insist that the benefits will outweigh the costs within a few years.",
    "On {weekday}, a small crowd gathered in the rain to hear the first presentation.",
    "The proposal now goes to a committee, which is expected to report in the {period} ahead.",
    "Much depends on whether {org} keeps its promises, observers said.",
    "In private, several officials admit that the schedule is optimistic.",
)

MOODS = (
    "cautiously hopeful",
    "tense",
    "unusually calm",
    "sharply divided",
    "quietly optimistic",
    "frustrated",
    "more upbeat than expected",
    "uncertain",
    "determined",
    "weary",
)
PERIODS = ("month", "quarter", "season", "year")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
PERSON_DESCRIPTIONS = (
    "a local councillor",
    "a retired engineer",
    "a researcher at {institute}",
    "a shop owner in {city}",
    "an adviser to the government of {country}",
    "a union representative",
    "a spokesperson for {company}",
    "a teacher in {city}",
)

SUBHEADINGS = (
    "What comes next",
    "A long road",
    "The numbers behind it",
    "Reaction in {place}",
    "Questions remain",
    "Pressure from all sides",
    "Looking back",
    "A divided response",
    "The view from {place}",
    "Cost and consequence",
)

CAPTIONS = (
    "Morning light over the harbour in {city}, where the debate began",
    "Visitors gather outside a public building in {city} earlier this {period}",
    "A view across {region} in late afternoon",
    "Crowds fill a square in {city} during a weekend event",
    "Equipment laid out on a workbench ahead of the first tests",
)
PHOTOGRAPHERS = ("Lena Halloran", "Mateo Brisk", "Ines Corvel", "Ruben Astley")

COMMENT_HANDLES = ("harbourwatcher", "old_tram_fan", "k.lindqvist", "quietreader", "nightowl42", "sarnow_local")
COMMENTS = (
    "Good piece, though I would have liked more detail on the costs.",
    "I live near {city} and this matches what people are saying here.",
    "The article is fair, but the headline oversells it a little.",
    "Thanks for covering this. Nobody else seems to.",
    "I remember the same argument ten years ago. Nothing changes.",
    "Would be great to see a follow-up in a few months.",
)

CORRECTIONS = (
    "Correction: An earlier version of this article gave the wrong date for the meeting in {place}. It has been amended.",
    "Correction: An earlier version of this article misspelled the name of {org}. This has been corrected.",
    "Correction: This article originally misstated a figure on {topic}. The text has been updated.",
)
