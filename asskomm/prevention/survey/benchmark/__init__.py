"""The benchmark across the alliance: each participating KPR's share for every standard item of the
bank beside the alliance's median and quartiles, overall and by size class. `compute` defines the
figures (the worker `workers.compute_survey_benchmark` writes them), `reading` and `views` show
them to the KPR and to the state council."""
