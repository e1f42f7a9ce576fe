"""The knowledge base as a service: an HTTP API (`kb serve`, FastAPI) and an MCP server
(`kb mcp`, stdio), both answering from the builds of `kb build` with the records of
`kb.render`. Needs the `serve` extra (`pip install -e ".[serve]"`).

    app.py       the app factory (`create_app`), its options and `serve`
    routes.py    the endpoints
    models.py    request bodies and limits
    problems.py  errors as RFC 9457 problem bodies, in English and Dutch
    guard.py     body limit, API key, access log
    holder.py    the served build, swapped when `kb build` makes a new one
    runs.py      BEIR queries in, TREC run out
    mcp.py       the MCP server

An edge, like kb.cli and app: it imports kb, nothing imports it but kb.cli.
"""
