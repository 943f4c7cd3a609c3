"""The performance benchmark (run on demand, never part of the tests): see bench/README.md."""
