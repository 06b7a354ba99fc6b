"""Write the demo corpus's generated documents: PDF reports, Word memos and one cp1252 page.

The texts are written for this project from the facts in
``../shared/facts/regional-pages.md`` (see ``corpus/SOURCES.md`` for the rows
behind each file). They are summaries and memos in our own words, not copies of
the original publications.

Output is deterministic: fixed PDF creation dates, fixed Word core properties
and fixed zip timestamps, so re-running the script gives byte-identical files.

Examples:

    .venv/bin/python scripts/make_demo_documents.py
    .venv/bin/python scripts/make_demo_documents.py --out /tmp/corpus
"""

from __future__ import annotations

import argparse
import io
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import docx
from docx.shared import Pt
from fpdf import FPDF
from fpdf.outline import OutlineSection

# A block is a paragraph (str) or a bulleted list (tuple of str).
Block = str | tuple[str, ...]

NOTICE = (
    "Sammandrag skrivet för kunskapsbankens demokorpus utifrån offentliga uppgifter om "
    "publikationen. Det är inte originalpublikationen."
)


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Report:
    """A multi-page PDF report summary."""

    path: str
    title: str
    subtitle: str
    organisation: str
    cover_lines: tuple[str, ...]
    created: datetime
    keywords: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Memo:
    """A Word memo (PM) with a date line and a contact or signature line."""

    path: str
    title: str
    organisation: str
    header_lines: tuple[str, ...]
    created: datetime
    keywords: str
    sections: tuple[Section, ...]
    closing_lines: tuple[str, ...]


def day(year: int, month: int = 1, date: int = 1) -> datetime:
    # Reports whose facts give only a year (or month) are dated to its first day.
    return datetime(year, month, date, 9, 0, 0, tzinfo=UTC)


# --------------------------------------------------------------------------
# PDF reports
# --------------------------------------------------------------------------

