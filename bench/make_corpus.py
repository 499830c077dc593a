#!/usr/bin/env python3
"""The benchmark corpus: a synthetic safeguarding partnership site of any size.

One folder builds with every engine the benchmarks compare:

    config.toml, content/, templates/   safesite and Zola
    hugo.toml, layouts/                 Hugo (reading the same content/)

The home page lists the sections; each section lists its pages by weight, ten to a page
(`paginate_by`). Every page is dated and has TOML front matter, headings, a bulleted list,
a table, links to two other pages, a footnote and a fenced TOML block that differs from
every other page's (so no engine can highlight it once and reuse the result), and terms
in two taxonomies: one to three of 36 themes and one or two of 24 agencies, each taxonomy
with a list of its terms and a page per term, paginated too. Hugo reads taxonomies only
as top-level front matter keys, where Zola wants a `[taxonomies]` table, so Hugo gets its
own copy of the content (`content-hugo/`, the same text). The same arguments always give
the same files.

    bench/make_corpus.py --pages 10000 --out /dev/shm/corpus   # write a corpus
    bench/make_corpus.py --touch /dev/shm/corpus               # edit one of its pages
"""
import argparse
import json
import os
import random
import shutil

VOCABULARY = """
safeguarding partnership children young people families practitioners scrutiny
assurance learning review audit agency police health education council evidence impact
voice practice referral threshold help neglect exploitation missing contextual domestic
abuse training quality data escalation challenge accountability reflection improvement
outcome plan priority theme report findings recommendation response action meeting
board executive frontline manager scrutineer independent local area borough county
region service support advice contact concern risk school nursery hospital midwife
""".split()

THEMES = [
    "Neglect", "Domestic abuse", "Early help", "Child exploitation",
    "Children missing education", "Online safety", "Transition to adulthood",
    "Information sharing",
]
# Two taxonomies with a few dozen terms, as a partnership's learning library has.
TOPICS = THEMES + [
    "Child sexual abuse", "Criminal exploitation", "County lines", "Parental mental health",
    "Parental substance misuse", "Private fostering", "Allegations against staff",
    "Safer sleep", "Bruising in non-mobile babies", "Female genital mutilation",
    "Forced marriage", "Radicalisation", "Harmful sexual behaviour", "Self-harm",
    "Bullying", "Young carers", "Disabled children", "Children in care",
    "Care leavers", "Homelessness", "Elective home education", "Modern slavery",
    "Trafficking", "Fabricated or induced illness", "Honour-based abuse",
    "Professional curiosity", "Was not brought", "Escalation",
]
AGENCIES = [
    "Police", "Children's social care", "Adult social care", "Health visiting",
    "School nursing", "Midwifery", "GP practices", "Emergency departments",
    "Mental health services", "CAMHS", "Probation", "Youth justice", "Schools",
    "Early years settings", "Further education", "Housing", "Substance misuse services",
    "Domestic abuse services", "Voluntary sector", "Faith groups", "Sports clubs",
    "Ambulance service", "Fire and rescue", "Local authority designated officer",
]
METHODS = ["Case audit", "Practitioner interviews", "Peer review", "Self-assessment"]
MONTHS = ["May", "June", "July", "September", "October"]
STATUSES = ["open", "in-progress", "done"]


class Writer:
    """Random text from one seed, so a corpus is the same every time."""

    def __init__(self, seed):
        self.rng = random.Random(seed)

    def words(self, low, high):
        picked = [self.rng.choice(VOCABULARY) for _ in range(self.rng.randint(low, high))]
        return " ".join(picked)

    def sentence(self, low=7, high=18):
        text = self.words(low, high)
        return text[0].upper() + text[1:] + "."

    def paragraph(self, sentences=None):
        count = sentences or self.rng.randint(3, 6)
        return " ".join(self.sentence() for _ in range(count))

    def title(self, low=2, high=5):
        text = self.words(low, high)
        return text[0].upper() + text[1:]


