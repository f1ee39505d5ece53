"""kit.serve: `chatkit serve`, an OpenAI-compatible HTTP API (and web chat) over a tuned model."""