REPORTS: tuple[Report, ...] = (
    Report(
        path="tillvaxtverket/rapport-0359_ramboll-utvardering-2018-2020.pdf",
        title="Att stödja och främja det regionala kompetensförsörjningsarbetet",
        subtitle="Rambolls utvärdering av Tillväxtverkets uppdrag 2018–2020 – sammandrag",
        organisation="Tillväxtverket",
        cover_lines=(
            "Rapport 0359",
            "ISBN 978-91-88961-96-9",
            "Utgiven 2021",
            "Utvärderare: Ramboll",
        ),
        created=day(2021),
        keywords=("kompetensförsörjning, utvärdering, Ramboll, regionalt utvecklingsansvar, långsiktig styrning"),
        sections=(
            Section(
                "Om rapporten",
                (
                    "Rapporten Att stödja och främja det regionala kompetensförsörjningsarbetet "
                    "gavs ut av Tillväxtverket 2021 i serien Rapport, med nummer 0359 och ISBN "
                    "978-91-88961-96-9. Den redovisar den utvärdering som konsultföretaget "
                    "Ramboll har gjort av Tillväxtverkets uppdrag att stödja regionernas arbete "
                    "med kompetensförsörjning under perioden 2018–2020.",
                    "Uppdraget för 2018–2020 omfattade 80 miljoner kronor. Medlen skulle stödja "
                    "det regionala kompetensförsörjningsarbetet, särskilt regionernas arbete med "
                    "analyser och prognoser. Regionerna erbjöds sin del av uppdraget genom "
                    "villkorsbeslut från Tillväxtverket, omkring 1,8 miljoner kronor per region.",
                    "Det här dokumentet sammanfattar vad rapporten handlar om och sätter in den i "
                    "sitt sammanhang. Det återger inte rapportens analyser i detalj.",
                ),
            ),
            Section(
                "Bakgrund: statens uppdrag till regionerna",
                (
                    "Det regionala arbetet med kompetensförsörjning har byggts upp i flera steg, "
                    "i huvudsak genom tidsbegränsade regeringsuppdrag:",
                    (
                        "2010–2012: regionerna etablerade regionala kompetensplattformar, "
                        "strukturer för samverkan kring kompetensförsörjning och "
                        "utbildningsplanering.",
                        "2013–2017: plattformarna stärktes. Omkring 40 regionala "
                        "utvecklingsprojekt fick stöd från Tillväxtverket, som finansierade upp "
                        "till 50 procent, sammanlagt 60 miljoner kronor.",
                        "2016: regeringen gav Tillväxtverket i uppdrag att, tillsammans med "
                        "Arbetsförmedlingen, Myndigheten för yrkeshögskolan och Skolverket, "
                        "föreslå riktlinjer för det regionala kompetensförsörjningsarbetet.",
                        "2018–2020: uppdraget att stödja och främja regionernas arbete, som utvärderas i rapporten.",
                    ),
                    "Sedan den 1 januari 2019 har samtliga 21 regioner det regionala "
                    "utvecklingsansvaret i sina län. Därmed har alla län en region som ansvarar "
                    "för den regionala utvecklingsstrategin, och kompetensförsörjning är en av de "
                    "frågor som ingår.",
                ),
            ),
            Section(
                "Regionernas grunduppdrag",
                (
                    "Regionernas grundläggande uppgift inom kompetensförsörjning består av två "
                    "delar. Den första är att ta fram analyser och prognoser över utbud och "
                    "efterfrågan på kompetens i länet. Den andra är att föra dialog med "
                    "utbildningsanordnare, arbetsgivare, kommuner och myndigheter och att lämna "
                    "förslag på hur utbildningsutbudet och andra insatser kan utvecklas.",
                    "Regionerna beslutar alltså inte själva om utbildningarnas omfattning. Deras "
                    "roll är att ta fram kunskap och att samla de aktörer som fattar besluten. "
                    "Det gör att arbetet i hög grad bygger på förtroende och samverkan.",
                ),
            ),
            Section(
                "Vad en utvärdering av ett regeringsuppdrag belyser",
                (
                    "En utvärdering av ett statligt uppdrag av det här slaget brukar belysa flera "
                    "frågor: om uppdraget svarar mot de behov som finns, hur det har genomförts, "
                    "vilka resultat det har gett och vilka förutsättningar som har påverkat "
                    "arbetet. För ett uppdrag som riktar sig till många regioner är det också "
                    "intressant hur arbetet har skilt sig mellan regionerna och vad de kan lära "
                    "av varandra.",
                    "Utvärderingar används både av regeringen, som underlag för nya beslut, och "
                    "av de myndigheter och regioner som genomför arbetet, som underlag för att "
                    "utveckla det.",
                ),
            ),
            Section(
                "Behov av långsiktig styrning",
                (
                    "En av rapportens slutsatser är att det regionala "
                    "kompetensförsörjningsarbetet behöver en mer långsiktig styrning.",
                    "Frågan om långsiktighet har också drivits av regionerna själva. Västra "
                    "Götalandsregionen har i sitt påverkansarbete framhållit att regionerna "
                    "saknar mandat över utbildningarnas dimensionering, att de statliga uppdragen "
                    "har varit ettåriga och att det har varit osäkert om uppdraget skulle finnas "
                    "kvar efter 2020. Regionen har därför föreslagit att uppgiften skrivs in i "
                    "lagen (2010:639) om regionalt utvecklingsarbete.",
                    "Med långsiktig styrning avses i allmänhet att uppdrag, finansiering och "
                    "ansvarsfördelning är kända för flera år i taget. Det gör det lättare att "
                    "bygga upp kompetens hos regionerna, behålla personal och planera samverkan "
                    "med andra aktörer.",
                ),
            ),
            Section(
                "Begrepp",
                (
                    (
                        "Analys och prognos: en beskrivning av hur utbud och efterfrågan på "
                        "kompetens ser ut i dag och en bedömning av hur de kan utvecklas. "
                        "Prognoser är osäkra och används bäst som underlag för samtal, inte som "
                        "exakta svar.",
                        "Kompetensplattform: en struktur för samverkan kring kompetensförsörjning "
                        "och utbildningsplanering i ett län.",
                        "Regionalt utvecklingsansvar: ansvaret för att ta fram en regional "
                        "utvecklingsstrategi och samordna insatser för länets utveckling. Sedan "
                        "2019 har alla 21 regioner ansvaret.",
                        "Villkorsbeslut: ett beslut om medel som gäller under förutsättning att "
                        "mottagaren accepterar de villkor som anges.",
                        "Dimensionering: beslut om hur många utbildningsplatser som ska finnas "
                        "inom olika utbildningar.",
                    ),
                ),
            ),
            Section(
                "Om publikationen",
                (
                    (
                        "Titel: Att stödja och främja det regionala kompetensförsörjningsarbetet",
                        "Utgivare: Tillväxtverket",
                        "Serie och nummer: Rapport 0359",
                        "ISBN: 978-91-88961-96-9",
                        "Utgivningsår: 2021",
                        "Utvärderare: Ramboll",
                        "Källa: "
                        "https://tillvaxtverket.se/tillvaxtverket/publikationer/publikationer2021/"
                        "attstodjaochframjadetregionalakompetensforsorjningsarbetet.1399.html",
                    ),
                ),
            ),
        ),
    ),
    Report(
        path="tillvaxtverket/info-0676_regionala-kompetensplattformar_2017-02-16.pdf",
        title="Regionala kompetensplattformar",
        subtitle="Översikt över plattformarnas utvecklingsprojekt 2013–2017 – sammandrag",
        organisation="Tillväxtverket",
        cover_lines=(
            "Info 0676",
            "ISBN 978-91-88601-08-7",
            "Publicerad 2017-02-16",
        ),
        created=day(2017, 2, 16),
        keywords=("regionala kompetensplattformar, utvecklingsprojekt, 2013-2017, medfinansiering"),
        sections=(
            Section(
                "Om publikationen",
                (
                    "Regionala kompetensplattformar är en publikation i Tillväxtverkets serie "
                    "Info, med nummer 0676 och ISBN 978-91-88601-08-7. Den publicerades den 16 "
                    "februari 2017 och ger en översikt över de projekt som regionerna genomförde "
                    "för att utveckla sina kompetensplattformar under perioden 2013–2017.",
                    "Det här sammandraget beskriver publikationens ämne och sammanhang. "
                    "Projektens innehåll återges inte i detalj.",
                ),
            ),
            Section(
                "Vad är en regional kompetensplattform?",
                (
                    "En regional kompetensplattform är en struktur för samverkan kring "
                    "kompetensförsörjning och utbildningsplanering i ett län. I plattformen möts "
                    "de aktörer som påverkar tillgången på kompetens: regionen, kommunerna, "
                    "utbildningsanordnare, arbetsgivare och statliga myndigheter. Tanken är att "
                    "de tillsammans ska få en gemensam bild av vilka behov som finns och samordna "
                    "sina insatser.",
                    "En plattform är alltså inte en organisation med egna beslutsbefogenheter "
                    "över utbildningar. Den är ett arbetssätt och en mötesplats, som bygger på "
                    "att parterna ser ett värde i att samarbeta.",
                ),
            ),
            Section(
                "Etableringen 2010–2012",
                (
                    "Kompetensplattformarna skapades under åren 2010–2012 på uppdrag av "
                    "regeringen. Under de åren byggde regionerna upp strukturer, knöt kontakter "
                    "med samverkansparterna och tog de första stegen mot gemensamma analyser av "
                    "kompetensbehoven. Hur plattformarna organiserades skilde sig mellan länen, "
                    "bland annat beroende på länens storlek och hur samverkan mellan kommunerna "
                    "redan var ordnad.",
                ),
            ),
            Section(
                "Utvecklingsprojekten 2013–2017",
                (
                    "När plattformarna väl fanns behövde arbetet fördjupas. Under perioden "
                    "2013–2017 kunde regionerna söka stöd från Tillväxtverket för projekt som "
                    "utvecklade plattformarnas arbete. Omkring 40 regionala projekt genomfördes.",
                    (
                        "Tillväxtverket finansierade upp till 50 procent av projektens kostnader.",
                        "Resten finansierades av regionerna och deras samverkansparter.",
                        "Tillväxtverkets stöd uppgick sammanlagt till 60 miljoner kronor.",
                    ),
                    "Genom kravet på medfinansiering blev projekten en gemensam angelägenhet för "
                    "staten och regionerna, och regionerna behövde själva prioritera vilka delar "
                    "av plattformsarbetet som skulle utvecklas.",
                ),
            ),
            Section(
                "Vad utvecklingsarbete i en plattform kan handla om",
                (
                    "Utvecklingsarbete i en kompetensplattform kan till exempel handla om att "
                    "förbättra analyser och prognoser över utbud och efterfrågan på kompetens, "
                    "att utveckla samverkan med kommuner och näringsliv, att sprida kunskap om "
                    "kompetensbehov till utbildningsanordnare eller att pröva nya former för "
                    "dialog mellan utbildning och arbetsliv. Publikationen ger en översikt över "
                    "vad regionerna valde att arbeta med.",
                ),
            ),
            Section(
                "Medfinansiering som arbetssätt",
                (
                    "Att staten bara står för en del av kostnaden i ett utvecklingsprojekt är ett "
                    "vanligt sätt att stödja regionalt utvecklingsarbete. Medfinansieringen visar "
                    "att projektet är prioriterat av dem som ska genomföra det, och den gör att "
                    "fler parter får ett ansvar för att arbetet lever vidare när projektet är "
                    "slut. Samtidigt kan kravet på egen finansiering göra det svårare för "
                    "regioner med små resurser att delta fullt ut.",
                    "För kompetensplattformarna innebar ordningen att regionerna och deras "
                    "samverkansparter behövde avsätta egna medel och egen personal. Projekten "
                    "blev därmed en del av regionernas ordinarie planering och inte enbart ett "
                    "statligt initiativ.",
                ),
            ),
            Section(
                "Vad som händer efter projekten",
                (
                    "Ett utvecklingsprojekt är tidsbegränsat, men plattformsarbetet är tänkt att "
                    "vara långsiktigt. En återkommande fråga i regionalt utvecklingsarbete är "
                    "därför hur arbetssätt som har prövats i projekt kan föras över till "
                    "ordinarie verksamhet. Efter perioden 2013–2017 fortsatte det statliga stödet "
                    "till regionernas kompetensförsörjningsarbete genom ett nytt uppdrag för "
                    "2018–2020.",
                ),
            ),
            Section(
                "Om publikationen",
                (
                    (
                        "Titel: Regionala kompetensplattformar",
                        "Utgivare: Tillväxtverket",
                        "Serie och nummer: Info 0676",
                        "ISBN: 978-91-88601-08-7",
                        "Publicerad: 2017-02-16",
                        "Källa: "
                        "https://tillvaxtverket.se/vara-tjanster/publikationer/publikationer-2017/"
                        "2017-02-16-regionala-kompetensplattformar.html",
                    ),
                ),
            ),
        ),
    ),
    Report(
        path="grundtviginstitutet/kompetensplattformen-i-fyrbodal_granskning-etableringsfasen.pdf",
        title="Kompetensplattformen i Fyrbodal – en granskning av etableringsfasen",
        subtitle="Sammandrag av Grundtviginstitutets skriftserie nr 13",
        organisation="Grundtviginstitutet, Göteborgs universitet",
        cover_lines=(
            "Skriftserie nr 13",
            "Författare: Gunilla Bergström Casinowsky",
            "Granskad period: 2010–2012",
        ),
        created=day(2012),
        keywords=("Fyrbodal, kompetensplattform, etableringsfas, granskning, Grundtviginstitutet"),
        sections=(
            Section(
                "Om rapporten",
                (
                    "Kompetensplattformen i Fyrbodal – en granskning av etableringsfasen är "
                    "nummer 13 i Grundtviginstitutets skriftserie vid Göteborgs universitet. "
                    "Rapporten är skriven av Gunilla Bergström Casinowsky och behandlar åren "
                    "2010–2012, då kompetensplattformen i Fyrbodal byggdes upp.",
                    "Författare: Gunilla Bergström Casinowsky",
                    "Det här sammandraget beskriver rapportens ämne och sammanhang. Rapportens "
                    "iakttagelser och slutsatser återges inte här.",
                ),
            ),
            Section(
                "Bakgrund: kompetensplattformar i Västra Götaland",
                (
                    "År 2010 fick regionerna i uppdrag av regeringen att etablera regionala "
                    "kompetensplattformar. I Västra Götaland hade Västra Götalandsregionen redan "
                    "i december 2009 bildat Kompetensplattform Västra Götaland tillsammans med "
                    "länets fyra kommunalförbund: Fyrbodal, Göteborgsregionen, Sjuhärad och "
                    "Skaraborg. Arbetet bedrivs i hög grad delregionalt, och i varje delregion "
                    "har kommunalförbundet en central roll.",
                    "Regionfullmäktige i Västra Götalandsregionen godkände den 29 november 2011 "
                    "en handlingsplan för Kompetensplattform Västra Götaland.",
                ),
            ),
            Section(
                "Fyrbodal som delregion",
                (
                    "Fyrbodals kommunalförbund bildades 2005 och samlar 14 kommuner i Dalsland, "
                    "norra Bohuslän och nordvästra Västergötland. Förbundet är ett av de fyra "
                    "kommunalförbunden i Västra Götaland och ansvarar för det delregionala "
                    "arbetet med kompetensplattformen i Fyrbodal.",
                    "En delregion med många kommuner av olika storlek ställer särskilda krav på "
                    "samverkan. Frågor om utbildning och arbetsmarknad behöver hanteras både "
                    "lokalt i varje kommun och gemensamt för hela delregionen.",
                ),
            ),
            Section(
                "Vad innebär en etableringsfas?",
                (
                    "När en ny samverkansstruktur byggs upp brukar de första åren handla om "
                    "grundläggande frågor: hur arbetet ska organiseras, vilka parter som ska "
                    "delta, hur ansvaret fördelas och hur arbetet förankras hos dem som ska bära "
                    "det vidare. En granskning av etableringsfasen kan därför ge kunskap som är "
                    "användbar långt efter att fasen är avslutad, både för den egna "
                    "organisationen och för andra som bygger upp liknande strukturer.",
                    "En extern granskning, gjord av forskare utanför organisationen, kan dessutom "
                    "ge ett perspektiv som de som själva deltar i arbetet har svårt att få.",
                ),
            ),
            Section(
                "Samverkan mellan region och kommunalförbund",
                (
                    "Kompetensplattformen i Västra Götaland bygger på en arbetsfördelning mellan "
                    "regionen och kommunalförbunden. Regionen har det regionala "
                    "utvecklingsansvaret och en överblick över hela länet, medan "
                    "kommunalförbunden har den nära kontakten med kommunerna och de lokala "
                    "arbetsmarknaderna. För att arbetsfördelningen ska fungera behöver parterna "
                    "vara överens om vem som gör vad, hur information delas och hur frågor tas "
                    "vidare mellan nivåerna.",
                    "I en etableringsfas prövas sådana överenskommelser för första gången. Det är "
                    "därför en period då både styrkor och svagheter i arbetsfördelningen blir "
                    "synliga.",
                ),
            ),
            Section(
                "Varför granska ett samverkansarbete?",
                (
                    "Samverkan mellan många parter är svår att följa med vanliga mått, eftersom "
                    "resultaten ofta visar sig först efter flera år och beror på många aktörers "
                    "insatser. En granskning som beskriver hur arbetet har byggts upp, vilka som "
                    "har deltagit och hur de ser på arbetet kan därför vara ett viktigt "
                    "komplement till uppföljning i siffror. Den kan också bidra till lärande i "
                    "andra delregioner och regioner som bygger upp liknande strukturer.",
                ),
            ),
            Section(
                "Det fortsatta arbetet i Fyrbodal",
                (
                    "Arbetet med kompetensförsörjning i Fyrbodal fortsatte efter "
                    "etableringsfasen. I september 2014 meddelade Fyrbodals kommunalförbund att "
                    "två regionala samordnare på halvtid hade knutits till Vård- och "
                    "omsorgscollege och Teknikcollege Fyrbodal: Christina Wennerdal för Vård- och "
                    "omsorgscollege och Ola Bergquist för Teknikcollege.",
                ),
            ),
            Section(
                "Om rapporten i korthet",
                (
                    (
                        "Titel: Kompetensplattformen i Fyrbodal – en granskning av etableringsfasen",
                        "Utgivare: Grundtviginstitutet, Göteborgs universitet",
                        "Serie: Skriftserie nr 13",
                        "Författare: Gunilla Bergström Casinowsky",
                        "Granskad period: 2010–2012",
                        "Källa: "
                        "https://vdocuments.mx/kompetensplattformen-i-fyrbodal-en-granskning-av-et"
                        "ableringsfasen.html",
                    ),
                ),
            ),
        ),
    ),
    Report(
        path="region-ostergotland/hur-gar-det-for-ostergotland_2023.pdf",
        title="Hur går det för Östergötland?",
        subtitle="Årlig uppföljning av den regionala utvecklingsstrategin – sammandrag",
        organisation="Region Östergötland",
        cover_lines=(
            "2023",
            "Enheten för regional planering",
            "Region Östergötland",
        ),
        created=day(2023),
        keywords=("Östergötland, regional utvecklingsstrategi, RUS, uppföljning, kunskap och kompetens"),
        sections=(
            Section(
                "Om rapporten",
                (
                    "Hur går det för Östergötland? är Region Östergötlands årliga rapport som "
                    "följer upp den regionala utvecklingsstrategin. Rapporten tas fram av Enheten "
                    "för regional planering. Det här sammandraget beskriver rapportens syfte och "
                    "sammanhang för 2023 års utgåva; rapportens resultat och indikatorer återges "
                    "inte här.",
                ),
            ),
            Section(
                "Östergötlands regionala utvecklingsstrategi",
                (
                    "Region Östergötland har det regionala utvecklingsansvaret i länet. Regionen "
                    "har antagit en ny regional utvecklingsstrategi, RUS, som sträcker sig fram "
                    "till 2040; Reglab uppmärksammade den nya strategin i oktober 2021. Strategin "
                    "är länets gemensamma strategi och ska vägleda både regionens eget arbete och "
                    "andra aktörers insatser.",
                    "En av strategins prioriteringar är att bygga kunskap och kompetens. Det ger "
                    "kompetensförsörjningen en tydlig plats i den långsiktiga planeringen för "
                    "länet.",
                ),
            ),
            Section(
                "Varför följa upp strategin?",
                (
                    "En strategi som sträcker sig två decennier framåt behöver följas upp "
                    "regelbundet. Uppföljningen visar hur länet utvecklas i förhållande till "
                    "strategins inriktning och ger underlag för diskussioner om var insatser "
                    "behövs. En årlig rapport gör det också möjligt att se förändringar över tid "
                    "och att upptäcka tidigt om utvecklingen går åt ett annat håll än väntat.",
                    "Rapporten riktar sig till politiker, tjänstepersoner och andra aktörer i "
                    "länet som arbetar med strategins genomförande.",
                ),
            ),
            Section(
                "Kunskap och kompetens i uppföljningen",
                (
                    "Inom prioriteringen kunskap och kompetens kan uppföljningen till exempel "
                    "belysa hur utbildningsnivån utvecklas, hur väl utbildningsutbudet matchar "
                    "arbetsmarknadens behov och hur lätt arbetsgivare har att rekrytera. Sådana "
                    "frågor hänger nära samman med regionens arbete med kompetensförsörjning.",
                    "I Region Östergötland hanteras det regionala utvecklingsarbetet av "
                    "regionutvecklingsnämnden och av trafik- och samhällsplaneringsnämnden. "
                    "Regionutvecklingsdirektör är Richard Widén.",
                    "Kompetensförsörjningen var också temat när Region Östergötland den 5 oktober "
                    "2023 arrangerade den första konferensen Framtid Östergötland på Louis De "
                    "Geer i Norrköping, med omkring 200 deltagare.",
                ),
            ),
            Section(
                "Så kan rapporten läsas",
                (
                    "En uppföljningsrapport av det här slaget bygger i regel på indikatorer, det "
                    "vill säga mått som var för sig belyser en del av utvecklingen. Ingen enskild "
                    "indikator ger hela bilden; det är när flera indikatorer pekar åt samma håll "
                    "som det går att dra slutsatser. Det är också viktigt att skilja mellan "
                    "utveckling över tid i länet och jämförelser med andra län eller med riket.",
                    "Många förändringar i ett län beror på faktorer som ligger utanför regionens "
                    "och kommunernas kontroll, till exempel konjunkturen och den internationella "
                    "utvecklingen. Uppföljningen visar därför i första hand hur länet utvecklas, "
                    "inte vilken effekt enskilda insatser har haft.",
                ),
            ),
            Section(
                "Ordlista",
                (
                    (
                        "RUS: regional utvecklingsstrategi, länets gemensamma långsiktiga strategi.",
                        "Indikator: ett mått som används för att följa utvecklingen inom ett område.",
                        "Regionalt utvecklingsansvar: ansvaret för att ta fram och följa upp den "
                        "regionala utvecklingsstrategin och samordna insatser för länets "
                        "utveckling.",
                        "Kompetensförsörjning: arbetet med att arbetsgivare ska få tillgång till "
                        "den kompetens de behöver, nu och på sikt.",
                    ),
                ),
            ),
            Section(
                "Kontakt",
                (
                    "Frågor om rapporten besvaras av Enheten för regional planering, Region Östergötland.",
                    (
                        "Kontaktperson: Maria Ståhl, strateg, Enheten för regional planering",
                        "Kontaktperson: Elin Mako, analytiker, Enheten för regional planering",
                    ),
                    "Källa: https://utveckling.regionostergotland.se/ru/dokument/hur-gar-det-for-ostergotland",
                ),
            ),
        ),
    ),
    Report(
        path="tillvaxtverket/rapport-0305_kompetensforsorjning-i-jonkopings-lan_2019.pdf",
        title="Kompetensförsörjning i Jönköpings län",
        subtitle="En analysmodell för regional kompetensförsörjning – sammandrag",
        organisation="Tillväxtverket och Region Jönköpings län",
        cover_lines=(
            "Rapport 0305",
            "ISBN 978-91-88961-32-7",
            "Utgiven 2019",
            "Tillväxtverket i samarbete med Region Jönköpings län",
        ),
        created=day(2019),
        keywords=("Jönköpings län, analysmodell, kompetensförsörjning, tillverkning, IT, bygg, transport, vård"),
        sections=(
            Section(
                "Om rapporten",
                (
                    "Rapporten Kompetensförsörjning i Jönköpings län gavs ut 2019 av "
                    "Tillväxtverket tillsammans med Region Jönköpings län. Den har nummer 0305 i "
                    "serien Rapport och ISBN 978-91-88961-32-7. Rapporten beskriver en modell för "
                    "att analysera kompetensförsörjningen i ett län och prövar den på Jönköpings "
                    "län.",
                    "Det här sammandraget beskriver rapportens ämne och upplägg i allmänna "
                    "termer. Rapportens resultat och siffror återges inte.",
                ),
            ),
            Section(
                "Varför en analysmodell?",
                (
                    "Regionerna har i uppdrag att ta fram analyser och prognoser över utbud och "
                    "efterfrågan på kompetens. En gemensam analysmodell gör det lättare att "
                    "arbeta systematiskt, att upprepa analysen över tid och att jämföra resultat. "
                    "En modell av det här slaget brukar utgå från arbetsgivarnas efterfrågan på "
                    "kompetens, från det utbud som finns bland arbetskraften och från de flöden "
                    "som förändrar utbudet, till exempel utbildning, pensionsavgångar och "
                    "flyttningar.",
                    "En analysmodell kan också användas av andra regioner som vill arbeta på ett liknande sätt.",
                ),
            ),
            Section(
                "Branscher i fokus",
                (
                    "Rapporten tar upp fem branscher: tillverkning, IT, bygg, transport och vård och omsorg.",
                    (
                        "Tillverkning: teknisk utveckling och automatisering förändrar vilka "
                        "kompetenser som efterfrågas inom tillverkningsindustrin.",
                        "IT: digital kompetens efterfrågas både i IT-branschen och i de flesta andra branscher.",
                        "Bygg: byggbranschen är beroende av yrkesutbildad personal och påverkas av konjunkturen.",
                        "Transport: transporter och logistik förbinder länets företag med "
                        "omvärlden och behöver bland annat förare och logistikkompetens.",
                        "Vård och omsorg: behovet av personal med vård- och omsorgsutbildning "
                        "följer befolkningens behov och påverkas av pensionsavgångar.",
                    ),
                ),
            ),
            Section(
                "Utbud, efterfrågan och matchning",
                (
                    "Med efterfrågan på kompetens menas arbetsgivarnas behov av medarbetare med "
                    "viss utbildning och erfarenhet. Utbudet är den kompetens som finns hos dem "
                    "som arbetar eller söker arbete i länet. Matchning handlar om hur väl utbud "
                    "och efterfrågan passar ihop. Även när antalet arbetssökande och antalet "
                    "lediga jobb är ungefär lika stort kan det finnas brist inom vissa yrken och "
                    "överskott inom andra.",
                    "Eftersom utbildningar tar tid att genomföra måste den som planerar "
                    "utbildning försöka bedöma behoven flera år framåt. Där kommer prognoserna in.",
                ),
            ),
            Section(
                "Prognosernas begränsningar",
                (
                    "Prognoser över arbetsmarknaden bygger på antaganden om hur befolkningen, "
                    "ekonomin och tekniken utvecklas. När antagandena inte håller blir prognosen "
                    "fel. Därför används prognoser bäst som ett underlag bland flera, och de bör "
                    "kompletteras med kunskap från arbetsgivare och utbildningsanordnare om vad "
                    "som händer i deras verksamheter.",
                ),
            ),
            Section(
                "Hur en regional analys kan användas",
                (
                    "En analys av kompetensförsörjningen i ett län är ett underlag för samtal "
                    "mellan regionen, kommunerna, utbildningsanordnarna och arbetsgivarna. Den "
                    "kan användas när utbildningar planeras, när kommunerna samverkar om "
                    "vuxenutbildning och när regionen för dialog med staten om "
                    "utbildningsutbudet. Analysen blir mest användbar när de som ska använda den "
                    "har varit med och diskuterat resultaten.",
                ),
            ),
            Section(
                "Om publikationen",
                (
                    (
                        "Titel: Kompetensförsörjning i Jönköpings län",
                        "Utgivare: Tillväxtverket i samarbete med Region Jönköpings län",
                        "Serie och nummer: Rapport 0305",
                        "ISBN: 978-91-88961-32-7",
                        "Utgivningsår: 2019",
                        "Källa: "
                        "https://tillvaxtverket.se/tillvaxtverket/publikationer/publikationer2019/"
                        "kompetensforsorjningijonkopingslan.1350.html",
                    ),
                ),
            ),
        ),
    ),
    Report(
        path="tillvaxtverket/rapport-0120_uppfoljning-regionalt-kompetensforsorjningsarbete_2012.pdf",
        title="Uppföljning av regionalt kompetensförsörjningsarbete",
        subtitle="Sammandrag",
        organisation="Tillväxtverket",
        cover_lines=(
            "Rapport 0120",
            "ISBN 978-91-86987-28-2",
            "Januari 2012",
        ),
        created=day(2012, 1),
        keywords=("uppföljning, regionala kompetensplattformar, kompetensförsörjning, 2012"),
        sections=(
            Section(
                "Om rapporten",
                (
                    "Uppföljning av regionalt kompetensförsörjningsarbete är Tillväxtverkets "
                    "rapport 0120, utgiven i januari 2012 med ISBN 978-91-86987-28-2. Rapporten "
                    "kom under den period då regionerna etablerade sina kompetensplattformar, "
                    "2010–2012, och handlar om att följa upp det regionala arbetet med "
                    "kompetensförsörjning.",
                    "Det här sammandraget beskriver rapportens ämne och sammanhang. Rapportens "
                    "iakttagelser återges inte.",
                ),
            ),
            Section(
                "Bakgrund",
                (
                    "År 2010 gav regeringen regionerna i uppdrag att etablera regionala "
                    "kompetensplattformar för samverkan kring kompetensförsörjning och "
                    "utbildningsplanering. Tillväxtverket fick samtidigt en roll i att stödja och "
                    "följa arbetet. Plattformarna skulle bygga broar mellan utbildningssystemet "
                    "och arbetslivet i varje län.",
                ),
            ),
            Section(
                "Vad en uppföljning kan omfatta",
                (
                    "En uppföljning av ett nytt regionalt arbete kan till exempel beskriva hur "
                    "regionerna har organiserat arbetet, vilka aktörer som deltar, vilka analyser "
                    "som har tagits fram och hur arbetet har förankrats. Den ger också den "
                    "statliga nivån kunskap om hur uppdraget fungerar i praktiken och om det "
                    "finns behov av ytterligare stöd.",
                ),
            ),
            Section(
                "Kompetensplattformarnas uppgifter",
                (
                    "En kompetensplattform samlar de aktörer som påverkar kompetensförsörjningen "
                    "i ett län: regionen, kommunerna, utbildningsanordnare, arbetsgivare och "
                    "statliga myndigheter. Plattformens uppgifter kan beskrivas i tre led: att ta "
                    "fram kunskap om behoven, att föra dialog om vad kunskapen innebär och att "
                    "samordna insatser som ingen aktör klarar ensam.",
                    "Hur plattformarna organiserades bestämdes av regionerna själva. Därför såg "
                    "arbetet olika ut i olika län, vilket är ett av skälen till att det behövde "
                    "följas upp.",
                ),
            ),
            Section(
                "Varför följa upp tidigt?",
                (
                    "En uppföljning som görs medan ett arbete fortfarande byggs upp ger möjlighet "
                    "att justera inriktningen innan arbetssätten har satt sig. Den ger också "
                    "underlag för beslut om hur det statliga stödet ska utformas framöver.",
                ),
            ),
            Section(
                "Det fortsatta arbetet",
                (
                    "Efter etableringsfasen fortsatte arbetet med stärkta kompetensplattformar "
                    "2013–2017, då omkring 40 regionala utvecklingsprojekt fick stöd. "
                    "Tillväxtverket gav senare också ut rapporten Regionalt "
                    "kompetensförsörjningsarbete – systembild, utmaningar och möjligheter "
                    "(Rapport 0186).",
                ),
            ),
            Section(
                "Relaterade publikationer från Tillväxtverket",
                (
                    (
                        "Rapport 0120: Uppföljning av regionalt kompetensförsörjningsarbete "
                        "(januari 2012, ISBN 978-91-86987-28-2)",
                        "Rapport 0186: Regionalt kompetensförsörjningsarbete – systembild, utmaningar och möjligheter",
                        "Info 0676: Regionala kompetensplattformar (2017-02-16, ISBN 978-91-88601-08-7)",
                        "Rapport 0305: Kompetensförsörjning i Jönköpings län (2019, ISBN 978-91-88961-32-7)",
                        "Rapport 0359: Att stödja och främja det regionala "
                        "kompetensförsörjningsarbetet (2021, ISBN 978-91-88961-96-9)",
                    ),
                ),
            ),
            Section(
                "Kontakt",
                (
                    "Kontaktperson för publikationen: Örjan Johansson, Tillväxtverket.",
                    "Källa: https://vdocuments.mx/uppfoeljning-av-regionalt-kompetensfoersoerjningsarbetepdf.html",
                ),
            ),
        ),
    ),
    Report(
        path="tillvaxtverket/slutrapport-regionala-kompetensplattformar_N2012-6275-RT_N2015-02413-RTS.pdf",
        title="Slutrapport: Regionala kompetensplattformar",
        subtitle="Redovisning av regeringsuppdragen N2012/6275/RT och N2015/02413/RTS – sammandrag",
        organisation="Tillväxtverket",
        cover_lines=(
            "Slutrapport",
            "Regeringsuppdrag N2012/6275/RT och N2015/02413/RTS",
            "Godkänd av generaldirektör Gunilla Nordlöf",
        ),
        created=day(2018),
        keywords=("slutrapport, regionala kompetensplattformar, regeringsuppdrag, N2012/6275/RT, N2015/02413/RTS"),
        sections=(
            Section(
                "Om slutrapporten",
                (
                    "Slutrapporten redovisar Tillväxtverkets arbete med regeringsuppdragen om "
                    "regionala kompetensplattformar, med diarienumren N2012/6275/RT och "
                    "N2015/02413/RTS. Rapporten är godkänd av Tillväxtverkets generaldirektör "
                    "Gunilla Nordlöf.",
                    "Det här sammandraget beskriver uppdragen och sammanhanget. Rapportens egna "
                    "bedömningar återges inte.",
                ),
            ),
            Section(
                "Uppdragen",
                (
                    (
                        "Regeringsuppdrag N2012/6275/RT",
                        "Regeringsuppdrag N2015/02413/RTS",
                    ),
                    "Båda uppdragen gäller de regionala kompetensplattformarna och redovisas i en "
                    "gemensam slutrapport.",
                ),
            ),
            Section(
                "Plattformarnas framväxt",
                (
                    "De regionala kompetensplattformarna skapades 2010–2012 på uppdrag av "
                    "regeringen. Under 2013–2017 genomfördes omkring 40 regionala projekt för att "
                    "utveckla plattformarnas arbete. Tillväxtverket medfinansierade projekten med "
                    "upp till 50 procent, sammanlagt 60 miljoner kronor. En översikt över "
                    "projekten publicerades 2017 i Info 0676.",
                ),
            ),
            Section(
                "Tidslinje",
                (
                    (
                        "2010–2012: de regionala kompetensplattformarna etableras.",
                        "2013–2017: omkring 40 utvecklingsprojekt med stöd från Tillväxtverket.",
                        "2016: uppdrag att föreslå riktlinjer för regionalt kompetensförsörjningsarbete.",
                        "2017-02-16: översikten Regionala kompetensplattformar (Info 0676) publiceras.",
                        "2018–2020: nytt uppdrag om 80 miljoner kronor.",
                    ),
                ),
            ),
            Section(
                "Vad en slutrapport redovisar",
                (
                    "När en myndighet har genomfört ett regeringsuppdrag redovisas arbetet i en "
                    "slutrapport till regeringen. En sådan rapport brukar beskriva vad uppdraget "
                    "gick ut på, hur det har genomförts, hur medlen har använts och vilka "
                    "lärdomar myndigheten drar. Slutrapporten beslutas av myndighetens ledning, i "
                    "regel generaldirektören.",
                ),
            ),
            Section(
                "Sammanhanget",
                (
                    "Parallellt med plattformsuppdragen fick Tillväxtverket 2016 i uppdrag att "
                    "tillsammans med Arbetsförmedlingen, Myndigheten för yrkeshögskolan och "
                    "Skolverket föreslå riktlinjer för det regionala "
                    "kompetensförsörjningsarbetet. För 2018–2020 följde ett nytt uppdrag om 80 "
                    "miljoner kronor för att stödja regionernas arbete med kompetensförsörjning, "
                    "analyser och prognoser.",
                ),
            ),
            Section(
                "Relaterade publikationer från Tillväxtverket",
                (
                    (
                        "Rapport 0120: Uppföljning av regionalt kompetensförsörjningsarbete "
                        "(januari 2012, ISBN 978-91-86987-28-2)",
                        "Rapport 0186: Regionalt kompetensförsörjningsarbete – systembild, utmaningar och möjligheter",
                        "Info 0676: Regionala kompetensplattformar (2017-02-16, ISBN 978-91-88601-08-7)",
                        "Rapport 0305: Kompetensförsörjning i Jönköpings län (2019, ISBN 978-91-88961-32-7)",
                        "Rapport 0359: Att stödja och främja det regionala "
                        "kompetensförsörjningsarbetet (2021, ISBN 978-91-88961-96-9)",
                    ),
                ),
            ),
            Section(
                "Beslut",
                (
                    "Slutrapporten har godkänts av generaldirektör Gunilla Nordlöf, Tillväxtverket.",
                    "Källa: "
                    "https://docplayer.se/amp/114557103-Slutrapport-regionala-kompetensplattformar"
                    "-n2012-6275-rt-och-n2015-02413-rts-godkand-av-gunilla-nordlof.html",
                ),
            ),
        ),
    ),
)


