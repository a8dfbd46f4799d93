"""Pelican settings for votrecoachweb.com, used by every build (see publishconf.py).

Sections: site identity, content, URLs, reading, theme, plugins. Each value that
is not Pelican's default says why it is set.
"""

# --- Site identity -----------------------------------------------------------
SITENAME = "Votre Coach Web"
AUTHOR = "bertrand"  # the WordPress author name found in the export
SITESUBTITLE = "Coaching et conseil web"  # the tagline under the site name
SITEURL = ""  # empty in development: links are root-relative (publishconf sets it)
DEFAULT_LANG = "fr"
TIMEZONE = "Europe/Paris"
LOCALE = ("fr_FR.UTF-8", "fr_FR", "")  # French month names where the system has them

# --- Content -----------------------------------------------------------------
PATH = "content"
PAGE_PATHS = ["pages"]  # migrated WordPress pages and new service pages
# Blog posts. content/pages/ is offered to the article generator too, so that an
# export with `layout: post` becomes an article (plugins/wordpress_export skips
# everything else there); each file is still read only once.
ARTICLE_PATHS = ["articles", "pages"]
ARTICLE_EXCLUDES = []
PAGE_EXCLUDES = []
PATH_METADATA = r"(?P<folder>[^/]+)/.*"  # "pages" or "articles", used for the rule above
STATIC_PATHS = ["images", "wp-content"]  # WordPress uploads keep their old paths
OUTPUT_PATH = "output"
DELETE_OUTPUT_DIRECTORY = False  # sitetools.build writes a fresh folder and swaps it in

# --- URLs ----------------------------------------------------------------------
# Clean URLs: /<slug>/ served from /<slug>/index.html on any host.
# The slug is the file name: `invoke new` and the WordPress export both name files by slug.
SLUGIFY_SOURCE = "basename"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
ARTICLE_URL = "blog/{slug}/"
ARTICLE_SAVE_AS = "blog/{slug}/index.html"
# Pages nobody asked for (tag, category and author listings) are not built.
TAGS_SAVE_AS = TAG_SAVE_AS = ""
CATEGORIES_SAVE_AS = CATEGORY_SAVE_AS = ""
AUTHORS_SAVE_AS = AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "404"]  # 404.html is what servers answer for a missing page

# Feeds are for the publish build (absolute URLs); none in development.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# --- Reading -----------------------------------------------------------------
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},  # tables, attr_list ({: .chapo}), md_in_html…
        "markdown.extensions.toc": {},
    },
    "output_format": "html5",
}
# Addresses of the old WordPress site: links to them become site-relative.
WORDPRESS_OLD_HOSTS = ["votrecoachweb.com", "www.votrecoachweb.com"]
FORMATTED_FIELDS = ["summary", "chapo"]  # front matter fields written in Markdown
# Extra class names marking a lead block, besides "chapo" and "chapeau".
CHAPO_CLASSES = []
# Typogrify stays for what suits French; plugins/french_typography does the rest
# (« », ’, …, no-break spaces), after typogrify, on every text field.
TYPOGRIFY = True
TYPOGRIFY_OMIT_FILTERS = [
    "amp",  # wraps & in <span class="amp"> for an English ornamental style: markup for nothing
    "smartypants",  # English “quotes” and 'apostrophes': French needs « » and ’ (our plugin)
    "initial_quotes",  # hanging-quote spans for English opening quotes: not French practice
    "widont",  # a no-break space before the last word: long French title words then overflow phones
]
# Kept: "caps" wraps acronyms (SEO, PDF) in <span class="caps">, styled in site.css.
TYPOGRIFY_IGNORE_TAGS = ["pre", "code", "kbd", "samp", "script", "style", "textarea"]
DEFAULT_PAGINATION = False

# --- Theme -------------------------------------------------------------------
THEME = "theme"
# The theme builds its own menu from pages; Pelican's default lists every page
# on every page, which makes builds grow with the square of the page count.
DISPLAY_PAGES_ON_MENU = False
DISPLAY_CATEGORIES_ON_MENU = False

# --- Owner's facts: fill these in; the publish build warns for each one unset ---
CONTACT_EMAIL = None  # e.g. "contact@votrecoachweb.com", shown in the footer and home page
LEGAL_NOTICE = {  # "Mentions légales", required on a French professional site
    "publisher": None,  # name of the person or company publishing the site
    "legal_form": None,  # e.g. "Entreprise individuelle"
    "siret": None,
    "address": None,
    "email": None,
    "phone": None,
    "director": None,  # "directeur de la publication"
    "host_name": None,  # the web host, once chosen
    "host_address": None,
    "host_phone": None,
}
LEGAL_NOTICE_WARN_MISSING = False  # publishconf.py turns it on
LEGAL_NOTICE_URL = "mentions-legales/"
TEMPLATE_PAGES = {"legal_notice.html": "mentions-legales/index.html"}
HOME_EXCLUDED_SLUGS = []
# Menu order of pages that cannot carry `nav_order` (WordPress exports stay as exported).
NAV_ORDER_BY_SLUG = {
    "medias-sociaux-et-community-management": 10
}  # slugs of pages that are not services, kept off the home cards

# --- Server rules (plugins/redirects writes output/.htaccess) --------------------
REDIRECTS_HTACCESS_EXTRA = """ErrorDocument 404 /404.html
RewriteEngine On
# _config/ holds the nginx include: not for visitors.
RewriteRule ^_config/ - [R=404,L]
"""

SERVER_CONFIG_HSTS = False  # HSTS only on the live HTTPS site (publishconf.py)

# --- Plugins -----------------------------------------------------------------
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "yaml_markdown",  # YAML front matter for .md files
    "wordpress_export",  # WordPress exports: front matter mapping, body migration, safety
    "chapo",  # the lead block becomes summary, lead section and meta description
    "responsive_images",  # uploads get width/height, srcset variants, lazy loading
    "french_typography",  # French spaces, « », ’, … on titles, leads, bodies (after chapo)
    "redirects",  # old WordPress URLs: .htaccess, nginx, _redirects, stubs, forwarding script
    "seo",  # sitemap.xml, robots.txt, JSON-LD
    "server_config",  # security headers, caching, precompressed files for each host
    "navigation",  # the menu: pages with `nav_order`, computed once per build
    "legal_notice",  # "Mentions légales" from LEGAL_NOTICE; publish warns on gaps
    "lean_output",  # publish build: minified HTML/CSS, content-hashed theme assets
    "pelican.plugins.precompress",  # publish build: .gz and .br beside each text file
]

# --- Output weight (publishconf.py turns these on) ------------------------------
LEAN_OUTPUT = False  # development output stays readable
PRECOMPRESS_GZIP = False
PRECOMPRESS_BROTLI = False
PRECOMPRESS_ZSTANDARD = False  # no server we target serves .zst files
PRECOMPRESS_ZOPFLI = False  # zopfli is not installed; plain gzip -9 is enough
