"""Production settings: pelicanconf.py plus what only the live site needs."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = "https://votrecoachweb.com"  # absolute links, canonical URLs and feeds
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_DOMAIN = SITEURL
# Feed dates come from the articles; a feed with none is not written (its date
# would be the build time, and every deploy would send it again).
PLUGINS = [*PLUGINS, "feeds"]  # noqa: F405

SHOW_DRAFTS = False  # drafts never reach the live site (each one is named by the build)
RESPONSIVE_IMAGES_ONLY_USED = True  # the live site gets only the uploads pages use
LEAN_OUTPUT = True  # minify HTML/CSS, fingerprint theme assets (plugins/lean_output)
PRECOMPRESS_GZIP = True  # .gz beside each text file, served by Apache/nginx as is
PRECOMPRESS_BROTLI = True  # .br likewise, for browsers that accept it
LEGAL_NOTICE_WARN_MISSING = True  # the live site must not go out with gaps unnoticed
SERVER_CONFIG_HSTS = True  # the live site is HTTPS only
