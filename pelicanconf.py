"""Pelican settings for votrecoachweb.com, used by every build (see publishconf.py).

Sections: site identity, content, URLs, reading, theme, plugins. Each value that
is not Pelican's default says why it is set.
"""

# --- Site identity -----------------------------------------------------------
# SITENAME, SITESUBTITLE and WORDPRESS_OLD_URL set to None are taken from the export's
# content/_config.yml (name, description, url); a value here always wins.
SITENAME = "Votre Coach Web"
AUTHOR = "bertrand"  # the WordPress author name found in the export
SITESUBTITLE = "Coaching et conseil web"  # the tagline under the site name
SITEURL = ""  # empty in development: links are root-relative (publishconf sets it)
DEFAULT_LANG = "fr"
TIMEZONE = "Europe/Paris"
LOCALE = ("fr_FR.UTF-8", "fr_FR", "")  # French month names where the system has them

# --- Content -----------------------------------------------------------------
PATH = "content"
# Every file under content/ is read where it is, so a WordPress export drops in
# unchanged (plugins/content_map): pages at any depth, the exporter's posts in
# _posts/ and unpublished items in _drafts/, new posts in articles/.
PAGE_PATHS = [""]
ARTICLE_PATHS = ["_posts", "articles", "_drafts"]  # Pelican keeps these out of pages
PAGE_EXCLUDES = ["wp-content", "images"]  # static folders: copied, never read as pages
ARTICLE_EXCLUDES = []
# Each file's path under content/, from which plugins/content_map makes its URL.
PATH_METADATA = r"(?P<source_relpath>.+)"
USE_FOLDER_AS_CATEGORY = False  # "_posts" is no category


def newest_first(post):
    """Newest post first, posts of one date by file. Pelican reads files in an order
    that changes from one run to the next: ties would change every listing (and
    the pages showing it) at every build."""
    return (-post.date.timestamp(), post.source_path or "")


ARTICLE_ORDER_BY = newest_first  # Pelican's "reversed-date", the same at every build
# The exporter's custom post type folders (e.g. "_portfolios") to build as pages;
# the others are left out with one warning per type.
WORDPRESS_POST_TYPES_AS_PAGES = []
# Drafts (content/_drafts/, or `status: draft`) are shown in previews at their
# final URL with a "Brouillon" banner; publishconf.py leaves them out.
SHOW_DRAFTS = True
STATIC_PATHS = ["images", "wp-content"]  # WordPress uploads keep their old paths
OUTPUT_PATH = "output"
DELETE_OUTPUT_DIRECTORY = False  # sitetools.build writes a fresh folder and swaps it in

