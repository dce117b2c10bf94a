-- The retention sweep looks objects of the store up by key, to find those no row refers to.
CREATE INDEX stored_files_by_key ON stored_files (storage_key);
