"""Command-line subcommands: each module registers its parsers and calls services."""