def body(w, links):
    """The Markdown of one page."""
    parts = []
    for n in range(w.rng.randint(3, 5)):
        parts.append(f"## {w.title()}\n")
        parts.append(w.paragraph() + "\n")
        if n == 0:
            parts.extend(f"- {w.sentence(4, 11)}" for _ in range(w.rng.randint(3, 6)))
            parts.append("")
        elif n == 1:
            parts.append("| Theme | How | From | To |")
            parts.append("| --- | --- | --- | --- |")
            for theme in w.rng.sample(THEMES, 4):
                parts.append(f"| {theme} | {w.rng.choice(METHODS)} | "
                             f"{w.rng.choice(MONTHS)} 2025 | March 2026 |")
            parts.append("")
        elif n == 2:
            first, second = w.rng.sample(links, 2)
            parts.append(f"Read [the review this follows]({first}) and "
                         f"[what we found before]({second}).[^note]\n")
            parts.append(f"[^note]: {w.sentence(5, 9)}\n")
    code = ["```toml"]
    for _ in range(w.rng.randint(1, 3)):
        code += [
            "[[recommendations]]",
            f'id = "R{w.rng.randint(1, 999)}"',
            f'status = "{w.rng.choice(STATUSES)}"',
            f'owner = "{w.title(2, 3)}"',
            f"due = 2026-{w.rng.randint(1, 12):02d}-{w.rng.randint(1, 28):02d}",
        ]
    code.append("```")
    parts.append("\n".join(code) + "\n")
    parts.append(w.paragraph(2) + "\n")
    return "\n".join(parts)


def front_matter(title, weight, date=None, more="", terms=None, hugo=False):
    """TOML front matter. Sections have no date: Zola refuses one there. Terms go in a
    `[taxonomies]` table for Zola and safesite, as top-level keys for Hugo."""
    dated = f"date = {date}\n" if date else ""
    listed = ""
    if terms:
        listed = "" if hugo else "[taxonomies]\n"
        listed += "".join(f"{name} = {json.dumps(values)}\n" for name, values in terms.items())
    return f'+++\ntitle = "{title}"\n{dated}weight = {weight}\n{more}{listed}+++\n\n'


CONFIG = """base_url = "https://example.org"
title = "Benchmark partnership"
compile_sass = false
build_search_index = false
generate_feeds = false
taxonomies = [
    { name = "themes", paginate_by = 10 },
    { name = "agencies", paginate_by = 10 },
]

[markdown]
smart_punctuation = true

[markdown.highlighting]
style = "class"
theme = "github-light"
"""

HUGO_CONFIG = """baseURL = "https://example.org/"
title = "Benchmark partnership"
contentDir = "content-hugo"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
paginate = 10

[taxonomies]
theme = "themes"
agency = "agencies"

[markup.highlight]
codeFences = true
noClasses = false

[markup.goldmark.extensions]
typographer = true
"""

# Tera templates (safesite and Zola): the same pages Hugo's layouts below make.
PAGER_TERA = """{% if paginator.previous %}<a rel="prev" href="{{ paginator.previous }}">Previous</a>{% endif %}
<span>Page {{ paginator.current_index }} of {{ paginator.number_pagers }}</span>
{% if paginator.next %}<a rel="next" href="{{ paginator.next }}">Next</a>{% endif %}"""
TERA = {
    "base.html": """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{% block title %}{{ config.title }}{% endblock %}</title></head>
<body><main>{% block content %}{% endblock %}</main></body></html>
""",
    "index.html": """{% extends "base.html" %}
{% block content %}<h1>{{ section.title }}</h1>{{ section.content | safe }}
<ul>{% for s in section.subsections %}<li><a href="{{ get_url(path=s) }}">{{ s }}</a></li>{% endfor %}</ul>{% endblock %}
""",
    "section.html": """{% extends "base.html" %}
{% block title %}{{ section.title }}{% endblock %}
{% block content %}<h1>{{ section.title }}</h1>{{ section.content | safe }}
<ul>{% for p in paginator.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>
""" + PAGER_TERA + """{% endblock %}
""",
    "page.html": """{% extends "base.html" %}
{% block title %}{{ page.title }}{% endblock %}
{% block content %}<h1>{{ page.title }}</h1><p>{{ page.date }}</p>{{ page.content | safe }}
<ul>{% for term in page.taxonomies.themes %}<li><a href="{{ get_taxonomy_url(kind="themes", term=term) }}">{{ term }}</a></li>{% endfor %}</ul>{% endblock %}
""",
    "taxonomy_list.html": """{% extends "base.html" %}
{% block title %}{{ taxonomy.name }}{% endblock %}
{% block content %}<h1>{{ taxonomy.name }}</h1>
<ul>{% for term in terms %}<li><a href="{{ term.permalink }}">{{ term.name }}</a> ({{ term.pages | length }})</li>{% endfor %}</ul>{% endblock %}
""",
    "taxonomy_single.html": """{% extends "base.html" %}
{% block title %}{{ term.name }}{% endblock %}
{% block content %}<h1>{{ term.name }}</h1>
<ul>{% for p in paginator.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a></li>{% endfor %}</ul>
""" + PAGER_TERA + """{% endblock %}
""",
}

