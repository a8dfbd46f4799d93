"""Production settings: pelicanconf.py plus what only the live site needs."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = "https://votrecoachweb.com"  # absolute links, canonical URLs and feeds
RELATIVE_URLS = False

FEED_ALL_ATOM = "feeds/all.atom.xml"
FEED_DOMAIN = SITEURL

LEAN_OUTPUT = True  # minify HTML/CSS, fingerprint theme assets (plugins/lean_output)
PRECOMPRESS_GZIP = True  # .gz beside each text file, served by Apache/nginx as is
PRECOMPRESS_BROTLI = True  # .br likewise, for browsers that accept it
LEGAL_NOTICE_WARN_MISSING = True  # the live site must not go out with gaps unnoticed
SERVER_CONFIG_HSTS = True  # the live site is HTTPS only