class ReportPDF(FPDF):
    """A4 report with a running header and 'Sida N av M' in the footer."""

    def __init__(self, report: Report) -> None:
        super().__init__(format="A4")
        self.report = report
        # cp1252 covers Swedish letters, é, en dash and typographic quotes.
        self.core_fonts_encoding = "cp1252"
        self.set_margins(22, 22, 22)
        self.set_auto_page_break(auto=True, margin=22)

    def header(self) -> None:
        if self.page_no() == 1:
            return
        self.set_font("helvetica", "I", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 5, f"{self.report.organisation} · {self.report.title}", align="L")
        self.ln(9)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-15)
        self.set_font("helvetica", "", 8)
        self.set_text_color(110, 110, 110)
        self.cell(0, 8, f"Sida {self.page_no()} av {{nb}}", align="C")
        self.set_text_color(0, 0, 0)


def render_toc(pdf: FPDF, outline: list[OutlineSection]) -> None:
    pdf.set_font("helvetica", "B", 16)
    pdf.cell(0, 10, "Innehåll", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("helvetica", "", 11)
    for entry in outline:
        pdf.cell(150, 7, entry.name)
        pdf.cell(0, 7, str(entry.page_number), align="R", new_x="LMARGIN", new_y="NEXT")


def write_blocks(pdf: FPDF, blocks: tuple[Block, ...]) -> None:
    for block in blocks:
        if isinstance(block, str):
            pdf.multi_cell(0, 5.6, block, align="J", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.5)
            continue
        for item in block:
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(0, 5.6, f"\u2022  {item}", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        pdf.ln(1.5)


def build_report(report: Report) -> bytes:
    pdf = ReportPDF(report)
    pdf.set_title(report.title)
    pdf.set_subject(report.subtitle)
    pdf.set_author(report.organisation)
    pdf.set_keywords(report.keywords)
    pdf.set_creator("scripts/make_demo_documents.py")
    pdf.set_lang("sv-SE")
    pdf.set_creation_date(report.created)

    # Cover page.
    pdf.add_page()
    pdf.set_font("helvetica", "B", 13)
    pdf.cell(0, 8, report.organisation, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(45)
    pdf.set_font("helvetica", "B", 24)
    pdf.multi_cell(0, 11, report.title, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("helvetica", "", 14)
    pdf.multi_cell(0, 7, report.subtitle, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(14)
    pdf.set_font("helvetica", "", 11)
    for line in report.cover_lines:
        pdf.cell(0, 6.5, line, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(-60)
    pdf.set_font("helvetica", "I", 9)
    pdf.multi_cell(0, 5, NOTICE, new_x="LMARGIN", new_y="NEXT")

    # Table of contents on its own page, filled in once the page numbers are known.
    pdf.add_page()
    pdf.insert_toc_placeholder(render_toc, pages=1)

    for number, section in enumerate(report.sections, start=1):
        heading = f"{number}. {section.heading}"
        if pdf.get_y() > pdf.h - 60:
            pdf.add_page()
        pdf.start_section(heading)
        pdf.set_font("helvetica", "B", 14)
        pdf.multi_cell(0, 8, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font("helvetica", "", 11)
        write_blocks(pdf, section.blocks)
        pdf.ln(3)
    return bytes(pdf.output())


# --------------------------------------------------------------------------
# Word memos
# --------------------------------------------------------------------------

MEMOS: tuple[Memo, ...] = (
    Memo(
        path="region-halland/pm_ratt-kompetens-for-hallandska-foretag.docx",
        title="PM: Rätt kompetens för halländska företag",
        organisation="Region Halland",
        header_lines=(
            "Projektperiod: 2019-08 – 2020-12",
            "Från: Region Halland",
            "Ämne: Strategisk kompetensplanering i små och medelstora företag",
        ),
        created=day(2020, 12),
        keywords=("Region Halland, kompetensplanering, små och medelstora företag, Almi, TEK Kompetens"),
        sections=(
            Section(
                "Bakgrund",
                (
                    "Små och medelstora företag har ofta inte någon egen personalavdelning. "
                    "Frågor om vilken kompetens företaget behöver om några år, och hur den ska "
                    "säkras, hamnar därför lätt i skymundan av den dagliga verksamheten. "
                    "Samtidigt är det just de mindre företagen som kan drabbas hårdast när en "
                    "nyckelperson slutar eller när en rekrytering misslyckas.",
                ),
            ),
            Section(
                "Projektet",
                (
                    "Region Halland har drivit ett projekt om strategisk kompetensplanering för "
                    "små och medelstora företag i Halland. Projektet pågick från augusti 2019 "
                    "till december 2020 och hade en budget på 500 000 kronor. Tillväxtverket har "
                    "lyft fram projektet som ett exempel från verkligheten inom regional "
                    "kompetensförsörjning.",
                    "Med strategisk kompetensplanering menas att ett företag kartlägger vilken "
                    "kompetens det har i dag, bedömer vilken kompetens det kommer att behöva "
                    "framåt och planerar hur gapet ska slutas, genom rekrytering, "
                    "kompetensutveckling eller samarbete med andra.",
                ),
            ),
            Section(
                "Samarbetsparter",
                (
                    "Projektet genomfördes tillsammans med:",
                    (
                        "kommunernas näringslivskontor i Halland,",
                        "Almi,",
                        "TEK Kompetens.",
                    ),
                    "Näringslivskontoren har en nära kontakt med de lokala företagen och kan nå "
                    "dem som annars inte söker stöd. Samverkan med flera parter gör det möjligt "
                    "att ge företagen ett samlat stöd i stället för många separata erbjudanden.",
                ),
            ),
            Section(
                "Roller i projektet",
                (
                    "Kontaktperson för projektet är Pernilla Isaksson, Region Halland. I "
                    "beskrivningen av projektet nämns även Valerie Scheib, näringslivsstrateg.",
                ),
            ),
        ),
        closing_lines=(
            "Kontaktperson: Pernilla Isaksson, Region Halland",
            "Näringslivsstrateg: Valerie Scheib",
            "Källa: "
            "https://tillvaxtverket.se/tillvaxtverket/guiderochverktyg/exempelfranverkligheten/exe"
            "mpelfranverkligheten/rattkompetensforhallandsforetag.3174.html",
        ),
    ),
    Memo(
        path="region-uppsala/pm_erbjudande-kompetensforsorjningsuppdrag_2018.docx",
        title="PM: Erbjudande om uppdrag inom regional kompetensförsörjning 2018",
        organisation="Region Uppsala",
        header_lines=(
            "Datum: 2018",
            "Från: Region Uppsala, regional utveckling",
            "Underlag: Regional utvecklingsrapport 2018",
            "Ämne: Tillväxtverkets villkorsbeslut om uppdrag inom kompetensförsörjning",
        ),
        created=day(2018),
        keywords=("Region Uppsala, villkorsbeslut, Tillväxtverket, kompetensförsörjning, 2018"),
        sections=(
            Section(
                "Ärendet",
                (
                    "Region Uppsala har genom ett villkorsbeslut från Tillväxtverket erbjudits "
                    "ett uppdrag inom regional kompetensförsörjning. Erbjudandet ingår i det "
                    "statliga uppdraget att stödja regionernas arbete med kompetensförsörjning, "
                    "analyser och prognoser under 2018–2020.",
                ),
            ),
            Section(
                "Villkor och tidsplan",
                (
                    (
                        "Svar på erbjudandet ska lämnas senast den 16 mars.",
                        "Tillväxtverket bidrar med omkring 1,8 miljoner kronor per region.",
                        "En plan för arbetet ska lämnas senast den 30 juni 2018.",
                    ),
                    "Ett villkorsbeslut innebär att medlen betalas ut om mottagaren accepterar de "
                    "villkor som anges i beslutet. Planen ska beskriva hur regionen avser att "
                    "genomföra uppdraget.",
                ),
            ),
            Section(
                "Koppling till regionens arbete",
                (
                    "Region Uppsala har ett statligt uppdrag att analysera kort- och långsiktiga "
                    "kompetensbehov i länet. Regionen stödjer Teknikcollege Uppland och Vård- och "
                    "omsorgscollege Uppland och arbetar med Forum för inkluderande arbetsmarknad. "
                    "Erbjudandet från Tillväxtverket kan stärka det analysarbete som redan pågår.",
                ),
            ),
            Section(
                "Personer som nämns i underlaget",
                (
                    (
                        "Sven-Erik Bucht, statsråd",
                        "Ann Linde, statsråd",
                        "Karolina Skog, statsråd",
                        "Gunilla Nordlöf, generaldirektör, Tillväxtverket",
                    ),
                ),
            ),
        ),
        closing_lines=(
            "Region Uppsala, regional utveckling",
            "Källa: http://docplayer.se/106545478-Regional-utvecklingsrapport.html",
        ),
    ),
    Memo(
        path="skaraborg/pm_samverkansmodell-kompetensforsorjning_projektbeskrivning.docx",
        title="PM: Samverkansmodell för kompetensförsörjning i Skaraborg – projektbeskrivning",
        organisation="Skaraborgs kommunalförbund",
        header_lines=(
            "Projektperiod: 2018-09-01 – 2022-06-30",
            "Från: Skaraborgs kommunalförbund",
            "Status när PM:et skrevs: pågående",
        ),
        created=day(2018, 9),
        keywords=("Skaraborg, samverkansmodell, kompetensförsörjning, kluster, Högskolan i Skövde, IDC"),
        sections=(
            Section(
                "Syfte",
                (
                    "Projektet Samverkansmodell för kompetensförsörjning i Skaraborg ska ta fram "
                    "en modell för hur kommunerna i Skaraborg, tillsammans med lärosäte, "
                    "myndighet och näringsliv, kan arbeta med kompetensförsörjning på ett "
                    "samordnat och långsiktigt sätt.",
                ),
            ),
            Section(
                "Parter",
                (
                    (
                        "Skaraborgs 15 kommuner",
                        "Högskolan i Skövde",
                        "Arbetsförmedlingen",
                        "IDC",
                        "Skaraborgs kommunalförbund, projektägare",
                    ),
                ),
            ),
            Section(
                "Omvärldsfaktorer",
                (
                    "En del av projektet är att kartlägga de yttre faktorer som påverkar "
                    "kompetensförsörjningen i Skaraborg. Med yttre faktorer menas förändringar "
                    "som parterna inte själva styr över men behöver förhålla sig till, till "
                    "exempel teknisk utveckling, förändringar i efterfrågan och demografi.",
                ),
            ),
            Section(
                "Branschkluster",
                (
                    "Projektet utgår från de branschkluster som är viktiga för Skaraborg:",
                    (
                        "trä och möbler,",
                        "fordon,",
                        "livsmedel,",
                        "sten och mineralull.",
                    ),
                    "Varje kluster har sina egna behov av kompetens, och en modell för samverkan "
                    "behöver kunna hantera både gemensamma frågor och klustrens särskilda behov.",
                ),
            ),
            Section(
                "Resultat",
                (
                    "Projektets arbete ska sammanfattas i en slutrapport med förslag på hur "
                    "arbetet med kompetensförsörjning i Skaraborg kan fortsätta.",
                ),
            ),
        ),
        closing_lines=(
            "Skaraborgs kommunalförbund",
            "Källa: https://skaraborg.se/pagaende-projekt/pagaende-projekt/Samverkansmodell/",
        ),
    ),
)


def build_memo(memo: Memo) -> bytes:
    document = docx.Document()
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)

    document.add_paragraph(memo.organisation.upper())
    document.add_heading(memo.title, level=1)
    for line in memo.header_lines:
        document.add_paragraph(line)
    for section in memo.sections:
        document.add_heading(section.heading, level=2)
        for block in section.blocks:
            if isinstance(block, str):
                document.add_paragraph(block)
            else:
                for item in block:
                    document.add_paragraph(item, style="List Bullet")
    document.add_paragraph("")
    for line in memo.closing_lines:
        document.add_paragraph(line)

    properties = document.core_properties
    properties.title = memo.title
    properties.author = memo.organisation
    properties.last_modified_by = memo.organisation
    properties.subject = memo.sections[0].heading
    properties.keywords = memo.keywords
    properties.language = "sv-SE"
    properties.comments = "Skrivet för kunskapsbankens demokorpus utifrån offentliga uppgifter."
    properties.created = memo.created
    properties.modified = memo.created
    properties.revision = 1

    buffer = io.BytesIO()
    document.save(buffer)
    return fixed_zip_timestamps(buffer.getvalue(), memo.created)


def fixed_zip_timestamps(data: bytes, when: datetime) -> bytes:
    """Rewrite a zip so every member carries the same timestamp (python-docx uses 'now')."""
    stamp = (when.year, when.month, when.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------
# An older web page saved as Windows-1252 text
# --------------------------------------------------------------------------

LUL_PAGE_PATH = "region-uppsala/kompetensforsorjning_lul-se.txt"

LUL_LINES: tuple[str, ...] = (
    "Region Uppsala – lul.se",
    "Till innehållet",
    "Lyssna",
    "Textstorlek: A A A",
    "Om webbplatsen | In English | Kontakt",
    "Startsida | Vård och hälsa | Regional utveckling | Kultur | Politik",
    "Sök på lul.se",
    "Du är här: Startsida > Regional utveckling > Kompetensförsörjning",
    "",
    "Kompetensförsörjning",
    "",
    "Tillgången till rätt kompetens är en av de viktigaste frågorna för att Uppsala län ska "
    "fortsätta att utvecklas. Företag och offentliga arbetsgivare behöver kunna rekrytera "
    "medarbetare med den utbildning och erfarenhet som efterfrågas, och invånarna behöver ha "
    "möjlighet att utbilda sig mot yrken där det finns jobb.",
    "",
    "Statligt uppdrag att analysera kompetensbehoven",
    "",
    "Regionen har ett statligt uppdrag att analysera länets kompetensbehov, både på kort och på "
    "lång sikt. Analyserna beskriver vilken kompetens som efterfrågas och vilken kompetens som "
    "finns, och används som underlag i dialogen med kommuner, utbildningsanordnare och "
    "arbetsgivare. Målet är att utbildningsutbudet i länet ska motsvara de behov som finns på "
    "arbetsmarknaden.",
    "",
    "College för teknik och för vård och omsorg",
    "",
    "Regionen stödjer två college i länet:",
    "",
    "- Teknikcollege Uppland – samverkan mellan industrin och utbildningsanordnare för att säkra "
    "tillgången på teknisk kompetens.",
    "- Vård- och omsorgscollege Uppland (VO-College Uppland) – samverkan mellan arbetsgivare och "
    "utbildningsanordnare inom vård och omsorg.",
    "",
    "I ett college tar arbetsgivare och skolor gemensamt ansvar för att utbildningarna håller god "
    "kvalitet och leder till arbete.",
    "",
    "Forum för inkluderande arbetsmarknad",
    "",
    "Forum för inkluderande arbetsmarknad är en mötesplats för aktörer som arbetar för att fler "
    "ska komma i arbete, även de som står långt från arbetsmarknaden. En inkluderande "
    "arbetsmarknad är både en fråga om rättvisa och en del av kompetensförsörjningen: när fler "
    "kan arbeta ökar tillgången på arbetskraft.",
    "",
    "Projekt",
    "",
    "Regionen arbetar med flera projekt inom kompetensförsörjning, bland andra:",
    "",
    "- #jagmed",
    "- Smart industri",
    "",
    "Läs mer om projekten under respektive projektsida.",
    "",
    "Sidan senast uppdaterad:",
    "Skriv ut | Tipsa en vän | Dela på Facebook",
    "",
    "Region Uppsala",
    "Om cookies på lul.se | Tillgänglighet | Kontakta oss",
    "",
    "Källa: http://www.lul.se/sv/Regional-utveckling/Kompetensforsorjning/",
)
LUL_PAGE = "\n".join(LUL_LINES) + "\n"


def build_cp1252_page() -> bytes:
    # Older pages were often saved as Windows-1252 with CRLF line ends.
    return LUL_PAGE.replace("\n", "\r\n").encode("cp1252")


def write(out_dir: Path, relative: str, data: bytes) -> None:
    target = out_dir / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    print(f"wrote {relative} ({len(data)} bytes)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_out = Path(__file__).resolve().parent.parent / "corpus"
    parser.add_argument("--out", type=Path, default=default_out, help="corpus folder (default: %(default)s)")
    args = parser.parse_args()

    for report in REPORTS:
        write(args.out, report.path, build_report(report))
    for memo in MEMOS:
        write(args.out, memo.path, build_memo(memo))
    write(args.out, LUL_PAGE_PATH, build_cp1252_page())


if __name__ == "__main__":
    main()
