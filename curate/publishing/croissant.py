"""Croissant 1.0 JSON-LD (`croissant.json`) beside the card: the same dataset described for ML
tooling (files with their sha256, and one record set whose fields come from the schema)."""

from __future__ import annotations

from typing import Any

from curate.schema import Schema, article_schema_of
from curate.store.manifest import Manifest

CONFORMS_TO = "http://mlcommons.org/croissant/1.0"

# The JSON-LD context the Croissant 1.0 specification recommends (its appendix 1).
_CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "sc": "https://schema.org/",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

_DATA_TYPES = {"string": "sc:Text", "bool": "sc:Boolean", "int32": "sc:Integer", "int64": "sc:Integer",
               "float32": "sc:Float", "float64": "sc:Float"}

RECORD_SET = "articles"
FILE_SET = "parquet-shards"


def croissant(manifest: Manifest, metadata: dict[str, Any], url: str | None) -> dict[str, Any]:
    """The JSON-LD document for one published version; `metadata` is the card's YAML header,
    `url` the dataset's address (None for a local repository: it has none)."""
    schema = article_schema_of(manifest)
    files = [{
        "@type": "cr:FileObject",
        "@id": shard.path,
        "name": shard.path,
        "contentUrl": shard.path,
        "contentSize": f"{shard.bytes} B",
        "encodingFormat": "application/x-parquet",
        "sha256": shard.sha256,
    } for shard in manifest.shards if shard.rows]
    file_set = {"@type": "cr:FileSet", "@id": FILE_SET, "name": FILE_SET,
                "description": "Every Parquet shard of every split.",
                "encodingFormat": "application/x-parquet", "includes": "data/*.parquet"}
    document: dict[str, Any] = {
        "@context": _CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        "name": manifest.name,
        "alternateName": metadata["pretty_name"],
        "description": schema.spec["description"],
        "license": metadata["license"],
        "version": manifest.version,
        "datePublished": manifest.created[:10],
        "inLanguage": metadata["language"],
        "keywords": metadata["tags"],
        "citeAs": f"{manifest.name} {manifest.version} (curate {manifest.pipeline_version})",
        "distribution": [*files, file_set],
        "recordSet": [{
            "@type": "cr:RecordSet",
            "@id": RECORD_SET,
            "name": RECORD_SET,
            "description": schema.spec["description"],
            "key": {"@id": f"{RECORD_SET}/id"},
            "field": [_field(schema, node, RECORD_SET, (node["name"], "")) for node in schema.spec["fields"]],
        }],
    }
    if url is not None:
        document["url"] = url
    return document


def _field(schema: Schema, node: dict[str, Any], parent: str, where: tuple[str, str]) -> dict[str, Any]:
    """One schema node as a `cr:Field`; a list becomes `repeated`, a struct gets `subField`s.

    `where` is (Parquet column, JSONPath inside one value of it): a nested field is read from
    its top-level column and picked out by the path (applied to each item of a list column).
    """
    field_id = f"{parent}/{node['name']}"
    column, path = where
    item = node["items"] if node["type"] == "list" else node
    source: dict[str, Any] = {"fileSet": {"@id": FILE_SET}, "extract": {"column": column}}
    if path:
        source["transform"] = {"jsonPath": path}
    field: dict[str, Any] = {"@type": "cr:Field", "@id": field_id, "name": node["name"],
                             "description": node["description"], "source": source}
    if node["type"] == "list":
        field["repeated"] = True
    if item["type"] == "struct":
        prefix = f"{path}{'[*]' if node['type'] == 'list' else ''}." if path else ""
        field["subField"] = [_field(schema, child, field_id, (column, f"{prefix}{child['name']}"))
                             for child in schema.children(item)]
    else:
        field["dataType"] = _DATA_TYPES[item["type"]]
    return field
