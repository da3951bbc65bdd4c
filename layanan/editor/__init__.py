"""The browser editor: Decap CMS behind a login, our checks before every write, git for history."""
