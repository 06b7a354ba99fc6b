"""Streamlit app: Regional kunskapsbank (`streamlit run app.py`).

The pages live in `search/ui/`, one module each; this file is only the entry
point that Streamlit runs on every page load.
"""

from search.ui import main

main()
