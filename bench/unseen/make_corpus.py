#!/usr/bin/env python3
"""Write the hand-made 'unseen' evaluation corpus and its gold files.

Run with a Python that has python-docx and fpdf2 (the project's pinned
versions in requirements.lock), e.g. .venv/bin/python bench/unseen/make_corpus.py
Writes bench/unseen/corpus/** and bench/unseen/gold/*.jsonl.
All documents, people and annotations below are written by hand; every person
is invented (see README.md). Nothing here is generated from a name list.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
GOLD = HERE / "gold"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")

DOCS: list[dict] = []


def P(name, kind, role=None, org=None, party=None):
    assert kind in ("contact", "author", "participant", "mentioned"), kind
    return {"name": name, "kind": kind, "role": role, "organisation": org, "party": party}


def M(mid, title, date, date_text, place, participants, orgs, date_end=None):
    return {
        "meeting_id": mid,
        "title": title,
        "date": date,
        "date_end": date_end,
        "date_text": date_text,
        "place": place,
        "participants": participants,
        "organisations": orgs,
    }


def doc(path, layout, content, people, meetings=()):
    DOCS.append(
        {"path": path, "layout": layout, "content": content, "people": list(people), "meetings": list(meetings)}
    )


# ---------------------------------------------------------------- writers
def html_page(title, site, main, aside="", footer="", meta="", nav=None, lang="sv"):
    nav = nav or ["Start", "Regional utveckling", "Kompetensförsörjning", "Aktuellt", "Om oss", "Kontakt"]
    nav_html = "\n".join(f'        <li><a href="#">{n}</a></li>' for n in nav)
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <title>{title} – {site}</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
{meta}
</head>
<body>
  <header class="site-header">
    <a class="logo" href="/">{site}</a>
    <nav aria-label="Huvudmeny">
      <ul>
{nav_html}
      </ul>
    </nav>
    <form class="search" role="search"><input type="search" placeholder="Sök"><button>Sök</button></form>
  </header>
  <div class="breadcrumbs"><a href="/">Start</a> / <a href="#">Regional utveckling</a> / {title}</div>
  <div class="page">
    <main id="content">
{main}
    </main>
{aside}
  </div>
  <footer class="site-footer">
{footer}
    <p class="cookies"><a href="#">Om kakor</a> · <a href="#">Tillgänglighetsredogörelse</a> · <a href="#">Personuppgifter</a></p>
  </footer>
</body>
</html>
"""


def write_text(path: Path, content: str):
    path.write_text(content.strip() + "\n", encoding="utf-8")


def write_docx(path: Path, blocks):
    from docx import Document

    d = Document()
    for b in blocks:
        kind = b[0]
        if kind == "title":
            d.add_heading(b[1], level=1)
        elif kind == "h":
            d.add_heading(b[1], level=2)
        elif kind == "p":
            d.add_paragraph(b[1])
        elif kind == "bullet":
            d.add_paragraph(b[1], style="List Bullet")
        elif kind == "table":
            rows = b[1]
            t = d.add_table(rows=len(rows), cols=len(rows[0]))
            t.style = "Table Grid"
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    t.cell(i, j).text = cell
                    if i == 0:
                        for r in t.cell(i, j).paragraphs[0].runs:
                            r.bold = True
        else:
            raise ValueError(kind)
    d.save(str(path))


