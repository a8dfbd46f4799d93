"""Project tooling behind tasks.py: atomic builds, local servers, page scaffolding."""
