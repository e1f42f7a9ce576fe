"""Page file of "Controleren" (see app/check_page.py)."""

from app.check_page import page

page()
