"""Constants shared by the publishing tests."""

BASE = "https://w3id.org/rightsgraph/"
#: What Chromium and Firefox send when following a link.
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"
HR = BASE + "ontology/"