def write_pdf(path: Path, blocks, header=""):
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_page()
    if header:
        pdf.set_font("DejaVu", "", 8)
        pdf.cell(0, 5, header, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    for b in blocks:
        kind = b[0]
        if kind == "title":
            pdf.set_font("DejaVu", "B", 16)
            pdf.multi_cell(0, 8, b[1], align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "h":
            pdf.ln(2)
            pdf.set_font("DejaVu", "B", 12)
            pdf.multi_cell(0, 6, b[1], align="L", new_x="LMARGIN", new_y="NEXT")
        elif kind == "p":
            pdf.set_font("DejaVu", "", 10)
            pdf.multi_cell(0, 5, b[1], align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "table":
            pdf.set_font("DejaVu", "", 9)
            with pdf.table(text_align="LEFT", line_height=5) as table:
                for row in b[1]:
                    r = table.row()
                    for cell in row:
                        r.cell(cell)
            pdf.ln(3)
        elif kind == "contacts2":
            # two contacts side by side at the foot of the document
            pdf.ln(4)
            pdf.set_font("DejaVu", "B", 10)
            pdf.cell(0, 6, b[1], new_x="LMARGIN", new_y="NEXT")
            pdf.set_font("DejaVu", "", 9)
            y = pdf.get_y()
            left, right = b[2], b[3]
            pdf.set_xy(pdf.l_margin, y)
            pdf.multi_cell(85, 5, "\n".join(left))
            pdf.set_xy(pdf.l_margin + 95, y)
            pdf.multi_cell(85, 5, "\n".join(right))
        else:
            raise ValueError(kind)
    pdf.output(str(path))


def write_doc(d):
    path = CORPUS / d["path"]
    path.parent.mkdir(parents=True, exist_ok=True)
    if d["layout"] in ("html", "md", "txt"):
        write_text(path, d["content"])
    elif d["layout"] == "docx":
        write_docx(path, d["content"])
    elif d["layout"] == "pdf":
        write_pdf(path, d["content"][1], header=d["content"][0])
    else:
        raise ValueError(d["layout"])


# ================================================================ documents
# ---------------------------------------------------------------- HTML
doc(
    "borasregionen/kompetensradet.html",
    "html",
    html_page(
        "Kompetensrådet i Sjuhärad",
        "Boråsregionen",
        meta='  <meta name="og:site_name" content="Boråsregionen">',
        main="""      <article>
        <h1>Kompetensrådet i Sjuhärad</h1>
        <p class="ingress">Kompetensrådet är en mötesplats där kommuner, utbildningsanordnare, Arbetsförmedlingen och näringslivet i Sjuhärad tillsammans arbetar för att arbetsgivare ska hitta rätt kompetens.</p>
        <p>Västra Götalandsregionen har det regionala utvecklingsansvaret och samarbetar med de fyra kommunalförbunden i länet: Skaraborg, Fyrbodal, Göteborgsregionen och Sjuhärad. I varje delregion finns ett kompetensråd som leds av kommunalförbundet. I Sjuhärad är rådet sammansatt över professionsgränserna – här sitter rektorer, HR-chefer, studie- och yrkesvägledare och företrädare för branscherna sida vid sida.</p>
        <p>Rådet tar fram gemensamma underlag om vilka yrken som saknas, lyfter behov till Västra Götalandsregionen och följer hur utbildningsutbudet i de åtta kommunerna matchar efterfrågan. Under året har fokus legat på vård och omsorg, industrin och transportnäringen.</p>
        <p>– Vi behöver se hela kedjan från grundskola till vuxenutbildning om vi ska klara rekryteringarna de kommande tio åren, säger Lars-Göran Fredriksson (S), ordförande i förbundsstyrelsen.</p>
        <p>Mötena hålls fyra gånger per år, oftast i Boråsregionens lokaler vid Sven Eriksonsplatsen. Minnesanteckningar publiceras efter varje möte.</p>
      </article>""",
        aside="""    <aside class="contact">
      <h2>Kontakt</h2>
      <p>Tuva Hallberg<br>Processledare, Kompetensrådet<br><a href="mailto:tuva.hallberg@borasregionen.se">tuva.hallberg@borasregionen.se</a><br><a href="tel:+46331234567">033-12 34 56</a></p>
    </aside>""",
        footer="""    <p>Boråsregionen, Sjuhärads kommunalförbund<br>Besöksadress: Sven Eriksonsplatsen 4, Borås<br>Telefon: 033-35 85 00</p>""",
    ),
    [
        P("Tuva Hallberg", "contact", "Processledare, Kompetensrådet", "Boråsregionen"),
        P("Lars-Göran Fredriksson", "mentioned", "ordförande i förbundsstyrelsen", "Boråsregionen", "S"),
    ],
)

doc(
    "borasregionen/kompetensplattformen.html",
    "html",
    html_page(
        "Kompetensplattform Boråsregionen",
        "Boråsregionen",
        main="""      <article>
        <h1>Kompetensplattform Boråsregionen</h1>
        <p class="ingress">KP-rådet är kommunernas gemensamma forum för frågor om utbildning och kompetens i Sjuhärad.</p>
        <p>KP-rådet arbetar utifrån ett skriftligt uppdrag som förbundsstyrelsen har fastställt. Uppdraget beskriver hur rådet ska samla in behov från arbetsgivare, samordna vuxenutbildningen mellan kommunerna och föra dialog med Västra Götalandsregionen om regionala prioriteringar.</p>
        <p>Ledamöterna har också ett ansvar att föra diskussionerna vidare till sina egna nätverk, till exempel skolchefsnätverket och nätverket för vuxenutbildning. På så sätt sprids kunskapen om arbetsmarknadens behov till fler verksamheter.</p>
        <p>Under 2024 prioriterar rådet gemensamma yrkespaket inom vuxenutbildningen och en gemensam analys av pensionsavgångarna i kommunerna.</p>
      </article>""",
        aside="""    <div class="card contact-card">
      <h2>Kontaktpersoner</h2>
      <p>Mirja Niemelä<br>Samordnare för KP-rådet<br><a href="mailto:mirja.niemela@borasregionen.se">mirja.niemela@borasregionen.se</a><br><br>Mohammed Al-Khatib<br>Utvecklingsledare vuxenutbildning<br><a href="tel:+46331234590">033-12 34 590</a></p>
    </div>""",
        footer="""    <p>En webbplats från Boråsregionen – Sjuhärads kommunalförbund</p>""",
    ),
    [
        P("Mirja Niemelä", "contact", "Samordnare för KP-rådet", "Boråsregionen"),
        P("Mohammed Al-Khatib", "contact", "Utvecklingsledare vuxenutbildning", "Boråsregionen"),
    ],
)

doc(
    "vgr/kompetensplattform-vastra-gotaland.html",
    "html",
    html_page(
        "Kompetensplattform Västra Götaland",
        "Västra Götalandsregionen",
        meta='  <meta property="og:site_name" content="Västra Götalandsregionen">\n  <meta name="author" content="Västra Götalandsregionen">',
        main="""      <article>
        <h1>Kompetensplattform Västra Götaland</h1>
        <p class="ingress">Sedan regeringens uppdrag 2010 samordnar Västra Götalandsregionen arbetet med regional kompetensförsörjning genom Kompetensplattform Västra Götaland.</p>
        <p>Plattformen har fyra mål: att skapa en gemensam kunskapsbas om utbud och efterfrågan på kompetens, att stärka samverkan mellan utbildningsanordnare och arbetsliv, att påverka dimensioneringen av utbildning och att sprida goda exempel.</p>
        <p>Arbetet är organiserat i fyra områden – strategisk påverkan, projekt, lärande och erfarenhetsutbyte samt prognoser och kunskapsunderlag. De fyra kommunalförbunden är viktiga parter i alla fyra områdena.</p>
        <p>Arbetet leds av regionutvecklingsdirektör Johan af Ekenstam och förankras i regionutvecklingsnämnden. Varje år tas en lägesbild fram som visar var bristerna är störst.</p>
      </article>""",
        aside="""    <aside>
      <div class="vcard">
        <h2>Kontakt</h2>
        <span class="fn">Signe Wallin</span>
        <span class="title">Strateg, kompetensförsörjning</span>
        <a class="email" href="mailto:signe.wallin@vgregion.se">signe.wallin@vgregion.se</a>
        <a class="tel" href="tel:+46104412345">010-441 23 45</a>
      </div>
      <div class="sidebar">
        <h3>Frågor om prognoser och analyser</h3>
        <p>Ahmad Rezaei<br>Analytiker<br><a href="mailto:ahmad.rezaei@vgregion.se">ahmad.rezaei@vgregion.se</a></p>
      </div>
    </aside>""",
        footer="""    <p>Västra Götalandsregionen, Regionens hus, 462 80 Vänersborg</p>""",
    ),
    [
        P("Signe Wallin", "contact", "Strateg, kompetensförsörjning", "Västra Götalandsregionen"),
        P("Ahmad Rezaei", "contact", "Analytiker", "Västra Götalandsregionen"),
        P("Johan af Ekenstam", "mentioned", "regionutvecklingsdirektör", "Västra Götalandsregionen"),
    ],
)

doc(
    "vgr/mote-pa-hog-niva.html",
    "html",
    html_page(
        "Möte på hög nivå om kompetensförsörjning",
        "Västra Götalandsregionen",
        meta='  <meta property="og:site_name" content="Västra Götalandsregionen">',
        main="""      <article class="news">
        <h1>Möte på hög nivå om kompetensförsörjning</h1>
        <p class="date">Publicerad 19 juni</p>
        <p class="ingress">Den 19 juni träffade fyra statssekreterare från fyra departement företrädare för Västra Götalandsregionen och Region Östergötland i Linköping.</p>
        <p>Samtalen handlade om regionala analyser och prognoser, om hur kommuner kan samarbeta kring utbildning över kommungränserna och om samverkan mellan näringsliv och myndigheter.</p>
        <p>– Det var värdefullt att få visa hur vi arbetar med regionala analyser och vad de betyder för dimensioneringen av utbildning, säger Karin M. Sjöberg, enhetschef för Analys och uppföljning i Västra Götalandsregionen.</p>
        <p>Från Region Östergötland deltog bland andra Amra Mehmedović, chef för tillväxtenheten, som berättade om länets arbete med en ny kompetensförsörjningsstrategi.</p>
        <p>Mötet är en del av en serie dialoger mellan regeringen och regionerna under året.</p>
      </article>""",
        footer="""    <div class="press">
      <h2>Presskontakt</h2>
      <p>Leila Moradi, kommunikatör<br><a href="tel:+46104419876">010-441 98 76</a></p>
    </div>
    <p>Västra Götalandsregionen</p>""",
    ),
    [
        P("Karin M. Sjöberg", "participant", "enhetschef för Analys och uppföljning", "Västra Götalandsregionen"),
        P("Amra Mehmedović", "participant", "chef för tillväxtenheten", "Region Östergötland"),
        P("Leila Moradi", "contact", "kommunikatör", "Västra Götalandsregionen"),
    ],
    [
        M(
            "statssekr-linkoping",
            "Möte på hög nivå om kompetensförsörjning",
            None,
            "Den 19 juni",
            "Linköping",
            ["Karin M. Sjöberg", "Amra Mehmedović"],
            ["Västra Götalandsregionen", "Region Östergötland"],
        )
    ],
)

doc(
    "gr/kompetensplattform-vastra-gotaland.html",
    "html",
    html_page(
        "Kompetensplattform Västra Götaland",
        "Göteborgsregionen",
        meta='  <meta property="og:site_name" content="Göteborgsregionen (GR)">',
        nav=["Start", "Detta jobbar GR med", "Arbetsmarknad och social välfärd", "Utbildning", "Om GR"],
        main="""      <article>
        <h1>Kompetensplattform Västra Götaland i Göteborgsregionen</h1>
        <p>De kommande åren går fler personer i pension än det kommer in nya på arbetsmarknaden i de 13 kommunerna i Göteborgsregionen. Redan i dag misslyckas mer än var femte rekrytering, och det handlar ofta om en strukturell obalans mellan den kompetens som finns och den som efterfrågas.</p>
        <p>GR är en av de fyra parterna i Kompetensplattform Västra Götaland och ansvarar för det delregionala kompetensrådet. Rådet samlar kommunerna, Business Region Göteborg, Arbetsförmedlingen och Västra Götalandsregionen.</p>
        <p>Rådet tar fram underlag om bristyrken, följer upp hur vuxenutbildningen dimensioneras och lyfter frågor till den regionala nivån. Mötena hålls i GR:s lokaler på Anders Personsgatan i Göteborg.</p>
        <h2>Kompetensrådets sammansättning</h2>
        <table class="people">
          <thead><tr><th>Namn</th><th>Roll</th><th>Organisation</th></tr></thead>
          <tbody>
            <tr><td>Ingrid Sandberg Nord</td><td>Ordförande, avdelningschef arbetsmarknad och social välfärd</td><td>Göteborgsregionen</td></tr>
            <tr><td>Dragan Petrović</td><td>Analytiker</td><td>Göteborgsregionen</td></tr>
            <tr><td>Camila Fuentes Rojas</td><td>Ansvarig kompetensförsörjning</td><td>Business Region Göteborg</td></tr>
            <tr><td>Signe Wallin</td><td>Strateg</td><td>Västra Götalandsregionen</td></tr>
            <tr><td>Kenan Yilmaz</td><td>Sektionschef</td><td>Arbetsförmedlingen</td></tr>
          </tbody>
        </table>
      </article>""",
        aside="""    <div class="contact">
      <h2>Kontakt</h2>
      <p><strong>Zeynep Arslan</strong><br>Processledare arbetsmarknad<br><a href="mailto:zeynep.arslan@goteborgsregionen.se">zeynep.arslan@goteborgsregionen.se</a><br><a href="tel:+46313355000">031-335 50 00</a></p>
    </div>""",
        footer="""    <p>Göteborgsregionen, Anders Personsgatan 8, Göteborg</p>""",
    ),
    [
        P("Zeynep Arslan", "contact", "Processledare arbetsmarknad", "Göteborgsregionen"),
        P(
            "Ingrid Sandberg Nord",
            "mentioned",
            "Ordförande, avdelningschef arbetsmarknad och social välfärd",
            "Göteborgsregionen",
        ),
        P("Dragan Petrović", "mentioned", "Analytiker", "Göteborgsregionen"),
        P("Camila Fuentes Rojas", "mentioned", "Ansvarig kompetensförsörjning", "Business Region Göteborg"),
        P("Signe Wallin", "mentioned", "Strateg", "Västra Götalandsregionen"),
        P("Kenan Yilmaz", "mentioned", "Sektionschef", "Arbetsförmedlingen"),
    ],
)

doc(
    "regionostergotland/framtid-ostergotland.html",
    "html",
    html_page(
        "Östgötska krafter samlades kring kompetensförsörjning",
        "Region Östergötland",
        meta='  <meta property="og:site_name" content="Region Östergötland">\n  <meta property="article:published_time" content="2023-10-09">',
        main="""      <article class="news">
        <h1>Östgötska krafter samlades kring kompetensförsörjning</h1>
        <p class="date">Publicerad 9 oktober 2023</p>
        <p class="ingress">I torsdags samlades omkring 200 personer på Louis De Geer konsert &amp; kongress i Norrköping för den första konferensen Framtid Östergötland. Temat var kompetensförsörjning.</p>
        <p>Konferensen öppnades av regionrådet Anneli Bergkvist (M), som betonade att länets arbetsgivare redan i dag har svårt att hitta rätt kompetens. Därefter beskrev regionutvecklingsdirektör Tomas Ekberg hur den regionala utvecklingsstrategin ska följas upp.</p>
        <p>Ulrika Grahn, kommundirektör i Motala kommun, berättade om hur kommunen samarbetar med näringslivet kring vuxenutbildning. Professor Jonas Hedman från Linköpings universitet talade om hur artificiell intelligens redan förändrar rekryteringen.</p>
        <p>– Vi behöver mötas så här, över sektorsgränserna, för att hinna före förändringarna, säger Amra Mehmedović, chef för tillväxtenheten på Region Östergötland.</p>
        <p>Dagen leddes av moderatorn Malin Forsell.</p>
      </article>""",
        aside="""    <aside class="related">
      <h2>Kontakt</h2>
      <p>Mikael Ståhlberg<br>Strateg, Enheten för regional planering<br><a href="mailto:mikael.stahlberg@regionostergotland.se">mikael.stahlberg@regionostergotland.se</a></p>
    </aside>""",
    ),
    [
        P("Anneli Bergkvist", "participant", "regionrådet", "Region Östergötland", "M"),
        P("Tomas Ekberg", "participant", "regionutvecklingsdirektör", "Region Östergötland"),
        P("Ulrika Grahn", "participant", "kommundirektör i Motala kommun", "Motala kommun"),
        P("Jonas Hedman", "participant", "Professor", "Linköpings universitet"),
        P("Amra Mehmedović", "participant", "chef för tillväxtenheten", "Region Östergötland"),
        P("Malin Forsell", "participant", "moderatorn", None),
        P("Mikael Ståhlberg", "contact", "Strateg, Enheten för regional planering", "Region Östergötland"),
    ],
    [
        M(
            "framtid-ostergotland-2023",
            "Framtid Östergötland",
            "2023-10-05",
            "I torsdags",
            "Louis De Geer konsert & kongress, Norrköping",
            ["Anneli Bergkvist", "Tomas Ekberg", "Ulrika Grahn", "Jonas Hedman", "Amra Mehmedović", "Malin Forsell"],
            ["Region Östergötland", "Motala kommun", "Linköpings universitet"],
        )
    ],
)

doc(
    "tillvaxtverket/vara-uppdrag-kompetensforsorjning.html",
    "html",
    html_page(
        "Våra uppdrag inom regional kompetensförsörjning",
        "Tillväxtverket",
        meta='  <meta name="author" content="Tillväxtverket">',
        main="""      <article>
        <h1>Våra uppdrag inom regional kompetensförsörjning</h1>
        <p>Tillväxtverket har sedan 2010 haft flera regeringsuppdrag som rör regionernas arbete med kompetensförsörjning. Uppdragen har gått från att bygga upp regionala kompetensplattformar till att stärka regionernas analysförmåga och samverkan.</p>
        <table class="timeline">
          <tr><th>Period</th><th>Uppdrag</th></tr>
          <tr><td>2010–2012</td><td>Regionala kompetensplattformar byggs upp</td></tr>
          <tr><td>2013–2017</td><td>Plattformarna förstärks och riktlinjer tas fram</td></tr>
          <tr><td>2022–2024</td><td>Regionala valideringsstrukturer, tillsammans med Myndigheten för yrkeshögskolan, 20 miljoner kronor per år</td></tr>
        </table>
        <p>Enligt Piotr Kowalski, analytiker på Tillväxtverket, har regionerna i dag en betydligt starkare analysförmåga än när plattformarna startade, men de kortsiktiga uppdragen gör det svårt att planera.</p>
        <p>Reglab är ett viktigt forum för erfarenhetsutbyte mellan regionerna.</p>
      </article>""",
        aside="""    <div class="card contact-card">
      <h2>Kontakta oss</h2>
      <p class="name">Selam Tesfaye</p>
      <p class="title">Handläggare, regional kompetensförsörjning</p>
      <p><a href="mailto:selam.tesfaye@tillvaxtverket.se">selam.tesfaye@tillvaxtverket.se</a></p>
    </div>""",
        footer="""    <p>Tillväxtverket, Box 4044, 102 61 Stockholm</p>""",
    ),
    [
        P("Selam Tesfaye", "contact", "Handläggare, regional kompetensförsörjning", "Tillväxtverket"),
        P("Piotr Kowalski", "mentioned", "analytiker", "Tillväxtverket"),
    ],
)

doc(
    "regionhalland/ratt-kompetens-for-hallandska-foretag.html",
    "html",
    html_page(
        "Rätt kompetens för halländska företag",
        "regionhalland.se",
        meta='  <meta name="author" content="Region Halland">',
        main="""      <article>
        <h1>Rätt kompetens för halländska företag</h1>
        <p>Små och medelstora företag har sällan en egen HR-avdelning. Projektet hjälpte företag i Halland att planera sin kompetensförsörjning strategiskt, från augusti 2019 till december 2020.</p>
        <p>Projektet hade en budget på 500 000 kronor och genomfördes tillsammans med kommunernas näringslivskontor, Almi och TEK Kompetens. Företagen fick stöd att kartlägga sina behov och att ta fram en plan för de närmaste tre åren.</p>
        <p>– Många företagare visste vad de behövde i morgon men inte om tre år. Där gjorde planeringen skillnad, säger Lena Strand, affärsutvecklare på Almi Halland.</p>
      </article>""",
        aside="""    <div class="sidebar">
      <h3>Mer information</h3>
      <p>Vill du veta mer om strategisk kompetensplanering, kontakta Maja Ingvarsson, näringslivsstrateg, på 035-13 48 00.</p>
    </div>
    <div class="contact">
      <p>Babak Karimi<br>Projektledare<br><a href="mailto:babak.karimi@regionhalland.se">babak.karimi@regionhalland.se</a></p>
    </div>""",
        footer="""    <p>Box 517, 301 80 Halmstad</p>""",
    ),
    [
        P("Babak Karimi", "contact", "Projektledare", "Region Halland"),
        P("Maja Ingvarsson", "contact", "näringslivsstrateg", "Region Halland"),
        P("Lena Strand", "mentioned", "affärsutvecklare", "Almi Halland"),
    ],
)

doc(
    "regionskane/regionalt-yrkesvux.html",
    "html",
    html_page(
        "Regionalt yrkesvux i Skåne",
        "Region Skåne",
        main="""      <article>
        <h1>Regionalt yrkesvux i Skåne</h1>
        <p>De skånska kommunerna samarbetar om yrkesinriktad vuxenutbildning så att fler utbildningar kan erbjudas än vad en enskild kommun klarar på egen hand. Region Skåne bidrar med analyser av vilka yrken som efterfrågas.</p>
        <p>Inom projektet Kompetens Syd utvecklas gemensamma yrkespaket inom vård, bygg och industri. Projektet pågår till och med 2025 och finansieras delvis av Europeiska socialfonden.</p>
        <p>Underlagen tas fram av regionens analysavdelning under analyschef Jens Mårtensson och uppdateras två gånger per år.</p>
      </article>""",
        aside="""    <aside>
      <h2>Projektet Kompetens Syd</h2>
      <p>Yusuf Özdemir<br>Projektledare Kompetens Syd<br><a href="tel:+46406750000">040-675 00 00</a></p>
    </aside>""",
        footer="""    <div class="contact">
      <h2>Frågor om regionalt yrkesvux</h2>
      <p>Leila Haddad, samordnare yrkesvux, <a href="mailto:leila.haddad@skane.se">leila.haddad@skane.se</a></p>
    </div>
    <p>En webbplats från Region Skåne</p>""",
    ),
    [
        P("Leila Haddad", "contact", "samordnare yrkesvux", "Region Skåne"),
        P("Yusuf Özdemir", "contact", "Projektledare Kompetens Syd", "Region Skåne"),
        P("Jens Mårtensson", "mentioned", "analyschef", "Region Skåne"),
    ],
)

# ---------------------------------------------------------------- Markdown
doc(
    "borasregionen/minnesanteckningar-kompetensradet-2024-03-14.md",
    "md",
    """
# Minnesanteckningar – Kompetensrådet Sjuhärad

**Datum:** 2024-03-14, kl. 9.00–12.00
**Plats:** Boråsregionens lokaler, Sven Eriksonsplatsen 4, Borås

## Närvarande

| Namn | Roll | Organisation |
|------|------|--------------|
| Tuva Hallberg | Processledare, mötesordförande | Boråsregionen |
| Semira Hadžić | Rektor vuxenutbildningen | Borås Stad |
| Mohammed Al-Khatib | Utvecklingsledare vuxenutbildning | Boråsregionen |
| Kenan Yilmaz | Sektionschef | Arbetsförmedlingen |
| Jenny Håkansson | HR-chef | Ulricehamns kommun |

## Övriga närvarande

- Signe Wallin, strateg, Västra Götalandsregionen
- Mirja Niemelä, sekreterare

Anmält förhinder: Lars-Göran Fredriksson (S), förbundsstyrelsens ordförande.

## 1. Mötet öppnas

Tuva Hallberg hälsade välkommen och gick igenom dagordningen.

## 2. Lägesbild från regionen

Signe Wallin redogjorde för Västra Götalandsregionens arbete med den regionala lägesbilden och för avsiktsförklaringen mellan regionen och de fyra kommunalförbunden. Rådet diskuterade särskilt bristen på undersköterskor och CNC-operatörer.

## 3. Vuxenutbildningen i Sjuhärad

Semira Hadžić och Mohammed Al-Khatib presenterade förslaget om gemensamma yrkespaket. Förslaget skickas vidare till KP-rådet.

## 4. Nästa möte

Nästa möte hålls i juni i Ulricehamn.

*Vid anteckningarna: Mirja Niemelä*
""",
    [
        P("Tuva Hallberg", "participant", "Processledare, mötesordförande", "Boråsregionen"),
        P("Semira Hadžić", "participant", "Rektor vuxenutbildningen", "Borås Stad"),
        P("Mohammed Al-Khatib", "participant", "Utvecklingsledare vuxenutbildning", "Boråsregionen"),
        P("Kenan Yilmaz", "participant", "Sektionschef", "Arbetsförmedlingen"),
        P("Jenny Håkansson", "participant", "HR-chef", "Ulricehamns kommun"),
        P("Signe Wallin", "participant", "strateg", "Västra Götalandsregionen"),
        P("Mirja Niemelä", "author", "sekreterare", "Boråsregionen"),
        P("Lars-Göran Fredriksson", "mentioned", "förbundsstyrelsens ordförande", "Boråsregionen", "S"),
    ],
    [
        M(
            "kompetensradet-sjuharad-2024-03",
            "Kompetensrådet Sjuhärad",
            "2024-03-14",
            "2024-03-14, kl. 9.00–12.00",
            "Boråsregionens lokaler, Sven Eriksonsplatsen 4, Borås",
            [
                "Tuva Hallberg",
                "Semira Hadžić",
                "Mohammed Al-Khatib",
                "Kenan Yilmaz",
                "Jenny Håkansson",
                "Signe Wallin",
                "Mirja Niemelä",
            ],
            ["Boråsregionen", "Borås Stad", "Arbetsförmedlingen", "Ulricehamns kommun", "Västra Götalandsregionen"],
        )
    ],
)

doc(
    "regionostergotland/protokoll-regionutvecklingsnamnden-2024-02-21.md",
    "md",
    """
# Protokoll – Regionutvecklingsnämnden

Region Östergötland

**Tid:** 2024-02-21 kl. 13.00–15.30
**Plats:** Regionhuset, Linköping

## Närvarande ledamöter

| Namn | Parti | Roll |
|------|-------|------|
| Per-Olof Lundgren | KD | ordförande |
| Kristina Vallgren | M | förste vice ordförande |
| Lina Bergström | S | andre vice ordförande |
| Rickard Mäkinen | SD | ledamot |
| Hanna Ek | V | ledamot |
| Oskar Lind | MP | ledamot |
| Mattias Ohlsson | L | ledamot |

## Övriga närvarande

- Tomas Ekberg, regionutvecklingsdirektör
- Amra Mehmedović
  chef tillväxtenheten
- Johanna Kivelä, sekreterare

## Närvarande (del av mötet)

- Sofia Rantala, HR-direktör, § 12

## § 12 Kompetensförsörjningsstrategi för Östergötland

Nämnden beslutade i november förra året att ta fram en kompetensförsörjningsstrategi. Amra Mehmedović redovisade arbetet hittills. Strategin tas fram i dialog med kommunerna, Linköpings universitet och arbetsmarknadens parter inom ramen för Regionalt kompetensforum.

Sofia Rantala beskrev regionens egen kompetensförsörjning inom hälso- och sjukvården.

**Beslut:** Nämnden godkänner redovisningen och ger regionutvecklingsdirektören i uppdrag att återkomma med ett förslag till strategi i juni.

## § 13 Uppföljning av den regionala utvecklingsstrategin

Tomas Ekberg informerade om rapporten Hur går det för Östergötland? och om uppföljningen av RUS 2040.

Vid protokollet: Johanna Kivelä, sekreterare
""",
    [
        P("Per-Olof Lundgren", "participant", "ordförande", "Region Östergötland", "KD"),
        P("Kristina Vallgren", "participant", "förste vice ordförande", "Region Östergötland", "M"),
        P("Lina Bergström", "participant", "andre vice ordförande", "Region Östergötland", "S"),
        P("Rickard Mäkinen", "participant", "ledamot", "Region Östergötland", "SD"),
        P("Hanna Ek", "participant", "ledamot", "Region Östergötland", "V"),
        P("Oskar Lind", "participant", "ledamot", "Region Östergötland", "MP"),
        P("Mattias Ohlsson", "participant", "ledamot", "Region Östergötland", "L"),
        P("Tomas Ekberg", "participant", "regionutvecklingsdirektör", "Region Östergötland"),
        P("Amra Mehmedović", "participant", "chef tillväxtenheten", "Region Östergötland"),
        P("Johanna Kivelä", "author", "sekreterare", "Region Östergötland"),
        P("Sofia Rantala", "participant", "HR-direktör", "Region Östergötland"),
    ],
    [
        M(
            "run-ostergotland-2024-02",
            "Regionutvecklingsnämnden",
            "2024-02-21",
            "2024-02-21 kl. 13.00–15.30",
            "Regionhuset, Linköping",
            [
                "Per-Olof Lundgren",
                "Kristina Vallgren",
                "Lina Bergström",
                "Rickard Mäkinen",
                "Hanna Ek",
                "Oskar Lind",
                "Mattias Ohlsson",
                "Tomas Ekberg",
                "Amra Mehmedović",
                "Johanna Kivelä",
                "Sofia Rantala",
            ],
            ["Region Östergötland"],
        )
    ],
)

doc(
    "regionnorrbotten/minnesanteckningar-kompetensdialog.md",
    "md",
    """
# Kompetensdialog Norrbotten – minnesanteckningar

Region Norrbotten, Luleå · Publicerad 2024-05-23

I går samlades företrädare för regionen, kommunerna, universitetet och Sametinget på Elite Stadshotellet för årets första kompetensdialog. Den gröna omställningen i länet väntas kräva tusentals nya medarbetare inom industri, bygg och vård de närmaste tio åren.

## Deltagare i urval

- Kalle Pekkari
  regionutvecklingsdirektör, Region Norrbotten
- Elle Márjá Utsi
  strateg kompetensförsörjning, Region Norrbotten
- Ante Nutti, Sametinget
- Riikka Lehto, samverkanschef, Luleå tekniska universitet

## Diskussion

Kalle Pekkari inledde med en lägesbild över rekryteringsbehoven. Ante Nutti lyfte behovet av utbildning på samiska och av att de samiska näringarnas kompetensbehov syns i de regionala analyserna. Riikka Lehto berättade om nya korta utbildningar för yrkesverksamma.

Deltagarna enades om att ta fram en gemensam bild av behoven i Malmfälten och längs kusten till hösten.

Kontaktperson: Elle Márjá Utsi, elle.utsi@norrbotten.se
""",
    [
        P("Kalle Pekkari", "participant", "regionutvecklingsdirektör", "Region Norrbotten"),
        P("Elle Márjá Utsi", "contact", "strateg kompetensförsörjning", "Region Norrbotten"),
        P("Ante Nutti", "participant", None, "Sametinget"),
        P("Riikka Lehto", "participant", "samverkanschef", "Luleå tekniska universitet"),
    ],
    [
        M(
            "kompetensdialog-norrbotten-2024-05",
            "Kompetensdialog Norrbotten",
            "2024-05-22",
            "I går",
            "Elite Stadshotellet, Luleå",
            ["Kalle Pekkari", "Elle Márjá Utsi", "Ante Nutti", "Riikka Lehto"],
            ["Region Norrbotten", "Sametinget", "Luleå tekniska universitet"],
        )
    ],
)

doc(
    "regionuppsala/forum-inkluderande-arbetsmarknad-2023-11-16.md",
    "md",
    """
# Forum för inkluderande arbetsmarknad – minnesanteckningar

**Datum:** 16 november 2023
**Plats:** Region Uppsala, Storgatan 27, Uppsala

Ordförande: Omar Farah

## Medverkande från regionen

- Charlotta von Essen, enhetschef regional utveckling
- Niina Laaksonen, samordnare Teknikcollege Uppland
- Mona Abdullahi, samordnare VO-College Uppland
- Anna Berg Lindholm, sekreterare

## Närvarande (del av mötet)

- Piotr Kowalski, Tillväxtverket (punkt 3)

## 1. Inledning

Omar Farah öppnade mötet. Forumet samlar kommuner, Arbetsförmedlingen, civilsamhället och arbetsgivare för att fler ska komma i arbete.

## 2. Projekten #jagmed och Smart industri

Niina Laaksonen berättade om hur Smart industri kopplas till Teknikcollege Uppland. Mona Abdullahi redovisade erfarenheter från #jagmed, där unga som varken arbetar eller studerar får stöd tillbaka till utbildning.

## 3. Nationellt perspektiv

Piotr Kowalski presenterade Tillväxtverkets uppföljning av regionernas kompetensförsörjningsarbete.

---

Kontaktperson för forumet: Omar Farah, processledare, Region Uppsala
""",
    [
        P("Omar Farah", "contact", "Ordförande; processledare", "Region Uppsala"),
        P("Charlotta von Essen", "participant", "enhetschef regional utveckling", "Region Uppsala"),
        P("Niina Laaksonen", "participant", "samordnare Teknikcollege Uppland", "Region Uppsala"),
        P("Mona Abdullahi", "participant", "samordnare VO-College Uppland", "Region Uppsala"),
        P("Anna Berg Lindholm", "participant", "sekreterare", "Region Uppsala"),
        P("Piotr Kowalski", "participant", None, "Tillväxtverket"),
    ],
    [
        M(
            "forum-uppsala-2023-11",
            "Forum för inkluderande arbetsmarknad",
            "2023-11-16",
            "16 november 2023",
            "Region Uppsala, Storgatan 27, Uppsala",
            [
                "Omar Farah",
                "Charlotta von Essen",
                "Niina Laaksonen",
                "Mona Abdullahi",
                "Anna Berg Lindholm",
                "Piotr Kowalski",
            ],
            ["Region Uppsala", "Tillväxtverket"],
        )
    ],
)

doc(
    "skaraborg/natverksmote-vo-college.md",
    "md",
    """
# Nätverksmöte – Vård- och omsorgscollege Skaraborg

Skövde den 11 mars 2022

Nätverket för Vård- och omsorgscollege Skaraborg träffades på torsdagen förra veckan i Skövde. De fyra lokala collegen – östra, västra, södra och norra – redovisade läget inför ansökan om förnyad certifiering.

## Närvarande

| NAMN | ROLL | ORGANISATION |
|------|------|--------------|
| HELIN DEMIR | Regional samordnare | Skaraborgs kommunalförbund |
| ERIK JOHANSSON | Lokal samordnare, östra | Skövde kommun |
| AYAN HASSAN | Lokal samordnare, västra | Lidköpings kommun |
| KATJA VIRTANEN | Lokal samordnare, södra | Falköpings kommun |
| MÅRTEN ÖSTLUND | Lokal samordnare, norra | Mariestads kommun |

## Medverkande från regionen

Pekka Hämäläinen, projektledare Kompetensplattform Västra Götaland, Västra Götalandsregionen

## Noteringar

- Antalet elever på vård- och omsorgsprogrammet har ökat i östra och södra Skaraborg.
- Det regionala collegets styrgrupp behandlar certifieringen i maj.
- Frågor om nätverket besvaras av den regionala samordnaren på Skaraborgs kommunalförbund.
""",
    [
        P("HELIN DEMIR", "participant", "Regional samordnare", "Skaraborgs kommunalförbund"),
        P("ERIK JOHANSSON", "participant", "Lokal samordnare, östra", "Skövde kommun"),
        P("AYAN HASSAN", "participant", "Lokal samordnare, västra", "Lidköpings kommun"),
        P("KATJA VIRTANEN", "participant", "Lokal samordnare, södra", "Falköpings kommun"),
        P("MÅRTEN ÖSTLUND", "participant", "Lokal samordnare, norra", "Mariestads kommun"),
        P(
            "Pekka Hämäläinen",
            "participant",
            "projektledare Kompetensplattform Västra Götaland",
            "Västra Götalandsregionen",
        ),
    ],
    [
        M(
            "vo-college-skaraborg-2022-03",
            "Nätverksmöte Vård- och omsorgscollege Skaraborg",
            "2022-03-03",
            "på torsdagen förra veckan",
            "Skövde",
            ["HELIN DEMIR", "ERIK JOHANSSON", "AYAN HASSAN", "KATJA VIRTANEN", "MÅRTEN ÖSTLUND", "Pekka Hämäläinen"],
            [
                "Skaraborgs kommunalförbund",
                "Skövde kommun",
                "Lidköpings kommun",
                "Falköpings kommun",
                "Mariestads kommun",
                "Västra Götalandsregionen",
            ],
        )
    ],
)

doc(
    "tillvaxtverket/natverksmote-valideringsstrukturer-2023-09-12.md",
    "md",
    """
# Minnesanteckningar: nätverksmöte om regionala valideringsstrukturer

**Datum:** 2023-09-12
**Plats:** digitalt
**Arrangörer:** Tillväxtverket och Myndigheten för yrkeshögskolan (MYH)

Regeringsuppdraget om regionala valideringsstrukturer löper 2022–2024 och omfattar 20 miljoner kronor per år. Mötet samlade regioner som kommit olika långt för att jämföra arbetssätt.

## Deltagare

| Namn | Organisation | Roll |
|------|--------------|------|
| Selam Tesfaye | Tillväxtverket | Handläggare, mötesledare |
| Rasmus Öberg | Myndigheten för yrkeshögskolan | Utredare validering |
| Elle Márjá Utsi | Region Norrbotten | Strateg |
| Charlotta von Essen | Region Uppsala | Enhetschef |
| Leila Haddad | Region Skåne | Samordnare yrkesvux |
| Dilan Rashid | Region Jönköpings län | Statistiker |
| Maja Ingvarsson | Region Halland | Näringslivsstrateg |

## Tre lärdomar

1. Branschernas egna valideringsmodeller behöver kopplas till den kommunala vuxenutbildningen.
2. Regionerna efterfrågar gemensam statistik över genomförda valideringar; Rasmus Öberg tar frågan vidare inom MYH.
3. Nästa nätverksmöte hålls fysiskt i Stockholm under våren.

Antecknat av: Selam Tesfaye
""",
    [
        P("Selam Tesfaye", "author", "Handläggare, mötesledare", "Tillväxtverket"),
        P("Rasmus Öberg", "participant", "Utredare validering", "Myndigheten för yrkeshögskolan"),
        P("Elle Márjá Utsi", "participant", "Strateg", "Region Norrbotten"),
        P("Charlotta von Essen", "participant", "Enhetschef", "Region Uppsala"),
        P("Leila Haddad", "participant", "Samordnare yrkesvux", "Region Skåne"),
        P("Dilan Rashid", "participant", "Statistiker", "Region Jönköpings län"),
        P("Maja Ingvarsson", "participant", "Näringslivsstrateg", "Region Halland"),
    ],
    [
        M(
            "validering-natverk-2023-09",
            "Nätverksmöte om regionala valideringsstrukturer",
            "2023-09-12",
            "2023-09-12",
            "digitalt",
            [
                "Selam Tesfaye",
                "Rasmus Öberg",
                "Elle Márjá Utsi",
                "Charlotta von Essen",
                "Leila Haddad",
                "Dilan Rashid",
                "Maja Ingvarsson",
            ],
            [
                "Tillväxtverket",
                "Myndigheten för yrkeshögskolan",
                "Region Norrbotten",
                "Region Uppsala",
                "Region Skåne",
                "Region Jönköpings län",
                "Region Halland",
            ],
        )
    ],
)

doc(
    "fyrbodal/nyhetsbrev-nya-samordnare.md",
    "md",
    """
# Nyhetsbrev från Fyrbodals kommunalförbund

*22 september 2014*

## Två nya regionala samordnare

Från och med oktober får Fyrbodal två nya regionala samordnare på halvtid. Jasmin Ibrahimović blir regional samordnare för Vård- och omsorgscollege Fyrbodal och Olle Bergdahl för Teknikcollege Fyrbodal.

Samordnarna ska stödja de lokala collegen i Dalsland, norra Bohuslän och nordvästra Västergötland och hålla ihop arbetet mot certifiering.

– Med två samordnare på plats kan vi arbeta mer likartat i alla fjorton kommuner, säger Hassan Abdi Warsame, administrativ chef på kommunalförbundet.

## Kontakt

- Jasmin Ibrahimović, regional samordnare Vård- och omsorgscollege, jasmin.ibrahimovic@fyrbodal.se
- Olle Bergdahl, regional samordnare Teknikcollege, olle.bergdahl@fyrbodal.se
""",
    [
        P("Jasmin Ibrahimović", "contact", "regional samordnare Vård- och omsorgscollege", "Fyrbodals kommunalförbund"),
        P("Olle Bergdahl", "contact", "regional samordnare Teknikcollege", "Fyrbodals kommunalförbund"),
        P("Hassan Abdi Warsame", "mentioned", "administrativ chef", "Fyrbodals kommunalförbund"),
    ],
)

# ---------------------------------------------------------------- DOCX
doc(
    "fyrbodal/protokoll-direktionen-2024-04-18.docx",
    "docx",
    [
        ("title", "Protokoll – Direktionen, Fyrbodals kommunalförbund"),
        ("p", "Datum: 2024-04-18, kl. 09.00–12.00"),
        ("p", "Plats: Fyrbodals kommunalförbund, Uddevalla"),
        ("h", "Närvarande ledamöter"),
        (
            "table",
            [
                ["Namn", "Parti", "Kommun", "Roll"],
                ["Birgitta Holm", "C", "Bengtsfors", "ordförande"],
                ["Dejan Marković", "S", "Trollhättan", "vice ordförande"],
                ["Ulf Lindahl", "M", "Uddevalla", "ledamot"],
                ["Sirpa Heikkinen", "SD", "Vänersborg", "ledamot"],
            ],
        ),
        ("p", "Tjänstepersoner: Hassan Abdi Warsame, administrativ chef; Elin de Vries, sekreterare."),
        ("h", "§ 23 Kompetensförsörjning – lägesrapport"),
        (
            "p",
            "Regional samordnare Jasmin Ibrahimović föredrog ärendet om Vård- och omsorgscollege Fyrbodal. "
            "Samtliga fjorton kommuner deltar nu i ett lokalt college. Direktionen diskuterade hur Teknikcollege "
            "och Vård- och omsorgscollege kan samordna sin marknadsföring mot grundskolan.",
        ),
        ("p", "Beslut: Direktionen tackar för informationen."),
        ("h", "§ 24 Yttrande över Västra Götalandsregionens avsiktsförklaring om delregionala kompetensråd"),
        (
            "p",
            "Direktionen ställer sig bakom förslaget till avsiktsförklaring mellan Västra Götalandsregionen och de "
            "fyra kommunalförbunden.",
        ),
        ("p", "Vid protokollet: Elin de Vries"),
        ("p", "Kontakt: Hassan Abdi Warsame, administrativ chef, 0522-44 08 20, hassan.warsame@fyrbodal.se"),
    ],
    [
        P("Birgitta Holm", "participant", "ordförande", "Fyrbodals kommunalförbund", "C"),
        P("Dejan Marković", "participant", "vice ordförande", "Fyrbodals kommunalförbund", "S"),
        P("Ulf Lindahl", "participant", "ledamot", "Fyrbodals kommunalförbund", "M"),
        P("Sirpa Heikkinen", "participant", "ledamot", "Fyrbodals kommunalförbund", "SD"),
        P("Hassan Abdi Warsame", "contact", "administrativ chef", "Fyrbodals kommunalförbund"),
        P("Elin de Vries", "author", "sekreterare", "Fyrbodals kommunalförbund"),
        P("Jasmin Ibrahimović", "participant", "Regional samordnare", "Fyrbodals kommunalförbund"),
    ],
    [
        M(
            "fyrbodal-direktion-2024-04",
            "Direktionen, Fyrbodals kommunalförbund",
            "2024-04-18",
            "2024-04-18, kl. 09.00–12.00",
            "Fyrbodals kommunalförbund, Uddevalla",
            [
                "Birgitta Holm",
                "Dejan Marković",
                "Ulf Lindahl",
                "Sirpa Heikkinen",
                "Hassan Abdi Warsame",
                "Elin de Vries",
                "Jasmin Ibrahimović",
            ],
            ["Fyrbodals kommunalförbund"],
        )
    ],
)

doc(
    "regionostergotland/minnesanteckningar-framtid-ostergotland.docx",
    "docx",
    [
        ("title", "Minnesanteckningar från konferensen Framtid Östergötland"),
        ("p", "Region Östergötland, Enheten för regional planering. Datum för anteckningarna: 2023-10-06."),
        (
            "p",
            "Konferensen hölls i går, torsdag 5 oktober 2023, på Louis De Geer i Norrköping. Omkring 200 personer "
            "från kommuner, näringsliv, akademi och myndigheter deltog.",
        ),
        ("h", "Medverkande från Region Östergötland"),
        (
            "table",
            [
                ["Namn", "Roll"],
                ["Tomas Ekberg", "regionutvecklingsdirektör"],
                ["Amra Mehmedović", "chef tillväxtenheten"],
                ["Sofia Rantala", "HR-direktör"],
                ["Thu Trang Nguyen", "analytiker, workshopledare"],
            ],
        ),
        ("p", "Externa talare var bland andra Jonas Hedman, Linköpings universitet, som talade om AI i rekrytering."),
        ("h", "Iakttagelser"),
        ("bullet", "Deltagarna efterfrågade gemensamma prognoser för hela länet, inte bara för de större kommunerna."),
        ("bullet", "Ostlänken lyftes som ett exempel där kompetensbehovet kommer att öka kraftigt."),
        ("bullet", "Workshopparna om hälso- och sjukvårdens kompetensförsörjning var fullsatta."),
        ("p", "Upprättad av: Mikael Ståhlberg, strateg"),
        (
            "p",
            "Frågor om underlaget för workshopparna: Thu Trang Nguyen, analytiker, thu.trang.nguyen@regionostergotland.se",
        ),
    ],
    [
        P("Tomas Ekberg", "participant", "regionutvecklingsdirektör", "Region Östergötland"),
        P("Amra Mehmedović", "participant", "chef tillväxtenheten", "Region Östergötland"),
        P("Sofia Rantala", "participant", "HR-direktör", "Region Östergötland"),
        P("Thu Trang Nguyen", "contact", "analytiker, workshopledare", "Region Östergötland"),
        P("Jonas Hedman", "participant", None, "Linköpings universitet"),
        P("Mikael Ståhlberg", "author", "strateg", "Region Östergötland"),
    ],
    [
        M(
            "framtid-ostergotland-2023",
            "Framtid Östergötland",
            "2023-10-05",
            "i går, torsdag 5 oktober 2023",
            "Louis De Geer, Norrköping",
            ["Tomas Ekberg", "Amra Mehmedović", "Sofia Rantala", "Thu Trang Nguyen", "Jonas Hedman"],
            ["Region Östergötland", "Linköpings universitet"],
        )
    ],
)

doc(
    "regionskane/pm-samrad-yrkesvux.docx",
    "docx",
    [
        ("title", "PM – Samrådsmöte om regionalt yrkesvux i Skåne"),
        ("p", "Region Skåne, 2024-01-30"),
        (
            "p",
            "Samrådet hölls den 25 januari 2024 i Malmö. Syftet var att enas om vilka yrkespaket som ska erbjudas "
            "gemensamt av de skånska kommunerna från hösten, inom ramen för projektet Kompetens Syd.",
        ),
        ("h", "Deltagare"),
        (
            "table",
            [
                ["Namn", "Roll", "Organisation"],
                ["Leila Haddad", "samordnare yrkesvux", "Region Skåne"],
                ["Yusuf Özdemir", "projektledare Kompetens Syd", "Region Skåne"],
                ["Jens Mårtensson", "analyschef", "Region Skåne"],
                ["Ulla-Britt Persson (S)", "ordförande regionala utvecklingsnämnden", "Region Skåne"],
                ["Nermin Begić", "rektor Komvux Malmö", "Malmö stad"],
                ["Marta Wiśniewska", "utvecklingsledare", "Helsingborgs stad"],
            ],
        ),
        ("h", "Slutsatser"),
        (
            "p",
            "Analysen visar fortsatt störst brist inom vård och omsorg, bygg och el. Deltagarna enades om att "
            "utöka antalet platser inom undersköterskeutbildningen och att pröva ett gemensamt yrkespaket för "
            "elektriker. Nästa samråd hålls i Konserthuset i Helsingborg i maj.",
        ),
        (
            "p",
            "Kontakt: Leila Haddad, samordnare yrkesvux, 040-675 12 34. Presskontakt: Gabriela Soto, pressekreterare, 040-675 00 10.",
        ),
    ],
    [
        P("Leila Haddad", "contact", "samordnare yrkesvux", "Region Skåne"),
        P("Yusuf Özdemir", "participant", "projektledare Kompetens Syd", "Region Skåne"),
        P("Jens Mårtensson", "participant", "analyschef", "Region Skåne"),
        P("Ulla-Britt Persson", "participant", "ordförande regionala utvecklingsnämnden", "Region Skåne", "S"),
        P("Nermin Begić", "participant", "rektor Komvux Malmö", "Malmö stad"),
        P("Marta Wiśniewska", "participant", "utvecklingsledare", "Helsingborgs stad"),
        P("Gabriela Soto", "contact", "pressekreterare", "Region Skåne"),
    ],
    [
        M(
            "yrkesvux-skane-2024-01",
            "Samrådsmöte om regionalt yrkesvux i Skåne",
            "2024-01-25",
            "den 25 januari 2024",
            "Malmö",
            [
                "Leila Haddad",
                "Yusuf Özdemir",
                "Jens Mårtensson",
                "Ulla-Britt Persson",
                "Nermin Begić",
                "Marta Wiśniewska",
            ],
            ["Region Skåne", "Malmö stad", "Helsingborgs stad"],
        )
    ],
)

doc(
    "regionhalland/minnesanteckningar-workshop-kompetensplanering.docx",
    "docx",
    [
        ("title", "Minnesanteckningar – workshop om strategisk kompetensplanering"),
        ("p", "Halmstad 2020-02-13"),
        (
            "p",
            "I dag träffades företagare, kommunernas näringslivskontor och projektets partner på Hotel Tylösand "
            "för en halvdagsworkshop inom projektet Rätt kompetens för halländska företag.",
        ),
        ("h", "Deltagare från projektets partner"),
        (
            "table",
            [
                ["Namn", "Roll", "Organisation"],
                ["Babak Karimi", "projektledare", "Region Halland"],
                ["Maja Ingvarsson", "näringslivsstrateg", "Region Halland"],
                ["Lena Strand", "affärsutvecklare", "Almi Halland"],
                ["Oscar Pettersson", "konsult", "TEK Kompetens"],
                ["Zahra Jafari", "näringslivsutvecklare", "Falkenbergs kommun"],
            ],
        ),
        ("h", "Resultat"),
        (
            "p",
            "Tolv företag arbetade fram utkast till kompetensplaner. Flera företag saknade rutiner för "
            "introduktion av nyanställda, och Almi erbjöd uppföljande rådgivning.",
        ),
        ("p", "Kontaktperson: Maja Ingvarsson, Region Halland, 035-13 48 00"),
    ],
    [
        P("Babak Karimi", "participant", "projektledare", "Region Halland"),
        P("Maja Ingvarsson", "contact", "näringslivsstrateg", "Region Halland"),
        P("Lena Strand", "participant", "affärsutvecklare", "Almi Halland"),
        P("Oscar Pettersson", "participant", "konsult", "TEK Kompetens"),
        P("Zahra Jafari", "participant", "näringslivsutvecklare", "Falkenbergs kommun"),
    ],
    [
        M(
            "workshop-halland-2020-02",
            "Workshop om strategisk kompetensplanering",
            "2020-02-13",
            "I dag",
            "Hotel Tylösand, Halmstad",
            ["Babak Karimi", "Maja Ingvarsson", "Lena Strand", "Oscar Pettersson", "Zahra Jafari"],
            ["Region Halland", "Almi Halland", "TEK Kompetens", "Falkenbergs kommun"],
        )
    ],
)

doc(
    "gr/pm-delregionalt-kompetensrad.docx",
    "docx",
    [
        ("title", "PM: Delregionalt kompetensråd i Göteborgsregionen"),
        ("p", "Göteborgsregionen, 2024-09-02"),
        ("p", "Författare: Zeynep Arslan, processledare"),
        ("h", "Bakgrund"),
        (
            "p",
            "Västra Götalandsregionen och de fyra kommunalförbunden – Fyrbodal, Göteborgsregionen, Boråsregionen "
            "och Skaraborg – har tecknat en avsiktsförklaring om delregionala kompetensråd. Varje kommunalförbund "
            "leder rådet i sin delregion.",
        ),
        ("h", "Rådets ledamöter"),
        (
            "table",
            [
                ["Namn", "Organisation", "Roll"],
                ["Ingrid Sandberg Nord", "Göteborgsregionen", "ordförande"],
                ["Camila Fuentes Rojas", "Business Region Göteborg", "ansvarig kompetensförsörjning"],
                ["Viktor Lindblad", "Business Region Göteborg", "analytiker"],
                ["Anna-Karin Sjödin", "Mölndals stad", "förvaltningschef"],
            ],
        ),
        ("h", "Förslag"),
        (
            "p",
            "Rådet föreslås ta fram en gemensam lista över bristyrken varje höst och redovisa den för "
            "förbundsstyrelsen. Underlagen bygger på statistik från SCB och Arbetsförmedlingen.",
        ),
        ("p", "Frågor om statistiken i PM:et besvaras av Dragan Petrović, analytiker."),
    ],
    [
        P("Zeynep Arslan", "author", "processledare", "Göteborgsregionen"),
        P("Ingrid Sandberg Nord", "mentioned", "ordförande", "Göteborgsregionen"),
        P("Camila Fuentes Rojas", "mentioned", "ansvarig kompetensförsörjning", "Business Region Göteborg"),
        P("Viktor Lindblad", "mentioned", "analytiker", "Business Region Göteborg"),
        P("Anna-Karin Sjödin", "mentioned", "förvaltningschef", "Mölndals stad"),
        P("Dragan Petrović", "contact", "analytiker", "Göteborgsregionen"),
    ],
)

doc(
    "regionuppsala/pm-teknikcollege-uppland.docx",
    "docx",
    [
        ("title", "PM Teknikcollege Uppland – lägesbild"),
        ("p", "Region Uppsala, 2024-02-05"),
        (
            "p",
            "Region Uppsala stödjer både Teknikcollege Uppland och VO-College Uppland som en del av statens "
            "uppdrag att analysera kort- och långsiktiga kompetensbehov i länet. VO-College Uppland samordnas av "
            "Mona Abdullahi.",
        ),
        (
            "p",
            "Nästa styrgruppsmöte för Teknikcollege Uppland hålls på torsdag i Enköping. Då ska styrgruppen "
            "besluta om ansökan om omcertifiering.",
        ),
        ("h", "Styrgrupp"),
        (
            "table",
            [
                ["Namn", "Roll", "Organisation"],
                ["Niina Laaksonen", "samordnare", "Region Uppsala"],
                ["Mirza Delić", "vd", "Enköpings Mekaniska AB"],
                ["Kristin Alm", "rektor", "Uppsala kommun"],
            ],
        ),
        ("p", "Kontakt: Niina Laaksonen, samordnare Teknikcollege Uppland, niina.laaksonen@regionuppsala.se"),
    ],
    [
        P("Niina Laaksonen", "contact", "samordnare; samordnare Teknikcollege Uppland", "Region Uppsala"),
        P("Mona Abdullahi", "mentioned", None, "Region Uppsala"),
        P("Mirza Delić", "mentioned", "vd", "Enköpings Mekaniska AB"),
        P("Kristin Alm", "mentioned", "rektor", "Uppsala kommun"),
    ],
)

# ---------------------------------------------------------------- PDF
doc(
    "skaraborg/slutrapport-samverkansmodell.pdf",
    "pdf",
    (
        "Skaraborgs kommunalförbund · Slutrapport · oktober 2022",
        [
            ("title", "Slutrapport: Samverkansmodell för kompetensförsörjning i Skaraborg"),
            (
                "p",
                "Projektet pågick från 1 september 2018 till 30 juni 2022. Skaraborgs 15 kommuner deltog tillsammans "
                "med Högskolan i Skövde, Arbetsförmedlingen och IDC West Sweden.",
            ),
            (
                "p",
                "Projektet kartlade externa faktorer som påverkar kompetensförsörjningen och utgick från delregionens "
                "starka branscher: trä och möbler, fordon, livsmedel samt sten och mineralull. Rapporten har skrivits av "
                "projektledaren och innehåller förslag om en permanent samverkansmodell.",
            ),
            ("h", "Styrgrupp"),
            (
                "table",
                [
                    ["Namn", "Roll", "Organisation"],
                    ["Nils-Erik Svärd", "förbundsdirektör, ordförande", "Skaraborgs kommunalförbund"],
                    ["Marcus Åkesson", "samverkansansvarig", "Högskolan i Skövde"],
                    ["Sara Eriksson", "sektionschef", "Arbetsförmedlingen"],
                    ["Milan Tadić", "vd", "IDC West Sweden"],
                ],
            ),
            ("h", "Förslag"),
            (
                "p",
                "1. Kommunerna inrättar ett gemensamt kompetensråd med årlig rapportering. 2. Högskolan i Skövde och "
                "kommunerna tar fram en gemensam plan för uppdragsutbildning. 3. Analysarbetet samordnas med "
                "Västra Götalandsregionen.",
            ),
            (
                "contacts2",
                "Kontakt",
                ["Tarja Koskinen", "Projektledare", "tarja.koskinen@skaraborg.se", "0500-49 71 00"],
                ["Filip Wikström", "Kommunikatör", "filip.wikstrom@skaraborg.se", "0500-49 71 20"],
            ),
        ],
    ),
    [
        P("Nils-Erik Svärd", "mentioned", "förbundsdirektör, ordförande", "Skaraborgs kommunalförbund"),
        P("Marcus Åkesson", "mentioned", "samverkansansvarig", "Högskolan i Skövde"),
        P("Sara Eriksson", "mentioned", "sektionschef", "Arbetsförmedlingen"),
        P("Milan Tadić", "mentioned", "vd", "IDC West Sweden"),
        P("Tarja Koskinen", "contact", "Projektledare", "Skaraborgs kommunalförbund"),
        P("Filip Wikström", "contact", "Kommunikatör", "Skaraborgs kommunalförbund"),
    ],
)

doc(
    "skaraborg/protokoll-styrgrupp-2021-05-20.pdf",
    "pdf",
    (
        "Skaraborgs kommunalförbund · Protokoll",
        [
            ("title", "Protokoll – styrgruppsmöte, Samverkansmodell för kompetensförsörjning i Skaraborg"),
            ("p", "Datum: 20 maj 2021, kl. 13.00–15.00. Plats: Högskolan i Skövde."),
            ("h", "Närvarande"),
            (
                "table",
                [
                    ["Namn", "Roll", "Organisation"],
                    ["Nils-Erik Svärd", "ordförande", "Skaraborgs kommunalförbund"],
                    ["Marcus Åkesson", "ledamot", "Högskolan i Skövde"],
                    ["Sara Eriksson", "ledamot", "Arbetsförmedlingen"],
                    ["Milan Tadić", "ledamot", "IDC West Sweden"],
                    ["Tarja Koskinen", "projektledare, föredragande", "Skaraborgs kommunalförbund"],
                ],
            ),
            ("h", "1. Lägesrapport"),
            (
                "p",
                "Projektledaren redogjorde för kartläggningen av branscherna fordon och livsmedel. Styrgruppen "
                "noterade att pandemin har försenat intervjuerna med företagen.",
            ),
            ("h", "2. Slutrapportens upplägg"),
            (
                "p",
                "Styrgruppen beslutade att slutrapporten ska innehålla konkreta förslag om en permanent "
                "samverkansmodell och redovisas för förbundsdirektionen hösten 2022.",
            ),
            (
                "contacts2",
                "Kontaktpersoner",
                ["Tarja Koskinen", "Projektledare", "tarja.koskinen@skaraborg.se", "0500-49 71 00"],
                ["Nils-Erik Svärd", "Förbundsdirektör", "nils-erik.svard@skaraborg.se", "0500-49 70 00"],
            ),
        ],
    ),
    [
        P("Nils-Erik Svärd", "contact", "ordförande; Förbundsdirektör", "Skaraborgs kommunalförbund"),
        P("Marcus Åkesson", "participant", "ledamot", "Högskolan i Skövde"),
        P("Sara Eriksson", "participant", "ledamot", "Arbetsförmedlingen"),
        P("Milan Tadić", "participant", "ledamot", "IDC West Sweden"),
        P("Tarja Koskinen", "contact", "projektledare, föredragande", "Skaraborgs kommunalförbund"),
    ],
    [
        M(
            "styrgrupp-skaraborg-2021-05",
            "Styrgruppsmöte, Samverkansmodell för kompetensförsörjning i Skaraborg",
            "2021-05-20",
            "20 maj 2021, kl. 13.00–15.00",
            "Högskolan i Skövde",
            ["Nils-Erik Svärd", "Marcus Åkesson", "Sara Eriksson", "Milan Tadić", "Tarja Koskinen"],
            ["Skaraborgs kommunalförbund", "Högskolan i Skövde", "Arbetsförmedlingen", "IDC West Sweden"],
        )
    ],
)

doc(
    "tillvaxtverket/rapport-0359-utvardering.pdf",
    "pdf",
    (
        "Tillväxtverket · Rapport 0359 · 2021",
        [
            ("title", "Att stödja och främja det regionala kompetensförsörjningsarbetet"),
            ("p", "Utvärdering av Tillväxtverkets uppdrag 2018–2020. Rapport 0359. ISBN 978-91-88961-96-9."),
            ("p", "Utvärderingen har genomförts av Ramboll Management Consulting."),
            ("p", "Författare: Katarzyna Nowak och Joakim Berg, Ramboll."),
            ("p", "Rapporten har beslutats av generaldirektör Henrik Wahlberg."),
            ("h", "Sammanfattning"),
            (
                "p",
                "Uppdraget har stärkt regionernas förmåga att ta fram analyser och prognoser och att föra dialog med "
                "utbildningsanordnare. Samtidigt har de ettåriga uppdragen gjort det svårt att bygga upp långsiktiga "
                "strukturer. Utvärderarna rekommenderar en mer långsiktig statlig styrning.",
            ),
            ("h", "Intervjuade regionala företrädare (urval)"),
            (
                "table",
                [
                    ["Namn", "Roll", "Organisation"],
                    ["Karin M. Sjöberg", "enhetschef", "Västra Götalandsregionen"],
                    ["Tomas Ekberg", "regionutvecklingsdirektör", "Region Östergötland"],
                    ["Kerstin Ljungqvist", "analytiker", "Region Jönköpings län"],
                ],
            ),
            (
                "contacts2",
                "Kontakt",
                ["Piotr Kowalski", "Utredare", "piotr.kowalski@tillvaxtverket.se", "08-681 91 00"],
                ["Jakob Nyström", "Presskontakt", "press@tillvaxtverket.se", "08-681 65 00"],
            ),
        ],
    ),
    [
        P("Katarzyna Nowak", "author", None, "Ramboll Management Consulting"),
        P("Joakim Berg", "author", None, "Ramboll Management Consulting"),
        P("Henrik Wahlberg", "author", "generaldirektör", "Tillväxtverket"),
        P("Karin M. Sjöberg", "mentioned", "enhetschef", "Västra Götalandsregionen"),
        P("Tomas Ekberg", "mentioned", "regionutvecklingsdirektör", "Region Östergötland"),
        P("Kerstin Ljungqvist", "mentioned", "analytiker", "Region Jönköpings län"),
        P("Piotr Kowalski", "contact", "Utredare", "Tillväxtverket"),
        P("Jakob Nyström", "contact", "Presskontakt", "Tillväxtverket"),
    ],
)

doc(
    "regionjonkoping/rapport-0305-kompetensforsorjning.pdf",
    "pdf",
    (
        "Tillväxtverket och Region Jönköpings län · Rapport 0305 · 2019",
        [
            ("title", "Kompetensförsörjning i Jönköpings län – en analysmodell"),
            ("p", "Rapport 0305. ISBN 978-91-88961-32-7. Författare: Kerstin Ljungqvist och Dilan Rashid."),
            (
                "p",
                "Rapporten beskriver en modell för att analysera kompetensförsörjningen i länet och prövar den på fem "
                "sektorer: tillverkning, IT, bygg, transport samt vård och omsorg. Modellen kombinerar registerdata "
                "med intervjuer med arbetsgivare.",
            ),
            ("h", "Referensgrupp"),
            (
                "table",
                [
                    ["Namn", "Roll", "Organisation"],
                    ["Ali Hosseini", "utvecklingsledare", "Region Jönköpings län"],
                    ["Fatima Zahra Benali", "HR-strateg", "Jönköpings kommun"],
                    ["Henrik Ståhl", "regionchef", "Teknikföretagen"],
                ],
            ),
            ("h", "Slutsatser"),
            (
                "p",
                "Störst är bristen inom tillverkningsindustrin och vården, där pensionsavgångarna är stora. "
                "Modellen kan användas av andra regioner och uppdateras årligen.",
            ),
            (
                "contacts2",
                "Kontakt",
                ["Kerstin Ljungqvist", "Analytiker", "kerstin.ljungqvist@rjl.se", "010-242 00 00"],
                ["Ali Hosseini", "Utvecklingsledare", "ali.hosseini@rjl.se", "010-242 10 00"],
            ),
        ],
    ),
    [
        P("Kerstin Ljungqvist", "contact", "Analytiker", "Region Jönköpings län"),
        P("Dilan Rashid", "author", None, "Region Jönköpings län"),
        P("Ali Hosseini", "contact", "utvecklingsledare; Utvecklingsledare", "Region Jönköpings län"),
        P("Fatima Zahra Benali", "mentioned", "HR-strateg", "Jönköpings kommun"),
        P("Henrik Ståhl", "mentioned", "regionchef", "Teknikföretagen"),
    ],
)

doc(
    "vgr/protokoll-beredningsgrupp-2024-06-10.pdf",
    "pdf",
    (
        "Västra Götalandsregionen · Regionutvecklingsnämnden",
        [
            ("title", "Protokoll – Beredningsgruppen för kompetensförsörjning"),
            ("p", "Datum: 10 juni 2024. Plats: Regionens hus, Vänersborg."),
            ("h", "Närvarande"),
            (
                "table",
                [
                    ["Namn", "Parti", "Roll"],
                    ["Ann-Sofie Lindqvist", "M", "ordförande"],
                    ["Astrid Bäckström", "L", "ledamot"],
                    ["Ibrahim Yusuf", "S", "ledamot"],
                    ["Karin M. Sjöberg", "–", "enhetschef"],
                    ["Pekka Hämäläinen", "–", "projektledare, föredragande"],
                ],
            ),
            ("h", "§ 8 Delregionala kompetensråd"),
            (
                "p",
                "Pekka Hämäläinen redovisade hur de fyra delregionala kompetensråden i Fyrbodal, Göteborgsregionen, "
                "Boråsregionen och Skaraborg har arbetat under första halvåret. Beredningsgruppen föreslår att "
                "avsiktsförklaringen förlängs.",
            ),
            ("h", "§ 9 Regionalt påverkansarbete"),
            (
                "p",
                "Karin M. Sjöberg informerade om regionens ståndpunkt att uppdraget om kompetensförsörjning bör skrivas "
                "in i lagen om regionalt utvecklingsansvar.",
            ),
            (
                "contacts2",
                "Kontakt",
                ["Pekka Hämäläinen", "Projektledare", "pekka.hamalainen@vgregion.se", "010-441 30 00"],
                ["Signe Wallin", "Strateg", "signe.wallin@vgregion.se", "010-441 23 45"],
            ),
        ],
    ),
    [
        P("Ann-Sofie Lindqvist", "participant", "ordförande", "Västra Götalandsregionen", "M"),
        P("Astrid Bäckström", "participant", "ledamot", "Västra Götalandsregionen", "L"),
        P("Ibrahim Yusuf", "participant", "ledamot", "Västra Götalandsregionen", "S"),
        P("Karin M. Sjöberg", "participant", "enhetschef", "Västra Götalandsregionen"),
        P("Pekka Hämäläinen", "contact", "projektledare, föredragande; Projektledare", "Västra Götalandsregionen"),
        P("Signe Wallin", "contact", "Strateg", "Västra Götalandsregionen"),
    ],
    [
        M(
            "beredning-vgr-2024-06",
            "Beredningsgruppen för kompetensförsörjning",
            "2024-06-10",
            "10 juni 2024",
            "Regionens hus, Vänersborg",
            ["Ann-Sofie Lindqvist", "Astrid Bäckström", "Ibrahim Yusuf", "Karin M. Sjöberg", "Pekka Hämäläinen"],
            ["Västra Götalandsregionen"],
        )
    ],
)

doc(
    "regionuppsala/regional-utvecklingsrapport-2018.pdf",
    "pdf",
    (
        "Region Uppsala · Regional utvecklingsrapport · 2018",
        [
            ("title", "Regional utvecklingsrapport 2018"),
            (
                "p",
                "I villkorsbeslutet för 2018 erbjuds regionerna ett uppdrag om kompetensförsörjning. Region Uppsala ska "
                "svara senast den 16 mars och lämna en plan för arbetet senast den 30 juni 2018. Tillväxtverket "
                "fördelar cirka 1,8 miljoner kronor per region.",
            ),
            (
                "p",
                "Arbetet bygger vidare på Teknikcollege Uppland, VO-College Uppland och Forum för inkluderande "
                "arbetsmarknad.",
            ),
            ("h", "Arbetsgrupp"),
            (
                "table",
                [
                    ["Namn", "Roll"],
                    ["Charlotta von Essen", "enhetschef regional utveckling"],
                    ["Omar Farah", "processledare"],
                    ["Anna Berg Lindholm", "utredare"],
                ],
            ),
            (
                "contacts2",
                "Kontakt",
                [
                    "Charlotta von Essen",
                    "Enhetschef regional utveckling",
                    "charlotta.vonessen@regionuppsala.se",
                    "018-611 00 00",
                ],
                ["Anna Berg Lindholm", "Utredare", "anna.berg.lindholm@regionuppsala.se", "018-611 00 10"],
            ),
        ],
    ),
    [
        P("Charlotta von Essen", "contact", "enhetschef regional utveckling", "Region Uppsala"),
        P("Omar Farah", "mentioned", "processledare", "Region Uppsala"),
        P("Anna Berg Lindholm", "contact", "utredare", "Region Uppsala"),
    ],
)

# ---------------------------------------------------------------- TXT (copied web pages)
doc(
    "malardalsradet/kompetensforsorjningen-beror-oss-alla.txt",
    "txt",
    """
Hoppa till innehållet
Mälardalsrådet
Start   Om Mälardalsrådet   Aktuellt   Projekt   Kontakt
Sök

Aktuellt
Kompetensförsörjningen berör oss alla
Publicerad 6 oktober 2023

I går arrangerade Region Östergötland konferensen Framtid Östergötland i Norrköping. Temat var kompetensförsörjning, och Mälardalsrådet var på plats för att lyssna.

Ostlänken lyftes som ett tydligt exempel: när den nya stambanan byggs kommer efterfrågan på ingenjörer, byggarbetare och projektledare att öka kraftigt i hela östra Mellansverige.

– Ingen region klarar det här ensam. Vi måste planera utbildning tillsammans över länsgränserna, sa Anneli Bergkvist (M), ordförande i regionstyrelsen.

Per-Olof Lundgren (KD), ordförande i regionutvecklingsnämnden och ledamot i styrgruppen för En Bättre Matchning, deltog i eftermiddagens panel om storregional samverkan.

En Bättre Matchning är ett samarbete mellan regionerna i östra Mellansverige om kompetensförsörjning och matchning på arbetsmarknaden.

Kontakt
En Bättre Matchning
Robert Ekholm
robert.ekholm@malardalsradet.se
070-123 45 67

Dela sidan
Mälardalsrådet  |  Integritetspolicy  |  Kakor
""",
    [
        P("Anneli Bergkvist", "participant", "ordförande i regionstyrelsen", "Region Östergötland", "M"),
        P(
            "Per-Olof Lundgren",
            "participant",
            "ordförande i regionutvecklingsnämnden; ledamot i styrgruppen för En Bättre Matchning",
            "Region Östergötland",
            "KD",
        ),
        P("Robert Ekholm", "contact", None, "Mälardalsrådet"),
    ],
    [
        M(
            "framtid-ostergotland-2023",
            "Framtid Östergötland",
            "2023-10-05",
            "I går",
            "Norrköping",
            ["Anneli Bergkvist", "Per-Olof Lundgren"],
            ["Region Östergötland", "Mälardalsrådet"],
        )
    ],
)

doc(
    "tillvaxtverket/pressmeddelande-satsning-forlangs.txt",
    "txt",
    """
Tillvaxtverket - Pressrum
Nyheter  Pressmeddelanden  Bilder  Kontakt

Pressmeddelande 2018-03-02
Satsning pa kompetensforsorjning i regionerna forlangs

Regeringen har gett Tillvaxtverket i uppdrag att under 2018-2020 stodja regionernas arbete med kompetensforsorjning. Totalt handlar det om 80 miljoner kronor.

Pengarna ska bland annat ga till att utveckla regionala analyser och prognoser over behovet av kompetens och till att starka samverkan med utbildningsanordnare.

- Regionerna behover langsiktiga forutsattningar for att kunna bygga upp sitt arbete, sager Asa Lindstrom, enhetschef Regional naringslivsutveckling pa Tillvaxtverket.

Kontakt
Asa Lindstrom, enhetschef Regional naringslivsutveckling
Telefon: 08-681 91 00

Presskontakt
Jakob Nystrom
Telefon: 08-681 65 00

Om Tillvaxtverket
Tillvaxtverket arbetar for att fler foretag ska vilja, kunna och vaga vaxa.
""",
    [
        P("Asa Lindstrom", "contact", "enhetschef Regional naringslivsutveckling", "Tillväxtverket"),
        P("Jakob Nystrom", "contact", "Presskontakt", "Tillväxtverket"),
    ],
)

doc(
    "tillvaxtverket/publikation-0120-uppfoljning.txt",
    "txt",
    """
Hem   Publikationer   Om oss   Kontakta oss
Tillväxtverket

Publikationer 2012
Uppföljning av regionalt kompetensförsörjningsarbete
Rapport 0120, januari 2012
ISBN 978-91-86987-28-2

Rapporten följer upp hur de regionala kompetensplattformarna har byggts upp sedan 2010. Den visar att samtliga län har etablerat en plattform, men att de skiljer sig åt i hur långt de har kommit med analyser och samverkan med utbildningsanordnarna.

Förordet är skrivet av Åsa Lindström, enhetschef.

Beställ tryckt exemplar | Ladda ner pdf

Frågor om rapporten besvaras av Marjatta Kangas, programansvarig, 08-681 91 00.
""",
    [
        P("Åsa Lindström", "author", "enhetschef", "Tillväxtverket"),
        P("Marjatta Kangas", "contact", "programansvarig", "Tillväxtverket"),
    ],
)

doc(
    "regionjonkoping/nyhet-seminarium-kompetensforsorjning.txt",
    "txt",
    """
Region Jönköpings län
Meny   Regional utveckling   Nyheter   Kontakt

Nyhet 2019-05-14
Ny modell visar länets kompetensbehov

I dag presenterades rapporten Kompetensförsörjning i Jönköpings län vid ett seminarium på Science Park i Jönköping. Rapporten är framtagen tillsammans med Tillväxtverket.

Analytikern Kerstin Ljungqvist presenterade resultaten: bristen är störst inom tillverkning och vård, men också IT, bygg och transport behöver fler medarbetare.

Selam Tesfaye, handläggare på Tillväxtverket, berättade om hur modellen kan användas i andra regioner. I panelen deltog även Fatima Zahra Benali, HR-strateg på Jönköpings kommun, och utvecklingsledaren Ali Hosseini.

Frågor om analysen besvaras av Dilan Rashid, statistiker, Region Jönköpings län, 010-242 00 00.
""",
    [
        P("Kerstin Ljungqvist", "participant", "Analytikern", "Region Jönköpings län"),
        P("Selam Tesfaye", "participant", "handläggare", "Tillväxtverket"),
        P("Fatima Zahra Benali", "participant", "HR-strateg", "Jönköpings kommun"),
        P("Ali Hosseini", "participant", "utvecklingsledaren", "Region Jönköpings län"),
        P("Dilan Rashid", "contact", "statistiker", "Region Jönköpings län"),
    ],
    [
        M(
            "seminarium-jonkoping-2019-05",
            "Seminarium om rapporten Kompetensförsörjning i Jönköpings län",
            "2019-05-14",
            "I dag",
            "Science Park, Jönköping",
            ["Kerstin Ljungqvist", "Selam Tesfaye", "Fatima Zahra Benali", "Ali Hosseini"],
            ["Region Jönköpings län", "Tillväxtverket", "Jönköpings kommun"],
        )
    ],
)

doc(
    "vgr/skilled-labour-supply.txt",
    "txt",
    """
Västra Götalandsregionen | In English
Home   Regional development   Culture   Contact

Skilled Labour Supply

Västra Götalandsregionen works with skilled labour supply under the government commission Kompetensplattform Västra Götaland. The work covers four areas: strategic influence, projects, learning and exchange, and forecasts and knowledge base.

The region cooperates closely with the four associations of local authorities. Pekka Hämäläinen, project manager for the platform, coordinates the subregional skills councils.

Contact
Signe Wallin, Strategist, skilled labour supply
signe.wallin@vgregion.se
+46 10 441 23 45
""",
    [
        P("Pekka Hämäläinen", "mentioned", "project manager for the platform", "Västra Götalandsregionen"),
        P("Signe Wallin", "contact", "Strategist, skilled labour supply", "Västra Götalandsregionen"),
    ],
)

doc(
    "fyrbodal/om-kommunalforbundet.txt",
    "txt",
    """
Fyrbodals kommunalförbund
Om oss   Verksamhet   Nyheter   Kontakt   Sök

Om kommunalförbundet

Fyrbodals kommunalförbund bildades 2005 och består av 14 kommuner i Dalsland, norra Bohuslän och nordvästra Västergötland. Förbundet är ett av fyra kommunalförbund i Västra Götaland.

Förbundet arbetar med regional utveckling, kompetensförsörjning, infrastruktur och välfärdsfrågor på uppdrag av medlemskommunerna. Direktionen består av kommunstyrelsernas ordförande. Birgitta Holm (C) är direktionens ordförande.

Kontakt

Kompetensförsörjning och utbildning
Elin de Vries
elin.devries@fyrbodal.se

Administrativ chef Hassan Abdi Warsame
0522-44 08 20

Postadress: Box 305, 451 18 Uddevalla
""",
    [
        P("Elin de Vries", "contact", None, "Fyrbodals kommunalförbund"),
        P("Hassan Abdi Warsame", "contact", "Administrativ chef", "Fyrbodals kommunalförbund"),
        P("Birgitta Holm", "mentioned", "direktionens ordförande", "Fyrbodals kommunalförbund", "C"),
    ],
)

doc(
    "regionnorrbotten/nyhet-kompetensdialog.txt",
    "txt",
    """
Region Norrbotten
Start   Regional utveckling   Nyheter   Jobba hos oss   Kontakt

Publicerad: 2024-05-24
Stort intresse för kompetensdialog i Luleå

I onsdags hölls årets första kompetensdialog på Elite Stadshotellet i Luleå. Region, kommuner, Luleå tekniska universitet och Sametinget diskuterade hur länet ska klara rekryteringarna i den gröna omställningen.

– Vi behöver fler vägar in i arbetslivet, och vi behöver dem snabbt, säger Kalle Pekkari, regionutvecklingsdirektör.

Ante Nutti från Sametinget betonade att de samiska näringarna också har stora kompetensbehov.

Presskontakt
Henna Alatalo
070-555 12 34
""",
    [
        P("Kalle Pekkari", "participant", "regionutvecklingsdirektör", "Region Norrbotten"),
        P("Ante Nutti", "participant", None, "Sametinget"),
        P("Henna Alatalo", "contact", "Presskontakt", "Region Norrbotten"),
    ],
    [
        M(
            "kompetensdialog-norrbotten-2024-05",
            "Kompetensdialog",
            "2024-05-22",
            "I onsdags",
            "Elite Stadshotellet, Luleå",
            ["Kalle Pekkari", "Ante Nutti"],
            ["Region Norrbotten", "Luleå tekniska universitet", "Sametinget"],
        )
    ],
)

# ================================================================ queries
# (text, expected people best first, expected paths). Types are balanced over
# odd (tuning) and even (held-back) qids by laying each type out in pairs.
_CONTACT = [
    ("vem leder kompetensradet i Sjuharad", ["Tuva Hallberg"], ["borasregionen/kompetensradet.html"]),
    ("kontakt för KP-rådet i Boråsregionen", ["Mirja Niemelä"], ["borasregionen/kompetensplattformen.html"]),
    (
        "vuxenutbildning sjuhärad utvecklingsledare",
        ["Mohammed Al-Khatib"],
        ["borasregionen/kompetensplattformen.html", "borasregionen/minnesanteckningar-kompetensradet-2024-03-14.md"],
    ),
    (
        "vem svarar på frågor om kompetensplattformen i västra götaland",
        ["Signe Wallin", "Pekka Hämäläinen"],
        [
            "vgr/kompetensplattform-vastra-gotaland.html",
            "vgr/skilled-labour-supply.txt",
            "vgr/protokoll-beredningsgrupp-2024-06-10.pdf",
        ],
    ),
    (
        "prognoser om arbetsmarknaden i VGR, vem kan jag fråga",
        ["Ahmad Rezaei"],
        ["vgr/kompetensplattform-vastra-gotaland.html"],
    ),
    (
        "chef för analysenheten i Västra Götalandsregionen",
        ["Karin M. Sjöberg"],
        [
            "vgr/mote-pa-hog-niva.html",
            "vgr/protokoll-beredningsgrupp-2024-06-10.pdf",
            "tillvaxtverket/rapport-0359-utvardering.pdf",
        ],
    ),
    ("presskontakt vgr", ["Leila Moradi"], ["vgr/mote-pa-hog-niva.html"]),
    (
        "kontaktperson kompetensplattformen göteborgsregionen",
        ["Zeynep Arslan"],
        ["gr/kompetensplattform-vastra-gotaland.html", "gr/pm-delregionalt-kompetensrad.docx"],
    ),
    (
        "statistik om bristyrken i GR",
        ["Dragan Petrović"],
        ["gr/pm-delregionalt-kompetensrad.docx", "gr/kompetensplattform-vastra-gotaland.html"],
    ),
    (
        "who handles skills supply at Business Region Goteborg",
        ["Camila Fuentes Rojas"],
        ["gr/kompetensplattform-vastra-gotaland.html", "gr/pm-delregionalt-kompetensrad.docx"],
    ),
    (
        "kontakt om konferensen framtid östergötland",
        ["Mikael Ståhlberg", "Thu Trang Nguyen"],
        [
            "regionostergotland/framtid-ostergotland.html",
            "regionostergotland/minnesanteckningar-framtid-ostergotland.docx",
        ],
    ),
    (
        "chef tillvaxtenheten region ostergotland",
        ["Amra Mehmedović"],
        [
            "regionostergotland/framtid-ostergotland.html",
            "regionostergotland/protokoll-regionutvecklingsnamnden-2024-02-21.md",
            "regionostergotland/minnesanteckningar-framtid-ostergotland.docx",
            "vgr/mote-pa-hog-niva.html",
        ],
    ),
    (
        "sekreterare i nämnden för regional utveckling i Östergötland",
        ["Johanna Kivelä"],
        ["regionostergotland/protokoll-regionutvecklingsnamnden-2024-02-21.md"],
    ),
    (
        "hr direktor region ostergotland",
        ["Sofia Rantala"],
        [
            "regionostergotland/protokoll-regionutvecklingsnamnden-2024-02-21.md",
            "regionostergotland/minnesanteckningar-framtid-ostergotland.docx",
        ],
    ),
    (
        "tillväxtverket handläggare regional kompetensförsörjning",
        ["Selam Tesfaye"],
        [
            "tillvaxtverket/vara-uppdrag-kompetensforsorjning.html",
            "tillvaxtverket/natverksmote-valideringsstrukturer-2023-09-12.md",
            "regionjonkoping/nyhet-seminarium-kompetensforsorjning.txt",
        ],
    ),
    (
        "presskontakt för utvärderingsrapporten om kompetensförsörjningsuppdraget",
        ["Jakob Nyström"],
        ["tillvaxtverket/rapport-0359-utvardering.pdf"],
    ),
    (
        "who can answer questions about the evaluation of the 2018-2020 skills supply assignment",
        ["Piotr Kowalski"],
        ["tillvaxtverket/rapport-0359-utvardering.pdf"],
    ),
    ("frågor om uppföljningsrapporten 0120", ["Marjatta Kangas"], ["tillvaxtverket/publikation-0120-uppfoljning.txt"]),
    (
        "enhetschef regional naringslivsutveckling tillvaxtverket",
        ["Asa Lindstrom"],
        ["tillvaxtverket/pressmeddelande-satsning-forlangs.txt"],
    ),
    (
        "kompetensplanering för småföretag i halland",
        ["Maja Ingvarsson", "Babak Karimi"],
        [
            "regionhalland/ratt-kompetens-for-hallandska-foretag.html",
            "regionhalland/minnesanteckningar-workshop-kompetensplanering.docx",
        ],
    ),
    (
        "projektledare ratt kompetens halland",
        ["Babak Karimi"],
        [
            "regionhalland/ratt-kompetens-for-hallandska-foretag.html",
            "regionhalland/minnesanteckningar-workshop-kompetensplanering.docx",
        ],
    ),
    (
        "frågor om yrkesvux i södra Sverige",
        ["Leila Haddad"],
        ["regionskane/regionalt-yrkesvux.html", "regionskane/pm-samrad-yrkesvux.docx"],
    ),
    (
        "vem driver Kompetens Syd",
        ["Yusuf Özdemir"],
        ["regionskane/regionalt-yrkesvux.html", "regionskane/pm-samrad-yrkesvux.docx"],
    ),
    ("presskontackt region skåne yrkesvux", ["Gabriela Soto"], ["regionskane/pm-samrad-yrkesvux.docx"]),
    (
        "administrativ chef fyrbodal",
        ["Hassan Abdi Warsame"],
        [
            "fyrbodal/om-kommunalforbundet.txt",
            "fyrbodal/protokoll-direktionen-2024-04-18.docx",
            "fyrbodal/nyhetsbrev-nya-samordnare.md",
        ],
    ),
    (
        "samordnare vård och omsorgscollege i fyrbodal",
        ["Jasmin Ibrahimović"],
        ["fyrbodal/nyhetsbrev-nya-samordnare.md", "fyrbodal/protokoll-direktionen-2024-04-18.docx"],
    ),
    (
        "teknikcollege samordnare i Uppland",
        ["Niina Laaksonen"],
        ["regionuppsala/pm-teknikcollege-uppland.docx", "regionuppsala/forum-inkluderande-arbetsmarknad-2023-11-16.md"],
    ),
    ("teknikcollege fyrbodal kontakt", ["Olle Bergdahl"], ["fyrbodal/nyhetsbrev-nya-samordnare.md"]),
    (
        "projektledare samverkansmodelen skaraborg",
        ["Tarja Koskinen"],
        ["skaraborg/slutrapport-samverkansmodell.pdf", "skaraborg/protokoll-styrgrupp-2021-05-20.pdf"],
    ),
    ("kommunikator skaraborgs kommunalforbund", ["Filip Wikström"], ["skaraborg/slutrapport-samverkansmodell.pdf"]),
    (
        "forum för inkluderande arbetsmarknad kontaktperson",
        ["Omar Farah"],
        [
            "regionuppsala/forum-inkluderande-arbetsmarknad-2023-11-16.md",
            "regionuppsala/regional-utvecklingsrapport-2018.pdf",
        ],
    ),
    (
        "utvecklingsrapporten region uppsala 2018 vem kontaktar jag",
        ["Charlotta von Essen", "Anna Berg Lindholm"],
        ["regionuppsala/regional-utvecklingsrapport-2018.pdf"],
    ),
    (
        "analys av kompetensbehov i jönköpings län",
        ["Kerstin Ljungqvist", "Dilan Rashid", "Ali Hosseini"],
        [
            "regionjonkoping/rapport-0305-kompetensforsorjning.pdf",
            "regionjonkoping/nyhet-seminarium-kompetensforsorjning.txt",
        ],
    ),
    (
        "En Battre Matchning kontaktperson",
        ["Robert Ekholm"],
        ["malardalsradet/kompetensforsorjningen-beror-oss-alla.txt"],
    ),
    (
        "kompetensdialog norrboten kontakt",
        ["Elle Márjá Utsi"],
        ["regionnorrbotten/minnesanteckningar-kompetensdialog.md"],
    ),
    ("press contact Region Norrbotten", ["Henna Alatalo"], ["regionnorrbotten/nyhet-kompetensdialog.txt"]),
    (
        "regionutvecklingsdirektor i norrbotten",
        ["Kalle Pekkari"],
        ["regionnorrbotten/minnesanteckningar-kompetensdialog.md", "regionnorrbotten/nyhet-kompetensdialog.txt"],
    ),
    (
        "regionutvecklingsdirektör Östergötland",
        ["Tomas Ekberg"],
        [
            "regionostergotland/framtid-ostergotland.html",
            "regionostergotland/protokoll-regionutvecklingsnamnden-2024-02-21.md",
            "regionostergotland/minnesanteckningar-framtid-ostergotland.docx",
            "tillvaxtverket/rapport-0359-utvardering.pdf",
        ],
    ),
]
_PERSON = [
    (
        "vad gör Zeynep Arslan",
        ["Zeynep Arslan"],
        ["gr/kompetensplattform-vastra-gotaland.html", "gr/pm-delregionalt-kompetensrad.docx"],
    ),
    (
        "Karin Sjöberg VGR",
        ["Karin M. Sjöberg"],
        [
            "vgr/mote-pa-hog-niva.html",
            "vgr/protokoll-beredningsgrupp-2024-06-10.pdf",
            "tillvaxtverket/rapport-0359-utvardering.pdf",
        ],
    ),
    (
        "vem ar Pekka Hamalainen",
        ["Pekka Hämäläinen"],
        [
            "vgr/protokoll-beredningsgrupp-2024-06-10.pdf",
            "vgr/skilled-labour-supply.txt",
            "skaraborg/natverksmote-vo-college.md",
        ],
    ),
    (
        "Tuva Hallberg roll",
        ["Tuva Hallberg"],
        ["borasregionen/kompetensradet.html", "borasregionen/minnesanteckningar-kompetensradet-2024-03-14.md"],
    ),
    (
        "what does Selam Tesfaye work on",
        ["Selam Tesfaye"],
        [
            "tillvaxtverket/vara-uppdrag-kompetensforsorjning.html",
            "tillvaxtverket/natverksmote-valideringsstrukturer-2023-09-12.md",
            "regionjonkoping/nyhet-seminarium-kompetensforsorjning.txt",
        ],
    ),
    (
        "Amra Mehmedovic",
        ["Amra Mehmedović"],
        [
            "regionostergotland/framtid-ostergotland.html",
            "regionostergotland/protokoll-regionutvecklingsnamnden-2024-02-21.md",
            "regionostergotland/minnesanteckningar-framtid-ostergotland.docx",
            "vgr/mote-pa-hog-niva.html",
        ],
    ),
    (
        "Lars-Göran Fredriksson ordförande",
        ["Lars-Göran Fredriksson"],
        ["borasregionen/kompetensradet.html", "borasregionen/minnesanteckningar-kompetensradet-2024-03-14.md"],
    ),
    (
        "Elle Marja Utsi",
        ["Elle Márjá Utsi"],
        [
            "regionnorrbotten/minnesanteckningar-kompetensdialog.md",
            "tillvaxtverket/natverksmote-valideringsstrukturer-2023-09-12.md",
        ],
    ),
]
_MEETING = [
    (
        "konferensen Framtid Östergötland oktober 2023",
        [],
        [
            "regionostergotland/framtid-ostergotland.html",
            "regionostergotland/minnesanteckningar-framtid-ostergotland.docx",
            "malardalsradet/kompetensforsorjningen-beror-oss-alla.txt",
        ],
    ),
    (
        "kompetensdialog i Lulea maj 2024",
        [],
        ["regionnorrbotten/minnesanteckningar-kompetensdialog.md", "regionnorrbotten/nyhet-kompetensdialog.txt"],
    ),
    ("möte med statssekreterare i Linköping om kompetensförsörjning", [], ["vgr/mote-pa-hog-niva.html"]),
    ("kompetensrådet sjuhärad mars 2024", [], ["borasregionen/minnesanteckningar-kompetensradet-2024-03-14.md"]),
    (
        "natverksmote om valideringsstrukturer september 2023",
        [],
        ["tillvaxtverket/natverksmote-valideringsstrukturer-2023-09-12.md"],
    ),
    ("styrgruppsmöte samverkansmodell skaraborg maj 2021", [], ["skaraborg/protokoll-styrgrupp-2021-05-20.pdf"]),
]


def _build_queries():
    pairs = []
    for typ, items in (("contact", _CONTACT), ("person", _PERSON), ("meeting", _MEETING)):
        assert len(items) % 2 == 0, typ
        for i in range(0, len(items), 2):
            pairs.append((typ, items[i : i + 2]))
    # interleave: contact pairs with person/meeting pairs spread through the list
    contact = [p for p in pairs if p[0] == "contact"]
    other = [p for p in pairs if p[0] != "contact"]
    order = []
    while contact or other:
        if contact:
            order.append(contact.pop(0))
        if contact:
            order.append(contact.pop(0))
        if other:
            order.append(other.pop(0))
    out = []
    for typ, items in order:
        for text, expected, paths in items:
            out.append(
                {
                    "qid": f"u{len(out) + 1:02d}",
                    "text": text,
                    "type": typ,
                    "expected": expected,
                    "expected_paths": paths,
                }
            )
    return out


QUERIES = _build_queries()


def main():
    if CORPUS.exists():
        shutil.rmtree(CORPUS)
    CORPUS.mkdir(parents=True)
    GOLD.mkdir(exist_ok=True)
    for d in DOCS:
        write_doc(d)
    with (GOLD / "people.jsonl").open("w", encoding="utf-8") as f:
        for d in DOCS:
            for p in d["people"]:
                f.write(json.dumps({"path": d["path"], **p}, ensure_ascii=False) + "\n")
    with (GOLD / "meetings.jsonl").open("w", encoding="utf-8") as f:
        for d in DOCS:
            for m in d["meetings"]:
                row = {
                    "path": d["path"],
                    "title": m["title"],
                    "date": m["date"],
                    "date_end": m["date_end"],
                    "date_text": m["date_text"],
                    "place": m["place"],
                    "participants": m["participants"],
                    "organisations": m["organisations"],
                    "meeting_id": m["meeting_id"],
                }
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    with (GOLD / "contact_queries.jsonl").open("w", encoding="utf-8") as f:
        for q in QUERIES:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    print(
        f"{len(DOCS)} documents, "
        f"{sum(len(d['people']) for d in DOCS)} person mentions, "
        f"{sum(len(d['meetings']) for d in DOCS)} meeting records, {len(QUERIES)} queries"
    )


if __name__ == "__main__":
    main()
