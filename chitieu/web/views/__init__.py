"""Web pages, split by area. Each view parses input, asks chitieu.org.access, calls a service
or a named query, and renders one template (or its partial for an HTMX request)."""