PAGER_HUGO = """{{ with .Paginator }}{{ if .HasPrev }}<a rel="prev" href="{{ .Prev.URL }}">Previous</a>{{ end }}
<span>Page {{ .PageNumber }} of {{ .TotalPages }}</span>
{{ if .HasNext }}<a rel="next" href="{{ .Next.URL }}">Next</a>{{ end }}{{ end }}"""
HUGO = {
    "_default/baseof.html": """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title></head>
<body><main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "index.html": """{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
    "_default/list.html": """{{ define "title" }}{{ .Title }}{{ end }}
{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}
<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
""" + PAGER_HUGO + """{{ end }}
""",
    "_default/terms.html": """{{ define "title" }}{{ .Title }}{{ end }}
{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
""",
    "_default/single.html": """{{ define "title" }}{{ .Title }}{{ end }}
{{ define "main" }}<h1>{{ .Title }}</h1><p>{{ .Date }}</p>{{ .Content }}
<ul>{{ range .GetTerms "themes" }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul>{{ end }}
""",
}


def save(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def generate(out, pages, sections, seed):
    """Writes the corpus to `out` (replacing it); returns how many pages it has."""
    w = Writer(seed)
    if os.path.exists(out):
        shutil.rmtree(out)
    per_section = max(1, pages // sections)
    links = [f"/section-{s}/page-{p}/" for s in range(sections) for p in range(per_section)]
    save(os.path.join(out, "config.toml"), CONFIG)
    save(os.path.join(out, "hugo.toml"), HUGO_CONFIG)
    for name, text in TERA.items():
        save(os.path.join(out, "templates", name), text)
    for name, text in HUGO.items():
        save(os.path.join(out, "layouts", name), text)
    def both(rel, text, hugo_text=None):
        save(os.path.join(out, "content", rel), text)
        save(os.path.join(out, "content-hugo", rel), hugo_text or text)

    both("_index.md", front_matter("Benchmark partnership", 0) + w.paragraph() + "\n")
    written = 0
    for s in range(sections):
        more = 'sort_by = "weight"\npaginate_by = 10\n'
        both(os.path.join(f"section-{s}", "_index.md"),
             front_matter(f"{w.rng.choice(THEMES)} {s}", s, more=more) + w.paragraph() + "\n")
        for p in range(per_section):
            date = f"2025-03-{1 + written % 28:02d}"
            title = f"{w.title(3, 6)} {written}"
            terms = {"themes": w.rng.sample(TOPICS, w.rng.randint(1, 3)),
                     "agencies": w.rng.sample(AGENCIES, w.rng.randint(1, 2))}
            text = body(w, links)
            both(os.path.join(f"section-{s}", f"page-{p}.md"),
                 front_matter(title, p, date, terms=terms) + text,
                 front_matter(title, p, date, terms=terms, hugo=True) + text)
            written += 1
    return written


def touch(out):
    """Appends a paragraph to the first page (both copies), as an edit between two builds."""
    for content in ("content", "content-hugo"):
        path = os.path.join(out, content, "section-0", "page-0.md")
        with open(path, "a", encoding="utf-8") as f:
            f.write("\nA paragraph added to time a rebuild.\n")
    return os.path.join(out, "content", "section-0", "page-0.md")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--sections", type=int, default=0,
                        help="how many sections (default: one per 100 pages)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", help="the folder to write the corpus to")
    parser.add_argument("--touch", metavar="DIR", help="edit one page of the corpus in DIR")
    args = parser.parse_args()
    if args.touch:
        print(touch(args.touch))
        return
    if not args.out:
        parser.error("--out is required")
    sections = args.sections or max(1, args.pages // 100)
    pages = generate(args.out, args.pages, sections, args.seed)
    print(f"wrote {pages} pages in {sections} sections to {args.out}")


if __name__ == "__main__":
    main()
