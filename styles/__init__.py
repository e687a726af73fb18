"""blogbib's own CSL styles (installed as the package ``blogbib.styles``)."""
