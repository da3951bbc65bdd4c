CMS.init();
