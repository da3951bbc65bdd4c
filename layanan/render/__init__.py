"""Pages from templates: which page shows what, filters, messages, JSON-LD, QR codes, what can be reused."""
