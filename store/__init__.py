"""Cases, their audit trail and offers, on SQLite or PostgreSQL; Alembic owns the schema."""
