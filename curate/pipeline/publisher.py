"""Which publisher a document belongs to, from the config's mappings or the document itself.

Order: `--source` with override, the folder mapping (longest matching folder), the domain
mapping, the name the page or record gives, then `--source` as the default. The config's
mappings win over the page because they are the user's explicit statement.
"""

from __future__ import annotations

from curate.config import SourcesConfig


def resolve_publisher(input_uri: str, domain: str | None, own_name: str | None,
                      sources: SourcesConfig) -> str | None:
    if sources.override and sources.default:
        return sources.default
    path = input_uri.split("#", 1)[0]
    folders = [f for f in sources.folders if path == f or path.startswith(f.rstrip("/") + "/")]
    if folders:
        return sources.folders[max(folders, key=len)]
    if domain:
        for candidate in (domain, ".".join(domain.split(".")[-2:])):
            if candidate in sources.domains:
                return sources.domains[candidate]
    return own_name or sources.default
