"""Page file of "Lezen" (see app/read.py)."""

from app.read import page

page()
