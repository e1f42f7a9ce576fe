"""Page file of "Vragen" (see app/ask.py)."""

from app.ask import page

page()
