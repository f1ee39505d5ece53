"""`chatkit tune`: Optuna search over recipe keys (config, space, objective, study, report)."""
