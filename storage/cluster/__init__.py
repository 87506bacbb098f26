"""What several bot processes on one PostgreSQL share: locks, rate buckets, flood windows."""