# --- URLs ----------------------------------------------------------------------
# Clean URLs: /<slug>/ served from /<slug>/index.html on any host. plugins/content_map
# sets each slug from the file's path: a page's URL is its path under content/, minus a
# leading pages/, without extension, with a trailing slash (content/pages/x.md and an
# exported content/x.md give /x/, an exported child page parent/child.md gives
# /parent/child/, its WordPress address). Posts: /blog/<file name without the
# exporter's date>/, with a 301 from their old permalink (plugins/redirects).
SLUGIFY_SOURCE = "basename"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
ARTICLE_URL = "blog/{slug}/"
ARTICLE_SAVE_AS = "blog/{slug}/index.html"
# A page's own language (plugins/page_language): `lang: en` in front matter makes an
# English page of this French site, not a translation of a French one.
PAGE_LANG_URL = PAGE_URL  # same URL in any language (default: pages/{slug}-{lang}.html)
PAGE_LANG_SAVE_AS = PAGE_SAVE_AS  # same file name likewise
ARTICLE_LANG_URL = ARTICLE_URL  # blog posts in another language keep /blog/<slug>/
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS  # same file name likewise
PAGE_TRANSLATION_ID = None  # no translation groups: each page is an original, never hidden
ARTICLE_TRANSLATION_ID = None  # same for articles
# Pages nobody asked for (tag, category and author listings) are not built.
TAGS_SAVE_AS = TAG_SAVE_AS = ""
CATEGORIES_SAVE_AS = CATEGORY_SAVE_AS = ""
AUTHORS_SAVE_AS = AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "blog", "404"]  # 404.html is what servers answer for a missing page
BLOG_SAVE_AS = "blog/index.html"  # the list of posts, above the posts' /blog/<slug>/
BLOG_URL = "blog/"  # its address in links
PAGINATED_TEMPLATES = {"blog": 10}  # ten posts per page of the list; the home page shows three
# Pages of the list after the first: /blog/page/2/ (Pelican's default: blog/index2.html).
PAGINATION_PATTERNS = [
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
]

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
# Home URL of the old WordPress site (the guid of every exported page names it).
# Links to it, with or without www, http or https, become site-relative; media
# work reuses it. None would take the `url` of the export's _config.yml.
WORDPRESS_OLD_URL = "http://votrecoachweb.com"
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
# Each contact fact is one setting, used everywhere (header call to action, service
# pages, footer, legal notice); a fact left None is not shown, never made up.
CONTACT_EMAIL = None  # e.g. "contact@votrecoachweb.com": mailto: links
CONTACT_PHONE = None  # as it should read, e.g. "06 12 34 56 78": tel: links
CONTACT_URL = None  # a booking page, e.g. "https://…": the primary call to action when set
CONTACT_URL_LABEL = None  # its button text (None: "Prendre rendez-vous")
CONTACT_AREA = None  # city or area served, in the footer, e.g. "Lyon et Rhône-Alpes"
# Social profiles as plain links in the footer: URLs, or ("label", "URL") pairs.
SOCIAL_LINKS = []
SITE_LOGO = None  # logo under content/, e.g. "images/logo.svg" (SVG or raster), in the header
FAVICON = None  # icon under content/, e.g. "images/favicon.png" (None: the theme's own)
ABOUT_PAGE = None  # slug of the page shown as "about" on the home page (None: `a-propos`)
# Folder under content/ of testimonials, one file each (name, role, quote); none shipped.
TESTIMONIALS_PATH = "temoignages"
LEGAL_NOTICE = {  # "Mentions légales", required on a French professional site
    "publisher": None,  # name of the person or company publishing the site
    "legal_form": None,  # e.g. "Entreprise individuelle"
    "siret": None,
    "rcs": None,  # e.g. "RCS Lyon 123 456 789"; False when the business is not registered
    "share_capital": None,  # e.g. "1 000 €" for a company; False for a sole trader
    "vat_number": None,  # e.g. "FR12 123456789"
    "vat_exempt": False,  # True: "TVA non applicable, art. 293 B du CGI" (micro-entrepreneur)
    "address": None,
    "director": None,  # "directeur de la publication"
    "host_name": None,  # the web host, once chosen
    "host_address": None,
    "host_phone": None,
}
LEGAL_NOTICE_WARN_MISSING = False  # publishconf.py turns it on
LEGAL_NOTICE_URL = "mentions-legales/"
TEMPLATE_PAGES = {"legal_notice.html": "mentions-legales/index.html"}
# Menu order of pages that cannot carry `nav_order` (WordPress exports stay as exported).
NAV_ORDER_BY_SLUG = {"medias-sociaux-et-community-management": 10}
# The services shown as cards on the home page, by slug, in this order (plugins/home_page);
# a page whose front matter says `service: true` is one too. No other page is.
SERVICES = ["medias-sociaux-et-community-management"]
# Slug of the exported front page whose text the home page shows (None: `accueil` or `home`).
HOME_PAGE = None

# --- Media (plugins/responsive_images, `invoke fetch-media`) ----------------------
FETCH_MEDIA_HOSTS = {}  # host -> base URL that answers for it (a staging copy of the old site)
FETCH_MEDIA_MAX_BYTES = 25 * 1024 * 1024  # largest file fetch-media accepts
FETCH_MEDIA_TIMEOUT = 30  # seconds allowed per file
FETCH_MEDIA_WORKERS = 4  # parallel downloads
RESPONSIVE_IMAGES_ONLY_USED = False  # True: copy only the uploads pages show or link to

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
    "content_map",  # which file is a page, post or draft, its URL; nothing left out unsaid
    "chapo",  # the lead block becomes summary, lead section and meta description
    "page_language",  # dates in the page's language (Babel), `lang: en` pages, og:locale
    "responsive_images",  # media: local copies, links for what is elsewhere, <picture>, srcset, lazy
    "french_typography",  # French spaces, « », ’, … on titles, leads, bodies (after chapo)
    "redirects",  # old WordPress URLs: .htaccess, nginx, _redirects, stubs, forwarding script
    "internal_links",  # links to old addresses go to the new URLs; links to nothing reported
    "page_checks",  # placeholder text, empty chapô, missing images, missing alt: file:line warnings
    "seo",  # sitemap.xml, robots.txt, JSON-LD
    "server_config",  # security headers, caching, precompressed files for each host
    "owner_facts",  # contact call to action, phone link, social profiles, from the settings
    "home_page",  # the front page's text on the home page, its old addresses to /; services
    "wide_content",  # wide tables and code blocks scroll in their own focusable region
    "share_images",  # og:image for every page, 1200x630, drawn with Pillow (publish build)
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
