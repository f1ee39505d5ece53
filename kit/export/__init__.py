"""kit.export: prepared data in other platforms' formats (OpenAI fine-tuning)."""
