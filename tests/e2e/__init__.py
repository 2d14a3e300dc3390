"""Browser tests: the real app under `streamlit run`, driven in Chromium through Playwright."""
