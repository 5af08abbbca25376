"""What every domain app shares: roles, the restricted queryset, generic views, the API and base templates."""
