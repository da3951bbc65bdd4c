"""Every file that is not a page: feeds, open data, calendars, sitemap, search, assets, PDFs, nginx config."""
