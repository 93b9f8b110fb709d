"""Qt windows, dialogs and item models. Views call services only."""
