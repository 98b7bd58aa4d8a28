"""``clause report``: the 编制说明 (explanatory report) submitted with a Chinese draft."""
