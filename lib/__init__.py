"""Đôn Đốc: follow-up of directives, public investment, land projects and the PAR index."""
