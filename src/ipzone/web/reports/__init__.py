"""Reports in the platform: the office generates the annual report, bulletins and the protection
status from the loaded data and keeps every file with who made it and from which data version."""
