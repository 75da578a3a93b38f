"""The IRIs of rightsgraph, in one place.

Everything the project mints lives under one persistent base (see the README's
"IRIs" section): terms of the ontology under ``ontology/``, controlled
vocabularies under ``vocab/``, entities under ``id/{kind}/{slug}`` and named
graphs under ``graph/``. Serving locally rewrites the base, never the data.
"""

BASE = "https://w3id.org/rightsgraph/"
ONTOLOGY = BASE + "ontology/"
VOCAB = BASE + "vocab/"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
SHAPES = BASE + "shapes/"

ONTOLOGY_GRAPH = GRAPH + "ontology"
VOCABULARIES_GRAPH = GRAPH + "vocabularies"

# The W3C vocabularies the code names terms of (as strings: both rdflib and pyoxigraph take them).
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
VOID = "http://rdfs.org/ns/void#"
