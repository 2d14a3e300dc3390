"""The only part of lib that imports streamlit: log-in glue, guards, navigation, shared widgets."""
